import { VISIT_EVENT_EXAMPLE, validateVisitEvent, type VisitEvent } from './index';

const valid: VisitEvent = { ...VISIT_EVENT_EXAMPLE };

const errorsOf = (input: unknown): string[] => {
  const result = validateVisitEvent(input);
  return result.valid ? [] : result.errors;
};

const withField = (field: string, value: unknown): Record<string, unknown> => ({ ...valid, [field]: value });
const without = (field: string): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...valid };
  delete copy[field];
  return copy;
};

describe('visit-event schema', () => {
  it('accepts the example event from the spec', () => {
    expect(validateVisitEvent(valid)).toEqual({ valid: true, value: valid });
  });

  describe.each([
    'action',
    'pipeline_adcid',
    'project_label',
    'center_label',
    'gear_name',
    'ptid',
    'visit_date',
    'datatype',
    'timestamp'
  ])('required field %s', (field) => {
    it('is rejected when missing', () => {
      expect(errorsOf(without(field))).toContain(`${field}: is required`);
    });
  });

  it.each(['visit_number', 'packet'])('optional nullable %s may be null or absent', (field) => {
    expect(errorsOf(withField(field, null))).toEqual([]);
    expect(errorsOf(without(field))).toEqual([]);
    expect(errorsOf(withField(field, 1))).toEqual([`${field}: 1 must be of type string or null`]);
  });

  describe('action', () => {
    it.each(['submit', 'pass-qc', 'not-pass-qc', 'delete'])('accepts %s', (action) => {
      expect(errorsOf(withField('action', action))).toEqual([]);
    });
    it('is case-sensitive', () => {
      expect(errorsOf(withField('action', 'PASS-QC'))).toEqual([
        'action: "PASS-QC" is not one of submit, pass-qc, not-pass-qc, delete'
      ]);
    });
  });

  describe('study', () => {
    it('defaults to adrc', () => {
      const result = validateVisitEvent(without('study'));
      expect(result.valid && result.value.study).toBe('adrc');
    });
    it('must not be empty', () => {
      expect(errorsOf(withField('study', '  '))).toEqual(['study: must not be empty']);
    });
  });

  describe('pipeline_adcid', () => {
    it('accepts a whole number', () => {
      expect(errorsOf(withField('pipeline_adcid', 0))).toEqual([]);
    });
    it.each([
      [44.5, 'pipeline_adcid: 44.5 must be of type integer'],
      ['44', 'pipeline_adcid: "44" must be of type integer'],
      [1e12, 'pipeline_adcid: 1000000000000 must be <= 2147483647'],
      [-1, 'pipeline_adcid: -1 must be >= 0']
    ])('rejects %p', (value, message) => {
      expect(errorsOf(withField('pipeline_adcid', value))).toEqual([message]);
    });
  });

  describe('ptid', () => {
    it.each(['1', 'ABC-12_x', '!~'])('accepts %p', (ptid) => {
      expect(errorsOf(withField('ptid', ptid))).toEqual([]);
    });
    it('reports a number as a type error, not with the wording written for the pattern', () => {
      expect(errorsOf(withField('ptid', 110160))).toEqual(['ptid: 110160 must be of type string']);
    });
    it.each(['12345678901', 'a b', 'é1', ''])('rejects %p', (ptid) => {
      expect(errorsOf(withField('ptid', ptid))).toEqual([
        `ptid: ${JSON.stringify(ptid)} must be 1–10 printable ASCII characters without spaces`
      ]);
    });
  });

  describe('visit_date', () => {
    it('accepts a leap day', () => {
      expect(errorsOf(withField('visit_date', '2024-02-29'))).toEqual([]);
    });
    it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-1-5', '15/01/2024'])('rejects %p', (date) => {
      expect(errorsOf(withField('visit_date', date))).toEqual([
        `visit_date: "${date}" is not a real calendar date (expected YYYY-MM-DD)`
      ]);
    });
  });

  describe('timestamp', () => {
    it.each([
      '2024-01-15T10:20:00Z',
      '2024-01-15T10:20:00',
      '2024-01-15T10:20:00.123+05:30',
      '2024-01-15T10:20:00-0800'
    ])('accepts %p', (timestamp) => {
      expect(errorsOf(withField('timestamp', timestamp))).toEqual([]);
    });
    it.each(['2024-01-15', 'yesterday', '2024-01-15T25:00:00Z'])('rejects %p', (timestamp) => {
      expect(errorsOf(withField('timestamp', timestamp))).toEqual([
        `timestamp: "${timestamp}" is not an ISO 8601 date-time (e.g. 2024-01-15T10:20:00Z)`
      ]);
    });
  });

  describe('datatype and module', () => {
    it('rejects an unknown datatype', () => {
      expect(errorsOf({ ...valid, datatype: 'mri', module: null })[0]).toMatch(
        /^datatype: "mri" is not one of apoe, /
      );
    });
    it('requires module when datatype is form', () => {
      expect(errorsOf(without('module'))).toEqual(['module: required when datatype is "form"']);
      expect(errorsOf(withField('module', null))).toEqual([
        'module: null must be a string when datatype is "form"'
      ]);
    });
    it('requires module to be null or absent otherwise', () => {
      expect(errorsOf({ ...valid, datatype: 'apoe', module: null })).toEqual([]);
      expect(errorsOf({ ...without('module'), datatype: 'apoe' })).toEqual([]);
      expect(errorsOf({ ...valid, datatype: 'apoe' })).toEqual([
        'module: "LBD" must be null or absent when datatype is not "form"'
      ]);
    });
  });

  describe('whole object', () => {
    it('rejects unknown fields, naming each', () => {
      expect(errorsOf({ ...valid, colour: 'red', __proto__x: 1 })).toEqual([
        'colour: is not an allowed field',
        '__proto__x: is not an allowed field'
      ]);
    });
    it('rejects a "__proto__" key as an unknown field', () => {
      expect(errorsOf(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(valid).slice(1)}`))).toEqual([
        '__proto__: is not an allowed field'
      ]);
    });
    it('trims strings before validation, without changing the input', () => {
      const padded = { ...valid, ptid: ' 110003\t', center_label: ' beta ' };
      const result = validateVisitEvent(padded);
      expect(result).toEqual({ valid: true, value: valid });
      expect(padded.ptid).toBe(' 110003\t');
    });
    it.each([null, [], 'text', 42])('rejects a non-object %p', (input) => {
      expect(errorsOf(input)[0]).toMatch(/^\(event\): .* must be of type object$/);
    });
    it('describes only the failing value: n unknown fields do not serialise the whole event n times', () => {
      // Each unknown field's value counts how often it is serialised; describing the enclosing event per
      // error (the old behaviour) made validation quadratic in the number of errors.
      let serialised = 0;
      const counted = { toJSON: () => ++serialised };
      const input: Record<string, unknown> = { ...valid };
      for (let i = 0; i < 200; i += 1) input[`unknown_${i}`] = counted;
      expect(errorsOf(input)).toHaveLength(200);
      expect(serialised).toBe(0);
    });
    it('lists every problem at once', () => {
      expect(errorsOf({ ...valid, visit_date: '2024-02-30', ptid: '', extra: 1 })).toHaveLength(3);
    });
  });
});
