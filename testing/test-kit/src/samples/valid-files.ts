import type { VisitEvent } from '@reporting/schemas';
import { eventFileName } from './event-file-name';
import { randomEvent } from './sample-files';
import type { Random } from '@reporting/utils';
import type { SuiteFile } from './suite-file';

/** A valid event file under `prefix`; `index` keeps the key unique. */
export function validFile(prefix: string, event: VisitEvent, index: number): SuiteFile {
  return {
    key: `${prefix}${eventFileName(event, index)}`,
    body: Buffer.from(JSON.stringify(event)),
    expect: 'valid',
    event
  };
}

/** `count` valid files, optionally all routed to one checkpoint (`study`/`datatype`). */
export function validFiles(
  random: Random,
  options: { prefix: string; count: number; firstIndex?: number; study?: string; datatype?: 'apoe' | 'form' }
): SuiteFile[] {
  const files: SuiteFile[] = [];
  for (let i = 0; i < options.count; i++) {
    const index = (options.firstIndex ?? 0) + i;
    let event = randomEvent(random, index);
    if (options.study !== undefined || options.datatype !== undefined) {
      const study = options.study ?? event.study ?? 'adrc';
      const datatype = options.datatype ?? 'apoe';
      event = {
        ...event,
        study,
        datatype,
        module: datatype === 'form' ? 'UDS' : null,
        project_label: `ingest-${datatype}-${study}`
      };
    }
    files.push(validFile(options.prefix, event, index));
  }
  return files;
}

/** A second file with exactly the same content under another key: both must be kept. */
export function identicalCopy(file: SuiteFile, suffix: string): SuiteFile {
  return { ...file, key: file.key.replace(/\.json$/, `-copy-${suffix}.json`) };
}
