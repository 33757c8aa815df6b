import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** dynalite's HTTP request handler, as taken from its server. */
export type DynaliteHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** A DynamoDB answer: the HTTP status and the parsed JSON body. */
export interface DynamoDbAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Calls one DynamoDB operation on dynalite in process, e.g. `call('GetItem', { TableName, Key })`. */
export type DynaliteCall = (operation: string, request: object) => Promise<DynamoDbAnswer>;

// dynalite checks that a request is signed (it never verifies the signature) before anything else.
const HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20250101T000000Z'
};

/**
 * Drives dynalite's handler with a synthetic request and response, without a socket: the requests a
 * transaction makes internally bypass the server's lock, fault injection and request log, and cost
 * no connection.
 */
export function createDynaliteCall(handler: DynaliteHandler): DynaliteCall {
  return (operation, request) =>
    new Promise<DynamoDbAnswer>((resolve) => {
      const req = Object.assign(Readable.from([Buffer.from(JSON.stringify(request))]), {
        method: 'POST',
        url: '/',
        headers: { ...HEADERS, 'x-amz-target': `DynamoDB_20120810.${operation}` }
      });
      const res = {
        statusCode: 200,
        contentType: '',
        setHeader: () => res,
        end: (text?: string) => {
          resolve({ status: res.statusCode, body: parseBody(text) });
          return res;
        }
      };
      handler(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    });
}

function parseBody(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { message: text }; // dynalite answers a few refusals in XML (never for what a transaction sends)
  }
}
