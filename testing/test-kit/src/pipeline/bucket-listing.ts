import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { concurrencyLimit } from '@reporting/utils';

/** Every key under a prefix, following continuation tokens (ListObjectsV2 returns 1,000 at most). */
export async function listAllKeys(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })
    );
    for (const object of page.Contents ?? []) keys.push(object.Key!);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** Every object under a prefix parsed as JSON. */
export async function readAllJson<T>(client: S3Client, bucket: string, prefix: string): Promise<T[]> {
  return readJsonObjects<T>(client, bucket, await listAllKeys(client, bucket, prefix));
}

/** These objects parsed as JSON, in the order of `keys`. */
export async function readJsonObjects<T>(
  client: S3Client,
  bucket: string,
  keys: readonly string[]
): Promise<T[]> {
  const limit = concurrencyLimit(16);
  return Promise.all(
    keys.map((key) =>
      limit(async () => {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return JSON.parse(await response.Body!.transformToString()) as T;
      })
    )
  );
}
