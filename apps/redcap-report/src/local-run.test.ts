import { formatSummary, localRun, main } from './local-run';

test('local run: a scheduled export end to end writes the sample project’s table, typed by its dictionary', async () => {
  const summary = await localRun(40);
  expect(summary.response).toMatchObject({ statusCode: 200, records: 40, mode: 'overwrite' });
  expect(summary.rows).toBe(40);
  expect(summary.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
    'record_id:string',
    'dob:date',
    'enrolled_at:timestamp',
    'age:int64',
    'weight:double',
    'consent:boolean',
    'site:string',
    'enrolment_complete:string',
    'symptoms___1:boolean',
    'symptoms___2:boolean',
    'symptoms___3:boolean',
    'score:double',
    'comments:string',
    'visit_complete:string',
    'exported_at:timestamp'
  ]);
  const text = formatSummary(summary);
  expect(text).toMatch(/40 rows, 1 row group/);
  expect(text).toMatch(/^record_id\s+string \(required\)$/m);
}, 60_000);

test('local run: an unknown argument is refused with the usage', async () => {
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  expect(await main(['--bogus'])).toBe(2);
  expect(errors.mock.calls[0][0]).toMatch(/usage: node bin\/local-run.js/);
  errors.mockRestore();
});
