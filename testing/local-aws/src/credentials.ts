/**
 * Dummy credentials and region for the local stack. s3rver's built-in account uses this key pair;
 * dynalite accepts any.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const DEFAULT_REGION = 'us-east-1';
