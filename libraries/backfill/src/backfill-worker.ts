import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { BackfillCommand } from './backfill-cli';
import type { BackfillWorkerModule, RoundReply, RoundRequest } from './backfill-workers';
import { createBackfillClients } from './backfill-clients';
import { roundRunner } from './backfill-round';

// A worker thread of BackfillWorkerPool: builds the lambda's runtime once, then runs rounds.
const { path, exportName } = workerData as BackfillWorkerModule;
let run: ((request: RoundRequest) => Promise<RoundReply>) | undefined;
try {
  const command = (createRequire(__filename)(path) as Record<string, BackfillCommand>)[exportName];
  const runRound = roundRunner(command.createRuntime(createBackfillClients()), command.name);
  run = async ({ changes }) => ({ tally: await runRound(changes) });
} catch (error) {
  const message = `backfill worker could not start: ${(error as Error).message}`;
  run = () => Promise.resolve({ error: message });
}
async function reply(request: RoundRequest): Promise<void> {
  let answer: RoundReply;
  try {
    answer = await run!(request);
  } catch (error) {
    answer = { error: `backfill round failed: ${(error as Error).message}` };
  }
  parentPort?.postMessage(answer);
}
parentPort?.on('message', (request: RoundRequest) => {
  reply(request).catch(() => undefined);
});
