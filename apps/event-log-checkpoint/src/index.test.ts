import * as app from './index';

describe('the package entry point', () => {
  it('exports the lambda handler and its declaration, nothing else', () => {
    expect(Object.keys(app).sort()).toEqual(['eventLogLambda', 'handler']);
    expect(typeof app.handler).toBe('function');
    expect(typeof app.eventLogLambda.fileProcessor).toBe('function');
  });

  it('builds its runtime lazily: a misconfigured environment answers 400 on invocation, not at import', async () => {
    const response = await app.handler({ Records: [] }, {} as never);
    expect(response).toMatchObject({ statusCode: 400 });
  });
});
