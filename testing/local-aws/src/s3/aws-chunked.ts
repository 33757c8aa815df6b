import { S3Error } from './s3-error';

/**
 * Decodes the `aws-chunked` content encoding the SDK uses for streamed uploads:
 * `<hex-size>[;chunk-signature=…]\r\n<bytes>\r\n … 0[;…]\r\n[trailer:value\r\n]*\r\n`.
 * Returns the payload and the trailing headers (lower-cased names), or throws a 400 S3Error.
 */
export interface DecodedChunkedBody {
  payload: Buffer;
  trailers: Record<string, string>;
}

function incomplete(message: string): S3Error {
  return new S3Error(400, 'IncompleteBody', `Malformed aws-chunked body: ${message}`);
}

export function decodeAwsChunked(body: Buffer): DecodedChunkedBody {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw incomplete('missing chunk header');
    const header = body.subarray(offset, lineEnd).toString('latin1');
    const sizeText = header.split(';')[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw incomplete(`bad chunk size "${sizeText}"`);
    const size = parseInt(sizeText, 16);
    offset = lineEnd + 2;
    if (size === 0) break;
    if (offset + size + 2 > body.length) throw incomplete('chunk shorter than its declared size');
    chunks.push(body.subarray(offset, offset + size));
    offset += size;
    if (body.toString('latin1', offset, offset + 2) !== '\r\n')
      throw incomplete('chunk not followed by CRLF');
    offset += 2;
  }
  const trailers: Record<string, string> = {};
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    const line = body.toString('latin1', offset, lineEnd < 0 ? body.length : lineEnd);
    offset = lineEnd < 0 ? body.length : lineEnd + 2;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon < 0) throw incomplete(`bad trailer "${line}"`);
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(chunks), trailers };
}
