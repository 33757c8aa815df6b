import type { ServerResponse } from 'node:http';

import { escapeXml } from './xml';

/** An error answered the way S3 answers it: a status code and an `<Error>` XML body. */
export class S3Error extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: Record<string, string>;

  constructor(status: number, code: string, message: string, detail: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

export const s3Errors = {
  noSuchKey: (key: string) =>
    new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key }),
  noSuchBucket: (bucket: string) =>
    new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket }),
  noSuchUpload: (uploadId: string) =>
    new S3Error(
      404,
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      { UploadId: uploadId }
    ),
  preconditionFailed: (condition: string) =>
    new S3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
      Condition: condition
    }),
  invalidRange: (range: string, size: number) =>
    new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable', {
      RangeRequested: range,
      ActualObjectSize: String(size)
    }),
  invalidArgument: (message: string, name: string, value: string) =>
    new S3Error(400, 'InvalidArgument', message, { ArgumentName: name, ArgumentValue: value }),
  malformedXml: () =>
    new S3Error(
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema.'
    ),
  internalError: () =>
    new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.'),
  slowDown: () => new S3Error(503, 'SlowDown', 'Please reduce your request rate.')
};

export function sendS3Error(res: ServerResponse, error: S3Error, requestId: string, resource?: string): void {
  const detail = Object.entries(error.detail)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${detail}` +
    (resource ? `<Resource>${escapeXml(resource)}</Resource>` : '') +
    `<RequestId>${requestId}</RequestId></Error>`;
  res.statusCode = error.status;
  res.setHeader('Content-Type', 'application/xml');
  res.setHeader('x-amz-request-id', requestId);
  // HEAD answers carry no body; the SDK then reads the status alone (as with S3).
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}
