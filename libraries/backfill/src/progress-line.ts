/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): boolean;
}

/**
 * A progress line: on a terminal, redrawn in place (`\r`); elsewhere (CI logs, files) a plain line at
 * most every `everyMs`, and the last one at the end — no carriage returns in a log.
 */
export function createProgressLine(
  stream: ProgressStream = process.stderr,
  everyMs: number = 5000,
  now: () => number = Date.now
): { write(line: string): void; end(): void } {
  const terminal = stream.isTTY === true;
  let last = '';
  let shown = '';
  let shownAt = -Infinity;
  return {
    write(line) {
      last = line;
      if (terminal) {
        stream.write(`\r${line}`);
        shown = line;
      } else if (now() - shownAt >= everyMs) {
        stream.write(`${line}\n`);
        shown = line;
        shownAt = now();
      }
    },
    end() {
      if (terminal) stream.write('\n');
      else if (last !== shown) stream.write(`${last}\n`);
    }
  };
}
