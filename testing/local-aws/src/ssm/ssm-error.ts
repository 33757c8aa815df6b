/** An SSM error as the AWS JSON 1.1 protocol sends it: status, `__type` and message. */
export class SsmError extends Error {
  public constructor(
    /** Shape name, e.g. `ParameterNotFound`. */
    public readonly type: string,
    message: string,
    public readonly status: number = 400
  ) {
    super(message);
    this.name = 'SsmError';
  }
}

export function parameterNotFound(name: string): SsmError {
  return new SsmError('ParameterNotFound', `Parameter ${name} not found.`);
}

/** AWS's wording for a request field that breaks a constraint of the API model. */
export function validationError(message: string): SsmError {
  return new SsmError('ValidationException', message);
}
