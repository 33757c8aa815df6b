// The stand-in checked over HTTP with Node's fetch and csv-parse, against REDCap's behaviour: its
// API documentation (Export Metadata, Export Records, Export Reports) and RestUtility's error bodies.
import { parse } from 'csv-parse/sync';

import { METADATA_COLUMNS } from './data-dictionary';
import { LocalRedcap, startLocalRedcap } from './local-redcap';
import { OTHER_TOKEN, post, SAMPLE_METADATA, SAMPLE_TOKEN, sampleProject } from './test/sample-project';

let redcap: LocalRedcap;
const token = SAMPLE_TOKEN;

beforeAll(async () => {
  redcap = await startLocalRedcap({
    projects: {
      sample: sampleProject(),
      other: sampleProject({ tokens: [OTHER_TOKEN], records: [], reports: { '7': { fields: ['age'] } } })
    }
  });
});
afterAll(() => redcap.close());
afterEach(() => redcap.reset());

const exportForm = (extra: Record<string, string>): Record<string, string> => ({
  token,
  format: 'csv',
  type: 'flat',
  rawOrLabel: 'raw',
  rawOrLabelHeaders: 'raw',
  exportCheckboxLabel: 'false',
  returnFormat: 'json',
  ...extra
});

async function csv(form: Record<string, string>): Promise<string[][]> {
  const response = await post(redcap.url, form);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  return parse(await response.text()) as string[][];
}

describe('content=metadata', () => {
  test('CSV: REDCap’s 18 columns in order, one row per field (descriptive ones included), absent columns empty', async () => {
    const [header, ...rows] = await csv({ token, content: 'metadata', format: 'csv', returnFormat: 'json' });
    expect(header).toEqual([...METADATA_COLUMNS]);
    expect(rows.map((row) => row[0])).toEqual(SAMPLE_METADATA.map((field) => field.field_name));
    const age = rows.find((row) => row[0] === 'age')!;
    expect(Object.fromEntries(header.map((column, i) => [column, age[i]]))).toMatchObject({
      form_name: 'demographics',
      field_type: 'text',
      text_validation_type_or_show_slider_number: 'integer',
      text_validation_min: '0',
      text_validation_max: '120',
      required_field: 'y',
      section_header: '',
      field_annotation: ''
    });
  });

  test('CSV quotes values with a space, as PHP’s fputcsv does, and only those (and the usual ones)', async () => {
    const response = await post(redcap.url, { token, content: 'metadata', format: 'csv' });
    const text = await response.text();
    expect(text.split('\n')[1]).toBe('record_id,demographics,,text,"Record ID",,,,,,,,,,,,,');
    expect(text.endsWith('\n')).toBe(true);
  });

  test('JSON: an array of objects with every column as a string', async () => {
    const response = await post(redcap.url, { token, content: 'metadata', format: 'json' });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const rows = (await response.json()) as Record<string, string>[];
    expect(rows).toHaveLength(SAMPLE_METADATA.length);
    expect(Object.keys(rows[0])).toEqual([...METADATA_COLUMNS]);
    expect(rows.find((row) => row.field_name === 'race')?.select_choices_or_calculations).toBe(
      '1, White | 2, Black, or African American | -1, Unknown'
    );
  });

  test('fields[] and forms select rows; an unknown field is a 400 naming it', async () => {
    const [, ...rows] = await csv({
      token,
      content: 'metadata',
      format: 'csv',
      'fields[0]': 'age',
      forms: 'visit'
    });
    expect(rows.map((row) => row[0])).toEqual(['age', 'visit_at', 'weight', 'bmi', 'fasting', 'comments']);
    const bad = await post(redcap.url, {
      token,
      content: 'metadata',
      format: 'csv',
      returnFormat: 'json',
      fields: 'nope'
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: `The following values in the parameter "fields" are not valid: 'nope'`
    });
  });
});

