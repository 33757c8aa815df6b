import { redcapReportConfigSchema, REDCAP_REPORT_CONFIG_EXAMPLE } from '@reporting/schemas';
import { ConfigurationError } from '@reporting/utils';

import { CONFIG_VARIABLES, loadRedcapConfig } from './config';

const env = (reports: unknown, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  TABLE_BUCKET: 'tables-bucket',
  REPORTS: typeof reports === 'string' ? reports : JSON.stringify(reports),
  ...extra
});
const enrolment = {
  name: 'enrolment',
  parameterPath: '/reporting/redcap/enrolment',
  reportId: '42',
  mode: 'overwrite',
  tableKey: 'redcap/enrolment.parquet',
  schedule: 'cron(0 5 * * ? *)'
};
function problems(environment: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadRedcapConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error('the configuration was accepted');
}

test('the schema’s example is a valid configuration, read into reports by name', () => {
  const example = REDCAP_REPORT_CONFIG_EXAMPLE;
  const config = loadRedcapConfig({
    ...example,
    REPORTS: JSON.stringify(example.REPORTS)
  } as NodeJS.ProcessEnv);
  expect([...config.reports.keys()]).toEqual(['enrolment', 'visits']);
  expect(config.reports.get('enrolment')?.export).toEqual({ kind: 'report', reportId: '42' });
  expect(config.reports.get('visits')?.export).toEqual({ kind: 'records' });
  expect(config).toMatchObject({
    tableBucket: 'reporting-checkpoints-prod',
    logLevel: 'INFO',
    serviceName: 'redcap-report'
  });
});

test('the variables read are exactly the schema’s properties', () => {
  expect(CONFIG_VARIABLES).toEqual(Object.keys(redcapReportConfigSchema.properties));
});

test('every problem at once: missing bucket, bad fields of several reports', () => {
  const found = problems({
    REPORTS: JSON.stringify([
      { ...enrolment, mode: 'merge', tableKey: 'x.csv' },
      { ...enrolment, name: 'Bad Name', parameterPath: 'relative', schedule: 'daily' }
    ])
  });
  expect(found.join('\n')).toMatch(/TABLE_BUCKET/);
  expect(found.join('\n')).toMatch(/REPORTS.*mode/);
  expect(found.join('\n')).toMatch(/tableKey.*\.parquet/);
  expect(found.join('\n')).toMatch(/name.*lowercase/);
  expect(found.join('\n')).toMatch(/parameterPath.*SSM path/);
  expect(found.join('\n')).toMatch(/schedule.*cron/);
});

test('REPORTS that is not JSON is one problem, reported with the others', () => {
  const found = problems({ REPORTS: '[{', LOG_LEVEL: 'LOUD' });
  expect(found.filter((p) => p.includes('REPORTS'))).toEqual([
    expect.stringMatching(/^REPORTS: is not JSON/)
  ]);
  expect(found.join('\n')).toMatch(/TABLE_BUCKET/);
  expect(found.join('\n')).toMatch(/LOG_LEVEL/);
});

test('exactly one of reportId and allRecords; names and table keys unique', () => {
  const found = problems(
    env([
      { ...enrolment, allRecords: true },
      { ...enrolment, reportId: undefined },
      { ...enrolment, name: 'other' }
    ])
  );
  expect(found).toEqual([
    'REPORTS[0] (enrolment): needs exactly one of reportId or allRecords: true',
    'REPORTS[1] (enrolment): needs exactly one of reportId or allRecords: true',
    'REPORTS[1] (enrolment): another report is named enrolment',
    "REPORTS[1] (enrolment): tableKey redcap/enrolment.parquet is also report enrolment's",
    "REPORTS[2] (other): tableKey redcap/enrolment.parquet is also report enrolment's"
  ]);
});

test('no reports, or unset REPORTS, is refused', () => {
  expect(problems(env([])).join('\n')).toMatch(/REPORTS/);
  expect(problems({ TABLE_BUCKET: 'tables-bucket' }).join('\n')).toMatch(/REPORTS/);
});
