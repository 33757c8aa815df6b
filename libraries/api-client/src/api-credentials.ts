import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { ConfigurationError, TransientError } from '@reporting/utils';

/**
 * An API's URL and token, read from SSM Parameter Store under one path:
 *   `<path>/url`   String        e.g. https://redcap.example.org/api/
 *   `<path>/token` SecureString  the API token (decrypted with the parameter's KMS key)
 */
export interface ApiCredentials {
  url: URL;
  token: string;
  /** The path read; name it in messages (e.g. postForm's `credentialSource`), never the token. */
  parameterPath: string;
}

export interface LoadApiCredentialsOptions {
  /** Default: one SSMProvider per process (its SDK client follows AWS_ENDPOINT_URL_SSM and the region). */
  provider?: SSMProvider;
  /** How long a read is reused (Powertools' cache); default 300 s, so a rotated token is picked up within 5 minutes. */
  maxAgeSeconds?: number;
  /** Read SSM again whatever the cache holds (e.g. once after the API refused the cached token). */
  forceFetch?: boolean;
}

export const DEFAULT_CREDENTIALS_MAX_AGE_SECONDS = 300;

let defaultProvider: SSMProvider | undefined;

/**
 * Reads `<path>/url` and `<path>/token` with GetParametersByPath (decrypted, cached by
 * Powertools Parameters) and checks them. Missing or malformed → ConfigurationError naming the
 * path and every problem; SSM failing → TransientError naming the path. Values are never logged.
 */
export async function loadApiCredentials(
  parameterPath: string,
  options: LoadApiCredentialsOptions = {}
): Promise<ApiCredentials> {
  const path = parameterPath.replace(/\/+$/, '');
  if (!path.startsWith('/')) {
    throw new ConfigurationError([`the API parameter path "${parameterPath}" must start with "/"`]);
  }
  const provider = options.provider ?? (defaultProvider ??= new SSMProvider());
  let values: Record<string, unknown> | undefined;
  try {
    // Powertools caches by path only (not by decrypt): every read here decrypts, so none is stale ciphertext.
    values = await provider.getMultiple(path, {
      decrypt: true,
      recursive: false,
      maxAge: options.maxAgeSeconds ?? DEFAULT_CREDENTIALS_MAX_AGE_SECONDS,
      forceFetch: options.forceFetch
    });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    if ((cause as { name?: unknown }).name === 'AccessDeniedException') {
      throw new ConfigurationError([
        `no permission to read the SSM parameters under ${path} (ssm:GetParametersByPath, kms:Decrypt)`
      ]);
    }
    throw new TransientError(`reading the SSM parameters under ${path} failed: ${(cause as Error).message}`, {
      cause: error
    });
  }
  const url = values?.url;
  const token = values?.token;
  const problems: string[] = [];
  let parsed: URL | undefined;
  if (typeof url !== 'string' || url.trim() === '') {
    problems.push(`SSM parameter ${path}/url is missing`);
  } else {
    parsed = URL.canParse(url.trim()) ? new URL(url.trim()) : undefined;
    if (!parsed) problems.push(`SSM parameter ${path}/url is not a URL`);
    else if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      problems.push(`SSM parameter ${path}/url must be an http(s) URL, not ${parsed.protocol}`);
    }
  }
  if (token === undefined) problems.push(`SSM parameter ${path}/token is missing`);
  else if (typeof token !== 'string' || token.trim() === '')
    problems.push(`SSM parameter ${path}/token is empty`);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { url: parsed!, token: (token as string).trim(), parameterPath: path };
}
