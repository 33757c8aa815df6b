/** The logging this library does; Powertools' Logger fits as it is. */
export interface CheckpointLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

/** One JSON line per message on stdout/stderr. */
export const consoleLogger: CheckpointLogger = {
  info: (message, details) =>
    console.info(JSON.stringify({ level: 'INFO', message, ...details }, bigintAsString)),
  warn: (message, details) =>
    console.warn(JSON.stringify({ level: 'WARN', message, ...details }, bigintAsString))
};

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
