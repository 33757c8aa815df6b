import { loadRedcapConfig } from './config';
import { parseReportRequest } from './report-request';

const config = loadRedcapConfig({
  TABLE_BUCKET: 'tables-bucket',
  REPORTS: JSON.stringify([
    {
      name: 'enrolment',
      parameterPath: '/r/e',
      reportId: '1',
      mode: 'append',
      tableKey: 'e.parquet',
      schedule: 'rate(1 day)'
    },
    {
      name: 'visits',
      parameterPath: '/r/v',
      allRecords: true,
      mode: 'overwrite',
      tableKey: 'v.parquet',
      schedule: 'rate(1 hour)'
    }
  ])
});

test('the schedule’s input: the report, in its own mode unless the input gives one', () => {
  expect(parseReportRequest({ report: 'enrolment' }, config)).toMatchObject({
    ok: true,
    mode: 'append',
    report: { name: 'enrolment' }
  });
  expect(parseReportRequest({ report: 'enrolment', mode: 'overwrite' }, config)).toMatchObject({
    ok: true,
    mode: 'overwrite'
  });
});

test.each([
  [null, ['the input must be an object: {"report": "<name>", "mode"?: "overwrite" | "append"}']],
  [[], ['the input must be an object: {"report": "<name>", "mode"?: "overwrite" | "append"}']],
  [{}, ['report: is required (one of enrolment, visits)']],
  [{ report: 3 }, ['report: must be a string']],
  [
    { report: 'x', mode: 3, detail: {} },
    [
      'report: no report named "x" (configured: enrolment, visits)',
      'mode: must be overwrite or append, not 3',
      'detail: is not a property of the input (report, mode)'
    ]
  ]
])('bad input %j → every problem', (event, problems) => {
  expect(parseReportRequest(event, config)).toEqual({ ok: false, problems });
});
