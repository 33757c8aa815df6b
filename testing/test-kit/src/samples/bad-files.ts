import { randomEvent } from './sample-files';
import type { VisitEvent } from '@reporting/schemas';
import type { Random } from '@reporting/utils';
import type { ReasonRule } from './reason-rule';
import type { SuiteFile } from './suite-file';

/** One way of damaging a file, and the quarantine reason it must get. */
export interface BadVariant {
  body: Buffer;
  reason: ReasonRule;
}

/** A kind of bad input the issue lists; `make` picks one of its variants. */
export interface BadFileKind {
  name: string;
  make(random: Random, valid: VisitEvent, limits: { maxFileBytes: number }): BadVariant;
}

const NOT_JSON: ReasonRule = { startsWith: 'file is not valid JSON' };
const NOT_UTF8: ReasonRule = { equals: 'file is not valid UTF-8 text' };
const NESTED: ReasonRule = { includes: 'nested too deeply' };
const MODULE_RULE =
  /^module: .*(required|must be a string|must not be empty|must be null or absent) when datatype is (not )?"form"$/;
const EMPTY: ReasonRule = { equals: 'file is empty' };
const notAllowed = (field: string): ReasonRule => ({ equals: `${field}: is not an allowed field` });

const json = (value: unknown): string => JSON.stringify(value);
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
/** The event's JSON with the center_label value replaced by raw bytes. */
const withRawCenter = (event: VisitEvent, bytes: number[]): Buffer => {
  const [before, after] = json({ ...event, center_label: '\u0001' }).split('\\u0001');
  return Buffer.concat([utf8(before), Buffer.from(bytes), utf8(after)]);
};
const fieldReason = (field: string, text: string): ReasonRule => ({
  startsWith: `${field}: `,
  includes: text
});