describe('content=record (flat, raw)', () => {
  test('record id first, checkboxes as field___code 0/1, no descriptive field, each form followed by <form>_complete', async () => {
    const [header, ...rows] = await csv(exportForm({ content: 'record' }));
    expect(header).toEqual([
      'record_id',
      'name',
      'dob',
      'age',
      'sex',
      'race___1',
      'race___2',
      'race____1',
      'consent',
      'demographics_complete',
      'visit_at',
      'weight',
      'bmi',
      'fasting',
      'comments',
      'visit_complete'
    ]);
    expect(rows).toHaveLength(3);
    const first = Object.fromEntries(header.map((column, i) => [column, rows[0][i]]));
    expect(first).toMatchObject({
      race___1: '1',
      race___2: '0',
      race____1: '1',
      consent: '1',
      weight: '55.5'
    });
    expect(first.comments).toBe('said "hello", then left\nsecond line');
    const third = Object.fromEntries(header.map((column, i) => [column, rows[2][i]]));
    expect(third).toMatchObject({
      race___1: '0',
      race___2: '0',
      race____1: '0',
      dob: '',
      visit_complete: ''
    });
  });

  test('fields and records narrow the export; the record id field always comes along', async () => {
    const rows = await csv(
      exportForm({ content: 'record', 'fields[0]': 'weight', 'fields[1]': 'sex', 'records[0]': '1' })
    );
    expect(rows).toEqual([
      ['record_id', 'sex', 'weight'],
      ['1', '1', '55.5']
    ]);
  });

  test('JSON: one object per record, keyed by the same columns', async () => {
    const response = await post(redcap.url, {
      ...exportForm({ content: 'record' }),
      format: 'json',
      forms: 'visit'
    });
    const records = (await response.json()) as Record<string, string>[];
    expect(Object.keys(records[0])).toEqual([
      'record_id',
      'visit_at',
      'weight',
      'bmi',
      'fasting',
      'comments',
      'visit_complete'
    ]);
    expect(records.map((r) => r.record_id)).toEqual(['1', '2', '3']);
  });

  test('a project without records exports the header row only', async () => {
    const rows = await csv({ ...exportForm({ content: 'record', fields: 'age' }), token: OTHER_TOKEN });
    expect(rows).toEqual([['record_id', 'age']]);
  });

  test('what the stand-in does not implement is refused with a 400 that says so', async () => {
    const response = await post(
      redcap.url,
      exportForm({ content: 'record', type: 'eav', rawOrLabel: 'label' })
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'local-redcap does not implement type=eav, rawOrLabel=label'
    });
    const xml = await post(redcap.url, { ...exportForm({ content: 'record' }), format: 'xml' });
    expect(xml.status).toBe(400);
  });

  test('an unknown form is a 400 naming it', async () => {
    const response = await post(redcap.url, exportForm({ content: 'record', 'forms[]': 'labs' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: `The following values in the parameter "forms" are not valid: 'labs'`
    });
  });
});

describe('content=report', () => {
  test('the report’s fields in its order after the record id, its filter applied', async () => {
    const rows = await csv(exportForm({ content: 'report', report_id: '42' }));
    expect(rows).toEqual([
      ['record_id', 'age', 'race___1', 'race___2', 'race____1', 'weight'],
      ['1', '36', '1', '0', '1', '55.5'],
      ['3', '85', '0', '0', '0', '']
    ]);
    expect((await csv(exportForm({ content: 'report', report_id: '43' })))[0]).toEqual([
      'record_id',
      'sex',
      'visit_complete'
    ]);
  });

  test('a report of another project, or none, is refused as REDCap does (403); a malformed id is a 400', async () => {
    const foreign = await post(redcap.url, exportForm({ content: 'report', report_id: '7' }));
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({
      error: 'The API request cannot complete because report_id=7 does not belong to this project.'
    });
    const missing = await post(redcap.url, exportForm({ content: 'report' }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'The value of the parameter "report_id" is not valid' });
  });
});

