/** Types of decode-stack-trace.js. */

/** `*.map` file name => source map JSON, from `<app>.sourcemaps.zip` or a bundle folder. */
export function readSourceMaps(location: string): Record<string, string>;

/** `text` with every bundle position (`index.mjs:8:88942`) replaced by its source position. */
export function decodeStackTrace(text: string, maps: Record<string, string>): Promise<string>;

/** The stack traces in log text: every `stack` string of JSON log lines, else the text itself. */
export function stackTracesIn(text: string): string[];