/** Every kind of bad input of issue 8 (R4), each with several concrete variants. */
export const BAD_FILE_KINDS: readonly BadFileKind[] = [
  {
    name: 'malformed-json',
    make: (random, e) => {
      const text = json(e);
      const variants = [
        text.replace(/}$/, ',}'),
        text.replace(/"/g, "'"),
        text.replace(/"(\w+)":/g, '$1:'),
        `// written by producer v2\n${text}`,
        text.replace(/"pipeline_adcid":\d+/, '"pipeline_adcid":NaN'),
        `${text}\n${text}`,
        text.replace('"action":', '"action"'),
        `{${text}}`
      ];
      return { body: utf8(pick(random, variants)), reason: NOT_JSON };
    }
  },
  {
    name: 'truncated-json',
    make: (random, e) => {
      const text = json(e);
      return { body: utf8(text.slice(0, 1 + Math.floor(random() * (text.length - 2)))), reason: NOT_JSON };
    }
  },
  {
    name: 'wrong-type',
    make: (random, e) => {
      const variants: [keyof VisitEvent, unknown, string][] = [
        ['pipeline_adcid', String(e.pipeline_adcid), 'must be of type integer'],
        ['action', 3, 'must be of type string'],
        // The schema's own wording for ptid is for its pattern only: a number is a type error.
        ['ptid', Number(e.ptid), 'must be of type string'],
        ['visit_number', 1, 'must be of type string or null'],
        ['timestamp', Date.parse(e.timestamp) / 1000, 'must be of type string'],
        ['center_label', { name: e.center_label }, 'must be of type string'],
        ['packet', true, 'must be of type string or null'],
        ['datatype', null, 'must be of type string'],
        ['visit_date', [e.visit_date], 'must be of type string']
      ];
      const [field, value, text] = pick(random, variants);
      return { body: utf8(json({ ...e, [field]: value })), reason: fieldReason(field, text) };
    }
  },
  {
    name: 'unknown-field',
    make: (random, e) => {
      const name = pick(random, ['colour', 'visit_id', 'comment', 'Ptid', 'timestamp_utc', 'site']);
      const extra = { [name]: pick(random, ['red', 42, null, { a: 1 }]) };
      return {
        body: utf8(json({ ...e, ...extra })),
        reason: notAllowed(name)
      };
    }
  },
  {
    name: 'impossible-date',
    make: (random, e) => {
      if (random() < 0.5) {
        const date = pick(random, [
          '2023-02-29',
          '2024-02-30',
          '2024-04-31',
          '2024-13-01',
          '2024-00-10',
          '2024-1-5'
        ]);
        return {
          body: utf8(json({ ...e, visit_date: date })),
          reason: fieldReason('visit_date', 'is not a real calendar date')
        };
      }
      if (random() < 0.2) {
        // RFC 3339 (the schema's date-time format) allows a leap second; a UTC timestamp cannot hold it.
        const leap = pick(random, ['2016-12-31T23:59:60Z', '2024-06-30T23:59:60Z']);
        return {
          body: utf8(json({ ...e, timestamp: leap })),
          reason: fieldReason('timestamp', 'is a leap second')
        };
      }
      const stamp = pick(random, [
        '2024-02-30T10:00:00Z',
        '2023-02-29T00:00:00Z',
        '2024-01-15T25:00:00Z',
        '2024-01-15T10:61:00Z',
        '2024-13-01T00:00:00Z',
        'yesterday'
      ]);
      return {
        body: utf8(json({ ...e, timestamp: stamp })),
        reason: fieldReason('timestamp', 'is not an ISO 8601 date-time')
      };
    }
  },
  {
    name: 'bad-ptid',
    make: (random, e) => {
      const ptid = pick(random, [
        '',
        '   ',
        '11 0003',
        '12345678901',
        'ptïd',
        '\u0000abc',
        'abc\u007f',
        '110\t003'
      ]);
      return { body: utf8(json({ ...e, ptid })), reason: { startsWith: 'ptid: ' } };
    }
  },
  {
    name: 'module-rule',
    make: (random, e) => {
      const form = { ...e, datatype: 'form' as const };
      const { module: _dropped, ...withoutModule } = form;
      const variants: unknown[] = [
        { ...form, module: null },
        withoutModule,
        { ...form, module: '' },
        { ...e, datatype: 'apoe', module: 'UDS', project_label: 'ingest-apoe' }
      ];
      return {
        body: utf8(json(pick(random, variants))),
        reason: { pattern: MODULE_RULE }
      };
    }
  },
  {
    name: 'invalid-utf8',
    make: (random, e) => {
      const bytes = pick(random, [
        [0xff],
        [0xe9],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xc3, 0x28],
        [0xf8, 0x88, 0x80]
      ]);
      const body =
        random() < 0.2 ? Buffer.concat([utf8(json(e)), Buffer.from([0xe2, 0x82])]) : withRawCenter(e, bytes);
      return { body, reason: NOT_UTF8 };
    }
  },
  {
    name: 'byte-order-mark',
    make: (random, e) => {
      const text = json(e);
      const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);
      const variants: BadVariant[] = [
        { body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), reason: NOT_UTF8 },
        {
          body: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
          reason: NOT_UTF8
        },
        { body: Buffer.concat([utf8Bom, utf8Bom, utf8(text)]), reason: NOT_JSON },
        { body: Buffer.concat([utf8Bom, utf8(text.slice(0, text.length - 5))]), reason: NOT_JSON },
        { body: utf8Bom, reason: EMPTY },
        { body: utf8(text.replace('"action":', '"action":\ufeff')), reason: NOT_JSON }
      ];
      return pick(random, variants);
    }
  },
  {
    name: 'empty-object',
    make: (random) => ({
      body: utf8(pick(random, ['{}', '{ }', '{\n}'])),
      reason: { equals: 'action: is required' }
    })
  },
  {
    name: 'empty-file',
    make: (random) => ({ body: utf8(pick(random, ['', ' ', '\n', '\r\n\t '])), reason: EMPTY })
  },
  {
    name: 'over-size',
    make: (random, e, { maxFileBytes }) => {
      const text = json(e);
      const size = maxFileBytes + 1 + Math.floor(random() * 1024);
      // Valid JSON: only the size is wrong.
      return {
        body: utf8(text.replace('{', `{${' '.repeat(size - text.length)}`)),
        reason: { equals: `file is ${size} bytes, larger than the ${maxFileBytes}-byte limit` }
      };
    }
  },
  {
    // Valid JSON and valid UTF-8 bytes, but the escape names half a character: not storable text.
    name: 'unpaired-surrogate',
    make: (random, e) => {
      const escape = pick(random, ['\\ud800', '\\udfff', '\\ud83d']);
      const field = pick(random, ['center_label', 'gear_name', 'ptid'] as const);
      const body = utf8(json({ ...e, [field]: 'x' }).replace(`"${field}":"x"`, `"${field}":"x${escape}"`));
      return { body, reason: fieldReason(field, 'unpaired UTF-16 surrogate') };
    }
  },
  {
    name: 'deeply-nested',
    make: (random, e) => {
      const depth = 20_000 + Math.floor(random() * 80_000);
      const arrays = '['.repeat(depth) + ']'.repeat(depth);
      const objects = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      const variants = [
        arrays,
        json(e).replace(`"${e.center_label}"`, arrays),
        json(e).replace(`"${e.gear_name}"`, objects)
      ];
      return { body: utf8(pick(random, variants)), reason: NESTED };
    }
  },
  {
    name: 'prototype-key',
    make: (random, e) => {
      const text = json(e);
      const variants: BadVariant[] = [
        {
          body: utf8(text.replace('{', '{"__proto__":{"admin":true},')),
          reason: notAllowed('__proto__')
        },
        { body: utf8(`{"__proto__":${text}}`), reason: notAllowed('__proto__') },
        {
          body: utf8(text.replace('{', '{"constructor":{"prototype":{"admin":true}},')),
          reason: notAllowed('constructor')
        },
        { body: utf8(text.replace('{', '{"prototype":{},')), reason: notAllowed('prototype') },
        {
          body: utf8(text.replace('{', '{"__proto__":null,')),
          reason: notAllowed('__proto__')
        }
      ];
      return pick(random, variants);
    }
  },
  {
    name: 'non-integer-number',
    make: (random, e) => {
      const value = pick(random, [
        '44.5',
        '1e400',
        '-1',
        '2147483648',
        '99999999999999999999',
        '1.5e-3',
        '-0.5'
      ]);
      return {
        body: utf8(json(e).replace(/"pipeline_adcid":\d+/, `"pipeline_adcid":${value}`)),
        reason: { startsWith: 'pipeline_adcid: ' }
      };
    }
  },
  {
    name: 'odd-key-characters',
    make: (random, e) => {
      const key = pick(random, [
        'action ',
        ' action',
        'Action',
        'act\u0000ion',
        '\u0430ction',
        'action\u200b',
        'act\nion',
        'action\ud83d\ude00'
      ]);
      const text = json(e).replace('"action":', `${json(key)}:`);
      return { body: utf8(text), reason: notAllowed(key) };
    }
  },
  {
    name: 'not-an-object',
    make: (random, e) => {
      const text = pick(random, ['null', '[]', `[${json(e)}]`, '"event"', '42', 'true']);
      return { body: utf8(text), reason: { startsWith: '(event): ', includes: ' must be of type object' } };
    }
  }
];

