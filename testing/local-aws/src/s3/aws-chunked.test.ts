// The aws-chunked encoding (SigV4 streaming and unsigned-payload-trailer variants) from the S3 API
// reference "Signature Calculations for the Authorization Header: Transferring Payload in Multiple Chunks".
import fc from 'fast-check';

import { decodeAwsChunked } from './aws-chunked';

function encode(chunks: Buffer[], trailers: Record<string, string>, signed: boolean): Buffer {
  const signature = signed ? ';chunk-signature=' + 'f'.repeat(64) : '';
  const parts: Buffer[] = [];
  for (const chunk of chunks) {
    parts.push(Buffer.from(`${chunk.length.toString(16)}${signature}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`0${signature}\r\n`));
  for (const [name, value] of Object.entries(trailers)) parts.push(Buffer.from(`${name}:${value}\r\n`));
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

test('aws-chunked round trip: decoding an encoded body gives back the payload and trailers, whatever the chunking', () => {
  fc.assert(
    fc.property(
      fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { maxLength: 6 }),
      fc.boolean(),
      (chunks, signed) => {
        const buffers = chunks.map((c) => Buffer.from(c));
        const trailers = { 'x-amz-checksum-crc32': 'AAAAAA==' };
        const decoded = decodeAwsChunked(encode(buffers, trailers, signed));
        expect(decoded.payload.equals(Buffer.concat(buffers))).toBe(true);
        expect(decoded.trailers).toEqual(trailers);
      }
    ),
    { numRuns: 200 }
  );
});

test.each([
  ['a chunk shorter than declared', Buffer.from('a\r\nshort\r\n0\r\n\r\n')],
  ['a size that is not hex', Buffer.from('zz\r\nabc\r\n0\r\n\r\n')],
  ['no final chunk', Buffer.from('3\r\nabc\r\n')],
  ['a chunk without CRLF after it', Buffer.from('3\r\nabcX\r\n0\r\n\r\n')],
  ['a trailer without a colon', Buffer.from('0\r\nbroken-trailer\r\n\r\n')]
])('%s is refused with 400 IncompleteBody', (_name, body) => {
  expect(() => decodeAwsChunked(body)).toThrow(
    expect.objectContaining({ code: 'IncompleteBody', status: 400 })
  );
});
