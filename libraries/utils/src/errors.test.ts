import {
  BadRequestError,
  ConfigurationError,
  GENERIC_SERVER_ERROR,
  InvalidInputError,
  TransientError,
  toErrorResponse
} from './errors';

describe('toErrorResponse', () => {
  it('shows a bad request its message with 400', () => {
    expect(toErrorResponse(new BadRequestError('event has no Records'))).toEqual({
      statusCode: 400,
      body: JSON.stringify({ message: 'event has no Records' })
    });
  });

  it('lists every configuration problem in one 400 message', () => {
    const error = new ConfigurationError(['SOURCE_BUCKET: is required', 'LOG_LEVEL: "LOUD" is not one of …']);
    expect(error.name).toBe('ConfigurationError');
    expect(toErrorResponse(error)).toEqual({
      statusCode: 400,
      body: JSON.stringify({
        message: 'Invalid configuration: SOURCE_BUCKET: is required; LOG_LEVEL: "LOUD" is not one of …'
      })
    });
  });

  it.each([new TransientError('S3 throttled'), new Error('secret detail'), 'a string'])(
    'hides server-side details behind a generic 500 (%p)',
    (error) => {
      expect(toErrorResponse(error)).toEqual({
        statusCode: 500,
        body: JSON.stringify({ message: GENERIC_SERVER_ERROR })
      });
    }
  );

  it('marks which errors are worth retrying', () => {
    expect(new TransientError('x').retryable).toBe(true);
    expect(new InvalidInputError(['a', 'b']).retryable).toBe(false);
    expect(new InvalidInputError(['a', 'b']).message).toBe('a; b');
  });
});

describe('error names', () => {
  // The deployed bundle is minified: a name taken from the class would be a mangled one in the logs.
  it.each([
    [new BadRequestError('x'), 'BadRequestError'],
    [new ConfigurationError(['x']), 'ConfigurationError'],
    [new TransientError('x', { cause: new Error('throttled') }), 'TransientError'],
    [new InvalidInputError(['x']), 'InvalidInputError']
  ])('%p names itself in its stack and String()', (error, name) => {
    expect(error.name).toBe(name);
    expect(String(error)).toBe(`${name}: ${error.message}`);
    expect(error.stack?.startsWith(`${name}: `)).toBe(true);
  });
});
