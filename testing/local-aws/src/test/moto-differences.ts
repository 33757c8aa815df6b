// Where moto's S3 (moto_server) and this library's local S3 answer differently. This library's
// answers are the ones the AWS documentation gives; each entry names the page that decides it.
// moto-conformance.test.ts requires the conformance tests that fail against moto to be exactly
// these, and moto-differences.md (the list for readers) to name each of them.

export const MOTO_VERSION_CHECKED: string = '5.2.1';

export interface MotoDifference {
  /** The conformance test file (compiled name) and the full name of the test that fails against moto. */
  readonly file: string;
  readonly test: string;
  /** What moto does instead. */
  readonly moto: string;
  /** The AWS documentation that decides the behaviour. */
  readonly decidedBy: string;
  /** A race in moto: the test fails in some runs only (so it may pass). */
  readonly racy?: boolean;
}

const API = 'https://docs.aws.amazon.com/AmazonS3/latest/API';
const GUIDE = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide';

export const MOTO_DIFFERENCES: readonly MotoDifference[] = [
  {
    file: 'conditional-writes.test.js',
    test: 'CompleteMultipartUpload conditional writes If-Match with a stale ETag fails with 412 PreconditionFailed',
    moto: 'ignores If-Match on CompleteMultipartUpload and completes the upload over the newer object',
    decidedBy: `${API}/API_CompleteMultipartUpload.html (If-Match: a mismatch is 412 Precondition Failed); ${GUIDE}/conditional-writes.html`
  },
  {
    file: 'conditional-writes.test.js',
    test: 'CompleteMultipartUpload conditional writes If-Match on a missing key fails with 404 NoSuchKey',
    moto: 'ignores If-Match on CompleteMultipartUpload and creates the key',
    decidedBy: `${GUIDE}/conditional-writes.html (If-Match and no object with that key: 404 NoSuchKey); ${API}/API_CompleteMultipartUpload.html`
  },
  {
    file: 'copy-object.test.js',
    test: 'a copy with a stale x-amz-copy-source-if-match fails with 412 PreconditionFailed',
    moto: 'ignores x-amz-copy-source-if-match and copies',
    decidedBy: `${API}/API_CopyObject.html (x-amz-copy-source-if-match: copy only if the source ETag matches, else 412 Precondition Failed)`
  },
  {
    file: 'multipart-lifecycle.test.js',
    test: 'completing with parts out of order fails with 400 InvalidPartOrder',
    moto: 'answers 400 EntityTooSmall (both parts are 1 byte): it does not check the order at all, see the full-size case',
    decidedBy: `${API}/API_CompleteMultipartUpload.html (errors: InvalidPartOrder, "the parts list must be specified in order by part number")`
  },
  {
    file: 'multipart-lifecycle.test.js',
    test: 'completing with full-size parts out of order fails with 400 InvalidPartOrder',
    moto: 'completes the upload although the parts list is not in ascending order',
    decidedBy: `${API}/API_CompleteMultipartUpload.html (errors: InvalidPartOrder)`
  },
  {
    file: 'streamed-uploads.test.js',
    test: 'a checksum that does not match the body fails with 400 BadDigest',
    moto: 'stores the body although x-amz-checksum-crc32 does not match it',
    decidedBy: `${API}/API_PutObject.html (x-amz-checksum-crc32 verifies the received data); ${API}/ErrorResponses.html (BadDigest)`
  },
  {
    file: 'read-modify-write.test.js',
    test: '32 concurrent read-modify-write clients with If-Match lose no increment',
    moto: 'sometimes loses an increment: moto/s3/responses.py put_object compares If-Match with the current ETag, then calls backend.put_object, with no lock across both, on a threaded server; two writers holding the same ETag can both succeed',
    decidedBy: `${GUIDE}/conditional-writes.html (conditional writes to the same key: one succeeds, the others get 412 or 409 ConditionalRequestConflict)`,
    racy: true
  },
  {
    file: 'conditional-writes.test.js',
    test: 'PutObject conditional writes of 16 concurrent If-None-Match: * writers to one key, exactly one succeeds',
    moto: 'same unlocked check-then-write for If-None-Match: * (not seen failing yet, same code path)',
    decidedBy: `${GUIDE}/conditional-writes.html`,
    racy: true
  },
  {
    file: 'upload-part-copy.test.js',
    test: 'a copy-source range past the end of the source fails with 400 InvalidArgument',
    moto: 'accepts x-amz-copy-source-range bytes=0-10 of a 10-byte source and copies the 10 bytes',
    decidedBy: `${API}/API_UploadPartCopy.html (x-amz-copy-source-range: zero-based byte offsets within the source object)`
  }
];
