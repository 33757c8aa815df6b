import type { VisitEvent } from '@reporting/schemas';
import type { RecordFileFormat } from '../records/record-file-writer';
import { eventFileName } from './event-file-name';
import { createRandom, shuffleInPlace } from '@reporting/utils';

/** One file to upload: its key, its bytes, and what the pipeline must do with it. */
export interface SampleFile<Record = VisitEvent> {
  key: string;
  body: Buffer;
  expect: 'valid' | 'sandbox' | 'invalid';
  /** The record, for valid and sandbox files of one record. */
  event?: Record;
  /** Every record of a valid file, in file order, where the generator says (`exampleFiles`). */
  records?: Record[];
  /** How the file holds its records, where the generator says (`exampleFiles`). */
  format?: RecordFileFormat;
  /** For invalid files: how the quarantine record's first reason starts. */
  reason?: string;
}

const STUDIES = ['adrc', 'dvcid', 'leads'];
const DATATYPES = ['form', 'apoe', 'biomarker', 'dicom'] as const;
const ACTIONS = ['submit', 'pass-qc', 'not-pass-qc', 'delete'] as const;
const CENTERS = ['alpha', 'beta', 'gamma', 'delta'];
const MODULES = ['UDS', 'FTLD', 'LBD', 'MDS'];
const PACKETS = ['I', 'F', 'IT', null];

/** Invalid files of the kinds producers really send, each with the start of the reason it must get. */
export const INVALID_SAMPLES: { name: string; body: (valid: VisitEvent) => Buffer; reason: string }[] = [
  {
    name: 'truncated',
    body: (e) => Buffer.from(JSON.stringify(e).slice(0, 40)),
    reason: 'file is not valid JSON'
  },
  {
    name: 'impossible-date',
    body: (e) => Buffer.from(JSON.stringify({ ...e, visit_date: '2024-02-30' })),
    reason: 'visit_date: "2024-02-30" is not a real calendar date'
  },
  {
    name: 'missing-module',
    body: (e) => Buffer.from(JSON.stringify({ ...e, datatype: 'form', module: null })),
    reason: 'module: null must be a string when datatype is "form"'
  },
  {
    name: 'unknown-field',
    body: (e) => Buffer.from(JSON.stringify({ ...e, colour: 'red' })),
    reason: 'colour: is not an allowed field'
  },
  {
    name: 'bad-utf8',
    body: () => Buffer.from([0x7b, 0xc3, 0x28, 0x7d]),
    reason: 'file is not valid UTF-8 text'
  }
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A valid event; timestamps spread over 2024 so that upload order is not time order. */
export function randomEvent(random: () => number, index: number): VisitEvent {
  const datatype = pick(random, DATATYPES);
  const study = pick(random, STUDIES);
  const visitDay = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 360) * 86_400_000);
  const timestamp = new Date(
    visitDay.getTime() + Math.floor(random() * 30 * 86_400_000) + (index % 1000) * 1000
  );
  return {
    action: pick(random, ACTIONS),
    study,
    pipeline_adcid: 10 + Math.floor(random() * 40),
    project_label: study === 'adrc' ? `ingest-${datatype}` : `ingest-${datatype}-${study}`,
    center_label: pick(random, CENTERS),
    gear_name: 'form-scheduler',
    ptid: String(110000 + Math.floor(random() * 500)),
    visit_date: visitDay.toISOString().slice(0, 10),
    visit_number: String(1 + Math.floor(random() * 5)).padStart(2, '0'),
    datatype,
    module: datatype === 'form' ? pick(random, MODULES) : null,
    packet: pick(random, PACKETS),
    timestamp: timestamp.toISOString().replace('.000Z', 'Z')
  };
}

/**
 * A deterministic sample of event-log files under `prefix`: `valid` valid events across studies and
 * datatypes, `sandbox` practice-project events, and `invalid` broken files (cycling through
 * INVALID_SAMPLES), shuffled so arrival order differs from event time order.
 */
export function generateSampleFiles(options: {
  prefix: string;
  valid: number;
  sandbox?: number;
  invalid?: number;
  seed?: number;
}): SampleFile[] {
  const random = createRandom(options.seed ?? 42);
  const files: SampleFile[] = [];
  for (let i = 0; i < options.valid; i++) {
    const event = randomEvent(random, i);
    // Index in the name keeps keys unique even when two events share every name part.
    files.push({
      key: `${options.prefix}${eventFileName(event, i)}`,
      body: Buffer.from(JSON.stringify(event)),
      expect: 'valid',
      event
    });
  }
  for (let i = 0; i < (options.sandbox ?? 0); i++) {
    const event = { ...randomEvent(random, i), project_label: 'sandbox-form' };
    files.push({
      key: `${options.prefix}sandbox/${eventFileName(event, i)}`,
      body: Buffer.from(JSON.stringify(event)),
      expect: 'sandbox',
      event
    });
  }
  for (let i = 0; i < (options.invalid ?? 0); i++) {
    const kind = INVALID_SAMPLES[i % INVALID_SAMPLES.length];
    files.push({
      key: `${options.prefix}broken/${kind.name}-${i}.json`,
      body: kind.body(randomEvent(random, i)),
      expect: 'invalid'
    });
  }
  return shuffleInPlace(files, random);
}