describe('errors', () => {
  test.each([
    ['an unknown token', { token: '0123456789ABCDEF0123456789ABCDEF' }],
    ['a malformed token', { token: 'not a token!' }],
    ['no token', { token: '' }]
  ])('%s: 403 with REDCap’s body, in the returnFormat asked for', async (_name, form) => {
    const json = await post(redcap.url, { ...exportForm({ content: 'record' }), ...form });
    expect(json.status).toBe(403);
    expect(await json.json()).toEqual({ error: 'You do not have permissions to use the API' });
    const csvError = await post(redcap.url, {
      ...exportForm({ content: 'record' }),
      ...form,
      returnFormat: 'csv'
    });
    expect(await csvError.text()).toBe('ERROR: You do not have permissions to use the API');
    const xml = await post(redcap.url, { content: 'record', ...form });
    expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(await xml.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8" ?><hash><error>You do not have permissions to use the API</error></hash>'
    );
  });

  test('an unsupported content is a 400; a GET is a 501; another path is a 404', async () => {
    const response = await post(redcap.url, { token, content: 'everything', returnFormat: 'json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'The value of the parameter "content" is not valid' });
    const get = await fetch(redcap.url);
    expect(get.status).toBe(501);
    expect(await get.text()).toContain('The requested method is not implemented.');
    expect((await fetch(new URL('/other', redcap.url))).status).toBe(404);
  });

  test('content=version answers the REDCap version followed', async () => {
    const response = await post(redcap.url, { token, content: 'version' });
    expect(await response.text()).toBe('15.7.6');
  });
});

describe('fault levers and the request log', () => {
  test('slow: nothing arrives before the delay; a client that gives up leaves an incomplete entry', async () => {
    redcap.faults.slow(300, 1);
    const started = Date.now();
    await expect(
      post(redcap.url, exportForm({ content: 'metadata' }), AbortSignal.timeout(100))
    ).rejects.toThrow();
    const response = await post(redcap.url, exportForm({ content: 'metadata' }));
    expect(response.status).toBe(200);
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 300 - (Date.now() - started) + 50));
    expect(redcap.requests.map((r) => [r.fault, r.completed])).toEqual([
      ['slow', false],
      [undefined, true]
    ]);
  });

  test('failNext(2): two 500s with REDCap’s body, then the real answer', async () => {
    redcap.project('sample').faults.failNext(2);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await post(redcap.url, exportForm({ content: 'metadata' }));
      statuses.push(response.status);
      if (response.status === 500) {
        expect(await response.json()).toEqual({
          error: 'The server encountered an error processing your request.'
        });
      } else await response.text();
    }
    expect(statuses).toEqual([500, 500, 200]);
    expect(redcap.requests.map((r) => r.fault)).toEqual(['server-error', 'server-error', undefined]);
    expect(() => redcap.faults.failNext(1, 404)).toThrow(/5xx/);
  });

  test('a 503 for another status; a project’s lever leaves the other project alone', async () => {
    redcap.project('other').faults.failNext(1, 503);
    expect((await post(redcap.url, exportForm({ content: 'metadata' }))).status).toBe(200);
    expect(
      (await post(redcap.url, { ...exportForm({ content: 'metadata' }), token: OTHER_TOKEN })).status
    ).toBe(503);
  });

  test('rejectTokens: every token of the project is refused with 403 until reset', async () => {
    redcap.project('sample').faults.rejectTokens();
    const refused = await post(redcap.url, exportForm({ content: 'metadata' }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'You do not have permissions to use the API' });
    expect(
      (await post(redcap.url, { ...exportForm({ content: 'metadata' }), token: OTHER_TOKEN })).status
    ).toBe(200);
    redcap.project('sample').faults.rejectTokens(false);
    expect((await post(redcap.url, exportForm({ content: 'metadata' }))).status).toBe(200);
    expect(redcap.requests[0]).toMatchObject({ project: 'sample', status: 403, fault: 'bad-token' });
  });

  test('truncateNext: full Content-Length, part of the body, then the connection drops: reading fails', async () => {
    redcap.faults.truncateNext(1);
    const response = await post(redcap.url, exportForm({ content: 'record' }));
    expect(response.status).toBe(200);
    const length = Number(response.headers.get('content-length'));
    expect(length).toBeGreaterThan(100);
    await expect(response.text()).rejects.toThrow();
    const whole = await (await post(redcap.url, exportForm({ content: 'record' }))).text();
    expect(Buffer.byteLength(whole)).toBe(length);
    expect(redcap.requests.map((r) => [r.fault, r.completed])).toEqual([
      ['truncated', false],
      [undefined, true]
    ]);
  });

  test('the log keeps every parameter but the token', async () => {
    await (await post(redcap.url, exportForm({ content: 'report', report_id: '42' }))).text();
    const [entry] = redcap.requests;
    expect(entry).toMatchObject({ project: 'sample', method: 'POST', status: 200, completed: true });
    expect(entry.params).toEqual({
      content: 'report',
      report_id: '42',
      format: 'csv',
      type: 'flat',
      rawOrLabel: 'raw',
      rawOrLabelHeaders: 'raw',
      exportCheckboxLabel: 'false',
      returnFormat: 'json'
    });
    expect(JSON.stringify(redcap.requests)).not.toContain(token);
  });

  test('records and the dictionary can change between requests (drift between runs)', async () => {
    const project = redcap.project('sample');
    const { metadata, records } = project;
    project.metadata = [
      ...metadata,
      { field_name: 'extra', form_name: 'visit', field_type: 'text', field_label: 'Extra' }
    ];
    project.records = [{ record_id: '9', extra: 'x' }];
    try {
      const rows = await csv(exportForm({ content: 'record', fields: 'extra' }));
      expect(rows).toEqual([
        ['record_id', 'extra'],
        ['9', 'x']
      ]);
    } finally {
      project.metadata = metadata;
      project.records = records;
    }
  });
});

describe('configuration mistakes fail at start', () => {
  test.each([
    ['a report naming an unknown field', { reports: { '1': { fields: ['nope'] } } }, /nope/],
    ['a report id that is not a number', { reports: { x: { fields: ['age'] } } }, /not a number/],
    ['no field', { metadata: [] }, /at least one field/]
  ])('%s', async (_name, overrides, message) => {
    await expect(startLocalRedcap({ projects: { p: sampleProject(overrides) } })).rejects.toThrow(message);
  });

  test('a token shared by two projects, an unknown project name', async () => {
    await expect(startLocalRedcap({ projects: { a: sampleProject(), b: sampleProject() } })).rejects.toThrow(
      /already another project's/
    );
    expect(() => redcap.project('nope')).toThrow(/no project nope/);
  });
});
