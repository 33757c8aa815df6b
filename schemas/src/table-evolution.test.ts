import { allBreakingChanges, checkEvolution } from '../scripts/tools/compatibility';
import { describe as describeColumn, findTableChanges } from '../scripts/tools/table-evolution';
import { tableFromSchema } from '../scripts/tools/table-mapping';
import { labResultSchema, visitEventSchema } from './index';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** A one-table schema around the given properties. */
function schemaOf(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { title: 'Probe', 'x-version': '1.0.0', type: 'object', required, properties };
}

/** The table findings (path: what (rule)) of one edit. */
function tableFindings(old: Schema, next: Schema): string[] {
  return findTableChanges(tableFromSchema('probe', old), tableFromSchema('probe', next)).map(
    (f) => `${f.path}: ${f.what} (rule: ${f.rule})`
  );
}

describe('table evolution: a compatible schema edit must leave a table the checkpoints can take', () => {
  it('integer → number is compatible for JSON Schema but widens INT32 to DOUBLE', () => {
    const old = schemaOf({ n: { type: 'integer', minimum: 0, maximum: 100 } });
    const next = schemaOf({ n: { type: 'number', minimum: 0, maximum: 100 } });
    expect(allBreakingChanges('probe', old, next, { tableRules: false })).toEqual([]);
    expect(tableFindings(old, next)).toEqual([
      'n: column "n" would change from INT32 to DOUBLE; checkpoints already written store INT32 ' +
        "(rule: a column's parquet type never changes)"
    ]);
  });

  it('a relaxed maximum turns INT32 into INT64: flagged, naming both types', () => {
    const labResult = copy(labResultSchema) as Schema;
    const relaxed = copy(labResult);
    relaxed.properties.repeat_count.maximum = 3000000000;
    expect(checkEvolution('lab-result', relaxed, new Map([[1, labResult]]))).toEqual([
      'lab-result: repeat_count: column "repeat_count" would change from INT32 to INT64; checkpoints ' +
        "already written store INT32 (rule: a column's parquet type never changes) — breaking within major " +
        'version 1 (released: snapshots/lab-result.v1.json); make it compatible, or bump x-version to 2.0.0: ' +
        'a new major version is a new table (its checkpoints live under a new table path, e.g. .../v2/...), ' +
        'record its snapshot with node scripts/snapshot.js lab-result'
    ]);
  });

  it('dropping an x-parquet override (a date kept as text) changes STRING into DATE', () => {
    const visitEvent = copy(visitEventSchema) as Schema;
    const next = copy(visitEvent);
    delete next.properties.visit_date['x-parquet'];
    expect(allBreakingChanges('visit-event', visitEvent, next).map((f) => f.what)).toEqual([
      'column "visit_date" would change from BYTE_ARRAY STRING to INT32 DATE; checkpoints already written store BYTE_ARRAY STRING'
    ]);
  });

  it('REQUIRED → OPTIONAL is compatible (the engine upgrades to nullable); OPTIONAL → REQUIRED is not', () => {
    const required = schemaOf({ s: { type: 'string' } }, ['s']);
    const optional = schemaOf({ s: { type: 'string' } });
    expect(tableFindings(required, optional)).toEqual([]);
    // A default makes the column REQUIRED (the validator fills it in), although JSON Schema accepts the same.
    const defaulted = schemaOf({ s: { type: 'string', default: 'x' } });
    expect(allBreakingChanges('probe', optional, defaulted, { tableRules: false })).toEqual([]);
    expect(tableFindings(optional, defaulted)).toEqual([
      's: column "s" would change from OPTIONAL to REQUIRED; rows already written may hold null ' +
        '(rule: an OPTIONAL column stays OPTIONAL)'
    ]);
  });

  it('a new column must be OPTIONAL: a new optional property is, a new defaulted property is not', () => {
    const old = schemaOf({ a: { type: 'string' } });
    expect(tableFindings(old, schemaOf({ a: { type: 'string' }, b: { type: ['integer', 'null'] } }))).toEqual(
      []
    );
    const withDefault = schemaOf({ a: { type: 'string' }, b: { type: 'string', default: 'x' } });
    expect(tableFindings(old, withDefault)).toEqual([
      'b: new column "b" would be REQUIRED; rows already written have no value for it (a property with a ' +
        'non-null default maps to REQUIRED: make it nullable or drop the default) ' +
        '(rule: a new column is OPTIONAL (nullable))'
    ]);
  });

  it('a lineage column is never removed; a new one (OPTIONAL) may be added', () => {
    const old = { ...schemaOf({ a: { type: 'string' } }), 'x-parquet': { lineage: ['source_key'] } };
    const more = { ...old, 'x-parquet': { lineage: ['source_key', 'ingested_at'] } };
    const none = { ...old, 'x-parquet': { lineage: [] } };
    expect(tableFindings(old, more)).toEqual([]);
    expect(tableFindings(old, none)).toEqual([
      'source_key: lineage column "source_key" would be removed; checkpoints already written hold it ' +
        '(rule: a column is never removed)'
    ]);
  });

  it('names a property once: a finding of JSON Schema hides the same column in the table rules', () => {
    const old = schemaOf({ a: { type: 'string' } });
    const next = schemaOf({ a: { type: 'string' }, b: { type: 'string' } }, ['b']);
    expect(allBreakingChanges('probe', old, next).map((f) => f.rule)).toEqual(['no new required field']);
  });

  it('a snapshot the mapping refuses had no table: only JSON Schema rules apply', () => {
    const unmappable = schemaOf({ a: { type: ['string', 'integer'] } });
    expect(
      allBreakingChanges('probe', unmappable, schemaOf({ a: { type: 'string' } })).map((f) => f.rule)
    ).toEqual(['a type may only widen']);
  });

  it('describes each stored type as parquet spells it', () => {
    const table = tableFromSchema('lab-result', labResultSchema);
    const types = Object.fromEntries(table.columns.map((c) => [c.name, describeColumn(c)]));
    expect(types).toMatchObject({
      adcid: 'INT32',
      accession_number: 'INT64',
      ptid: 'BYTE_ARRAY STRING',
      collected_on: 'INT32 DATE',
      measured_at: 'INT64 TIMESTAMP(MICROS, UTC)',
      value: 'DOUBLE',
      instrument: 'BYTE_ARRAY JSON'
    });
  });
});
