import * as app from './index';

describe('the package entry point', () => {
  it('exports the lambda handler and the names other projects rely on', () => {
    expect(typeof app.handler).toBe('function');
    expect(app.IDEMPOTENCY_KEY_ATTRIBUTE).toBe('id');
    expect(app.IDEMPOTENCY_TTL_ATTRIBUTE).toBe('expiration');
    expect(app.CONFIG_VARIABLES).toContain('SOURCE_BUCKET');
    expect(typeof app.createRuntime).toBe('function');
    expect(typeof app.ObjectProcessor).toBe('function');
  });

  it('builds its runtime lazily: a misconfigured environment answers 400 on invocation, not at import', async () => {
    const response = await app.handler({ Records: [] }, {} as never);
    expect(response).toMatchObject({ statusCode: 400 });
  });
});
