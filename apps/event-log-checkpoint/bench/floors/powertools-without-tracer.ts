import { powertoolsHandler } from './powertools-calls';

/** Floor 2: Powertools without the Tracer (no X-Ray SDK in the bundle). */
export const handler = powertoolsHandler();
