// Minimal typings for the untyped stand-ins; only this package's internals see them.
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    resetOnClose?: boolean;
  }
  class S3rver {
    constructor(options: S3rverOptions);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    store: {
      rootDirectory: string;
      getResourcePath(bucket: string, key: string | undefined, resource: string): string;
      getBucket(bucket: string): Promise<unknown>;
      putBucket(bucket: string): Promise<unknown>;
      listObjects(
        bucket: string,
        options: { delimiter?: string; startAfter?: string; prefix?: string; maxKeys?: number }
      ): Promise<{
        objects: { key: string; metadata: Record<string, string> }[];
        commonPrefixes: string[];
        isTruncated: boolean;
      }>;
    };
    logger: { exceptions: { unhandle(): void }; close(): void };
  }
  export = S3rver;
}

declare module 'dynalite' {
  import type { Server } from 'node:http';
  function dynalite(options: {
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    path?: string;
  }): Server;
  export = dynalite;
}
