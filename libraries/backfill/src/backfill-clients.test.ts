import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { BACKFILL_MAX_SOCKETS, createBackfillClients, type BackfillClients } from './backfill-clients';

describe('createBackfillClients', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  /**
   * The most requests a server holds at once from `send` × `count` sent together: it answers nothing
   * until `count` are open or 1.5 s have passed, so a client limited to fewer sockets shows its limit.
   */
  async function mostInFlight(
    count: number,
    send: (clients: BackfillClients, i: number) => Promise<unknown>
  ): Promise<number> {
    const held = new Set<ServerResponse>();
    let most = 0;
    const answerAll = (): void => {
      for (const res of held) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      held.clear();
    };
    const server = createServer((req, res) => {
      req.resume();
      held.add(res);
      most = Math.max(most, held.size);
      if (held.size === count) answerAll();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'y'
    });
    const clients = createBackfillClients();
    const timer = setInterval(answerAll, 1500);
    try {
      await Promise.all(Array.from({ length: count }, (_, i) => send(clients, i)));
    } finally {
      clearInterval(timer);
      for (const client of [clients.s3, clients.dynamodb, clients.sqs]) client.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    return most;
  }

  it(`S3 and DynamoDB clients keep up to ${BACKFILL_MAX_SOCKETS} requests on the wire to one endpoint (the SDK's default agent: 50)`, async () => {
    const s3 = await mostInFlight(BACKFILL_MAX_SOCKETS, (clients, i) =>
      clients.s3.send(new GetObjectCommand({ Bucket: 'b', Key: `k${i}` }))
    );
    const dynamodb = await mostInFlight(BACKFILL_MAX_SOCKETS, (clients, i) =>
      clients.dynamodb.send(new GetItemCommand({ TableName: 't', Key: { id: { S: `k${i}` } } }))
    );
    expect({ s3, dynamodb }).toEqual({ s3: BACKFILL_MAX_SOCKETS, dynamodb: BACKFILL_MAX_SOCKETS });
  });
});
