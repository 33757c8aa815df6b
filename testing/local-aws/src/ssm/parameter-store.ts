import { createCipheriv, randomBytes } from 'node:crypto';

import { DEFAULT_REGION } from '../credentials';
import { LOCAL_ACCOUNT_ID } from '../sqs/local-sqs';
import { parameterNotFound, SsmError, validationError } from './ssm-error';

export type ParameterType = 'String' | 'StringList' | 'SecureString';

const TYPES: readonly string[] = ['String', 'StringList', 'SecureString'];
/** AWS limits: names of 1011 characters, 15 levels; values of 4 KB (standard tier). */
const MAX_NAME_LENGTH = 1011;
const MAX_DEPTH = 15;
const MAX_VALUE_BYTES = 4096;
export const MAX_RESULTS_BY_PATH = 10;
export const MAX_NAMES_PER_GET = 10;

interface StoredParameter {
  name: string;
  type: ParameterType;
  value: string;
  /** What an SDK sees of a SecureString read without decryption: KMS ciphertext, base64. */
  ciphertext: string | undefined;
  keyId: string | undefined;
  version: number;
  lastModified: Date;
}

/** A parameter as GetParameter and friends return it (the SDK's `Parameter` shape). */
export interface ParameterView {
  Name: string;
  Type: ParameterType;
  Value: string;
  Version: number;
  LastModifiedDate: number;
  ARN: string;
  DataType: 'text';
}

export interface PutParameterInput {
  Name?: unknown;
  Value?: unknown;
  Type?: unknown;
  Overwrite?: unknown;
  KeyId?: unknown;
}

/**
 * The parameters of one account and region, with SSM's rules: hierarchical names, versions on
 * overwrite, SecureString values that leave only as ciphertext unless decryption is asked for.
 */
export class ParameterStore {
  private readonly _parameters: Map<string, StoredParameter> = new Map();
  // Stands in for the KMS key: the ciphertext must be opaque, not the value in disguise.
  private readonly _key: Buffer = randomBytes(32);