/** Characters S3 URL-encodes in notifications, so that bad files also test key decoding. */
const ODD_NAME_PARTS = ['', ' space', '+plus', '%25', 'caf\u00e9', '\u6771\u4eac', '=&'];

/**
 * `count` bad files cycling through every kind (each kind at least once when count ≥ kinds),
 * under `prefix`, each with the reason its quarantine record must give.
 */
export function badFiles(
  random: Random,
  options: {
    prefix: string;
    count: number;
    maxFileBytes: number;
    kinds?: readonly BadFileKind[];
    /** Index of the first file (keys and the kind cycle continue from there). */
    firstIndex?: number;
  }
): SuiteFile[] {
  const kinds = options.kinds ?? BAD_FILE_KINDS;
  const files: SuiteFile[] = [];
  const first = options.firstIndex ?? 0;
  for (let i = first; i < first + options.count; i++) {
    const kind = kinds[i % kinds.length];
    const variant = kind.make(random, randomEvent(random, i), { maxFileBytes: options.maxFileBytes });
    files.push({
      key: `${options.prefix}bad/${kind.name}/${i}${pick(random, ODD_NAME_PARTS)}.json`,
      body: variant.body,
      expect: 'invalid',
      kind: kind.name,
      reason: variant.reason
    });
  }
  return files;
}
