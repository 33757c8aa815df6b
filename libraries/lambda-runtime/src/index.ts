export { loadConfig, CONFIG_VARIABLES, type LambdaConfig } from './config';
export {
  createLambdaRuntime,
  lazyRuntime,
  type Runtime,
  type RuntimeOverrides,
  type LambdaDefinition
} from './runtime';
export { createHandler, type HandlerRuntime, type DirectResponse, type LambdaResponse } from './handler';
