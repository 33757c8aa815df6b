import { Tracer } from '@aws-lambda-powertools/tracer';
import { powertoolsHandler } from './powertools-calls';

/** Floor 3: Powertools with the Tracer capturing both clients, as in the lambda. */
const tracer = new Tracer();
export const handler = powertoolsHandler((client) => tracer.captureAWSv3Client(client));
