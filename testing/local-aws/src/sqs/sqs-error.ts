/** An SQS error as the AWS JSON 1.0 protocol sends it: `__type`, message, and the query-compatible code. */
export class SqsError extends Error {
  public constructor(
    /** Shape name, e.g. `QueueDoesNotExist`. */
    public readonly type: string,
    message: string,
    /** The code of the query protocol (`x-amzn-query-error`), e.g. `AWS.SimpleQueueService.NonExistentQueue`. */
    public readonly queryCode: string = type,
    public readonly status: number = 400
  ) {
    super(message);
    this.name = 'SqsError';
  }
}
