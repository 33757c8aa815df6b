/* eslint-disable no-bitwise -- CRC tables are bit arithmetic */
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';

/** The flexible checksums S3 accepts (x-amz-checksum-<algorithm>), base64 of the big-endian digest. */
export type ChecksumAlgorithm = 'crc32' | 'crc32c' | 'crc64nvme' | 'sha1' | 'sha256';

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = [
  'crc32',
  'crc32c',
  'crc64nvme',
  'sha1',
  'sha256'
];

function crcTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32_TABLE = crcTable(0xedb88320);
const CRC32C_TABLE = crcTable(0x82f63b78);

function crc(data: Uint8Array, table: Uint32Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function uint32Base64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString('base64');
}

// zlib.crc32 exists from Node 20.15 / 22.2; the table is the fallback.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The checksum of `data`, or undefined when this library cannot compute that algorithm (CRC64NVME). */
export function computeChecksum(algorithm: ChecksumAlgorithm, data: Uint8Array): string | undefined {
  switch (algorithm) {
    case 'crc32':
      return uint32Base64(nativeCrc32 ? nativeCrc32(data) : crc(data, CRC32_TABLE));
    case 'crc32c':
      return uint32Base64(crc(data, CRC32C_TABLE));
    case 'sha1':
    case 'sha256':
      return createHash(algorithm).update(data).digest('base64');
    default:
      return undefined;
  }
}

export function md5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}
