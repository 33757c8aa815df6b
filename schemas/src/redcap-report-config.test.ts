import { REDCAP_REPORT_CONFIG_EXAMPLE, validateRedcapReportConfig } from './index';

describe('redcap-report-config schema', () => {
  it('accepts the example, applying the LOG_LEVEL default', () => {
    const { LOG_LEVEL, ...withoutLevel } = REDCAP_REPORT_CONFIG_EXAMPLE;
    expect(LOG_LEVEL).toBe('INFO');
    const result = validateRedcapReportConfig(withoutLevel);
    expect(result.valid && result.value.LOG_LEVEL).toBe('INFO');
  });

  it('refuses, each with its own wording: a bad name, a relative path, a bad mode, a key without .parquet, a schedule that is neither cron nor rate, an unknown property', () => {
    const [report] = REDCAP_REPORT_CONFIG_EXAMPLE.REPORTS;
    const result = validateRedcapReportConfig({
      ...REDCAP_REPORT_CONFIG_EXAMPLE,
      REPORTS: [
        {
          ...report,
          name: 'Enrolment',
          parameterPath: 'reporting/redcap',
          mode: 'merge',
          tableKey: 'redcap/enrolment.csv',
          schedule: 'daily',
          reportID: '42'
        }
      ]
    });
    expect(result.valid).toBe(false);
    const errors = result.valid ? '' : result.errors.join('\n');
    expect(errors).toMatch(/name.*lowercase letters/);
    expect(errors).toMatch(/parameterPath.*SSM path/);
    expect(errors).toMatch(/mode/);
    expect(errors).toMatch(/tableKey.*\.parquet/);
    expect(errors).toMatch(/schedule.*cron\(\.\.\.\) or rate/);
    expect(errors).toMatch(/reportID/);
  });

  it('refuses an empty report list and a missing bucket', () => {
    const result = validateRedcapReportConfig({ REPORTS: [] });
    expect(result.valid ? '' : result.errors.join('\n')).toMatch(
      /TABLE_BUCKET[\s\S]*REPORTS|REPORTS[\s\S]*TABLE_BUCKET/
    );
  });
});
