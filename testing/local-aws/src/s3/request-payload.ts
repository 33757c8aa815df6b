import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { decodeAwsChunked } from './aws-chunked';
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm, computeChecksum } from './checksums';
import { S3Error } from './s3-error';

/** A request body as S3 stores it: transfer framing removed and every checksum the client sent verified. */
export interface RequestPayload {
  payload: Buffer;
  /** Bytes received on the wire for the body, framing included (what a benchmark pays per upload). */
  wireBytes: number;
  /** Checksums the client supplied (headers or trailers), all verified; S3 echoes them back. */
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function isAwsChunked(req: IncomingMessage): boolean {
  const encoding = headerValue(req, 'content-encoding') ?? '';
  const sha = headerValue(req, 'x-amz-content-sha256') ?? '';
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

export async function readRequestPayload(req: IncomingMessage): Promise<RequestPayload> {
  const raw = await readBody(req);
  let payload = raw;
  let trailers: Record<string, string> = {};
  if (isAwsChunked(req)) {
    ({ payload, trailers } = decodeAwsChunked(raw));
    const declared = headerValue(req, 'x-amz-decoded-content-length');
    if (declared !== undefined && Number(declared) !== payload.length) {
      throw new S3Error(
        400,
        'IncompleteBody',
        `You did not provide the number of bytes specified by the x-amz-decoded-content-length header (${declared}, received ${payload.length}).`
      );
    }
  }

  const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const name = `x-amz-checksum-${algorithm}`;
    const supplied = trailers[name] ?? headerValue(req, name);
    if (supplied === undefined) continue;
    const computed = computeChecksum(algorithm, payload);
    if (computed !== undefined && computed !== supplied) {
      throw new S3Error(
        400,
        'BadDigest',
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`
      );
    }
    checksums[algorithm] = supplied;
  }

  const contentMd5 = headerValue(req, 'content-md5');
  if (contentMd5 !== undefined && createHash('md5').update(payload).digest('base64') !== contentMd5) {
    throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  const contentSha256 = headerValue(req, 'x-amz-content-sha256');
  if (contentSha256 && /^[0-9a-f]{64}$/.test(contentSha256)) {
    if (createHash('sha256').update(payload).digest('hex') !== contentSha256) {
      throw new S3Error(
        400,
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed."
      );
    }
  }
  return { payload, wireBytes: raw.length, checksums };
}