  put(input: PutParameterInput): { Version: number; Tier: 'Standard' } {
    const name = validName(input.Name);
    const value = input.Value;
    if (typeof value !== 'string' || value.length === 0) {
      throw validationError(
        "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1"
      );
    }
    if (Buffer.byteLength(value) > MAX_VALUE_BYTES) {
      throw validationError(
        `1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to ${MAX_VALUE_BYTES}`
      );
    }
    const existing = this._parameters.get(name);
    if (existing && input.Overwrite !== true) {
      throw new SsmError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.'
      );
    }
    const type = input.Type ?? existing?.type;
    if (typeof type !== 'string' || !TYPES.includes(type)) {
      throw validationError(
        `1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`
      );
    }
    const keyId = typeof input.KeyId === 'string' ? input.KeyId : undefined;
    const stored: StoredParameter = {
      name,
      type: type as ParameterType,
      value,
      ciphertext: type === 'SecureString' ? this._encrypt(value) : undefined,
      keyId,
      version: (existing?.version ?? 0) + 1,
      lastModified: new Date()
    };
    this._parameters.set(name, stored);
    return { Version: stored.version, Tier: 'Standard' };
  }

  get(name: unknown, withDecryption: boolean): ParameterView {
    const valid = validName(name);
    const stored = this._parameters.get(valid);
    if (!stored) throw parameterNotFound(valid);
    return view(stored, withDecryption);
  }

  getMany(
    names: unknown,
    withDecryption: boolean
  ): { Parameters: ParameterView[]; InvalidParameters: string[] } {
    if (!Array.isArray(names) || names.length === 0 || names.length > MAX_NAMES_PER_GET) {
      throw validationError(
        `1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAMES_PER_GET} and greater than or equal to 1`
      );
    }
    const parameters: ParameterView[] = [];
    const invalid: string[] = [];
    for (const name of new Set(names.map(String))) {
      const stored = this._parameters.get(name);
      if (stored) parameters.push(view(stored, withDecryption));
      else invalid.push(name);
    }
    return { Parameters: parameters, InvalidParameters: invalid };
  }

  /**
   * One page of the parameters under a path, in name order: its direct children, or every
   * descendant when recursive. The next token is opaque to the caller.
   */
  byPath(input: {
    Path?: unknown;
    Recursive?: unknown;
    WithDecryption?: unknown;
    MaxResults?: unknown;
    NextToken?: unknown;
  }): { Parameters: ParameterView[]; NextToken?: string } {
    const path = input.Path;
    if (typeof path !== 'string' || !path.startsWith('/') || path.length > MAX_NAME_LENGTH) {
      throw validationError(
        'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".'
      );
    }
    const maxResults = input.MaxResults ?? MAX_RESULTS_BY_PATH;
    if (
      typeof maxResults !== 'number' ||
      !Number.isInteger(maxResults) ||
      maxResults < 1 ||
      maxResults > MAX_RESULTS_BY_PATH
    ) {
      throw validationError(
        `1 validation error detected: Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_RESULTS_BY_PATH}`
      );
    }
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const recursive = input.Recursive === true;
    let after = '';
    if (input.NextToken !== undefined) {
      after = decodeToken(input.NextToken);
    }
    const matching = [...this._parameters.keys()]
      .filter((name) => name.startsWith(prefix) && (recursive || !name.slice(prefix.length).includes('/')))
      .sort()
      .filter((name) => name > after);
    const page = matching.slice(0, maxResults);
    const withDecryption = input.WithDecryption === true;
    return {
      Parameters: page.map((name) => view(this._parameters.get(name)!, withDecryption)),
      ...(matching.length > page.length ? { NextToken: encodeToken(page[page.length - 1]) } : {})
    };
  }

  delete(name: unknown): void {
    const valid = validName(name);
    if (!this._parameters.delete(valid)) throw parameterNotFound(valid);
  }

  private _encrypt(value: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this._key, iv);
    const encrypted = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), encrypted]).toString('base64');
  }
}

function validName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw validationError(
      `1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAME_LENGTH} and greater than or equal to 1`
    );
  }
  if (name.includes('/') && !name.startsWith('/')) {
    throw validationError('Parameter name must be a fully qualified name.');
  }
  if (/^\/aws\//i.test(name)) {
    throw new SsmError('AccessDeniedException', `No access to reserved parameter name: ${name}.`);
  }
  const parts = name.split('/').slice(name.startsWith('/') ? 1 : 0);
  if (parts.some((part) => !/^[A-Za-z0-9_.-]+$/.test(part)) || /^\/?(aws|ssm)/i.test(name)) {
    throw validationError(
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_'
    );
  }
  if (parts.length > MAX_DEPTH) {
    throw new SsmError(
      'HierarchyLevelLimitExceededException',
      `A hierarchy can have a maximum of ${MAX_DEPTH} levels.`
    );
  }
  return name;
}

function view(stored: StoredParameter, withDecryption: boolean): ParameterView {
  const arnName = stored.name.startsWith('/') ? stored.name : `/${stored.name}`;
  return {
    Name: stored.name,
    Type: stored.type,
    Value: stored.ciphertext !== undefined && !withDecryption ? stored.ciphertext : stored.value,
    Version: stored.version,
    LastModifiedDate: stored.lastModified.getTime() / 1000,
    ARN: `arn:aws:ssm:${DEFAULT_REGION}:${LOCAL_ACCOUNT_ID}:parameter${arnName}`,
    DataType: 'text'
  };
}

function encodeToken(lastName: string): string {
  return Buffer.from(JSON.stringify({ after: lastName })).toString('base64');
}

function decodeToken(token: unknown): string {
  try {
    const decoded = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { after?: unknown };
    if (typeof decoded.after === 'string') return decoded.after;
  } catch {
    // falls through to the error
  }
  throw new SsmError('InvalidNextToken', 'The specified token is not valid.');
}
