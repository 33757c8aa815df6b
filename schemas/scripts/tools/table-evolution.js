'use strict';
// Table evolution: what a schema edit does to its parquet table (table-mapping.js). An edit that JSON
// Schema calls compatible can still change a column's stored type — integer → number turns INT32 into
// DOUBLE, a relaxed maximum turns INT32 into INT64, dropping an x-parquet override turns a text date
// into DATE — which the checkpoints already written cannot take. Within a major version a table may
// only gain OPTIONAL columns and turn REQUIRED columns OPTIONAL (the engine upgrades to nullable).

/** "INT32", "INT32 DATE", "BYTE_ARRAY STRING", "INT64 TIMESTAMP(MICROS, UTC)", … */
function describe(column) {
  const logical = column.logicalType;
  if (logical === undefined) return column.physicalType;
  if (logical.type === 'TIMESTAMP') {
    return `${column.physicalType} TIMESTAMP(${logical.unit}${logical.isAdjustedToUTC ? ', UTC' : ''})`;
  }
  return `${column.physicalType} ${logical.type}`;
}

const sameStoredType = (a, b) =>
  a.physicalType === b.physicalType &&
  a.convertedType === b.convertedType &&
  JSON.stringify(a.logicalType) === JSON.stringify(b.logicalType);

/**
 * @param {object} oldTable the table of the released snapshot (tableFromSchema)
 * @param {object} newTable the table of the edited schema
 * @returns {{path: string, what: string, rule: string}[]} one finding per column the table cannot take
 */
function findTableChanges(oldTable, newTable) {
  const findings = [];
  const newColumns = new Map(newTable.columns.map((c) => [c.name, c]));
  const oldNames = new Set(oldTable.columns.map((c) => c.name));
  for (const old of oldTable.columns) {
    const next = newColumns.get(old.name);
    if (next === undefined) {
      findings.push({
        path: old.name,
        what: `${old.lineage ? 'lineage ' : ''}column "${old.name}" would be removed; checkpoints already written hold it`,
        rule: 'a column is never removed'
      });
      continue;
    }
    if (!sameStoredType(old, next)) {
      findings.push({
        path: old.name,
        what:
          `column "${old.name}" would change from ${describe(old)} to ${describe(next)}; ` +
          `checkpoints already written store ${describe(old)}`,
        rule: "a column's parquet type never changes"
      });
    }
    if (old.repetition === 'OPTIONAL' && next.repetition === 'REQUIRED') {
      findings.push({
        path: old.name,
        what: `column "${old.name}" would change from OPTIONAL to REQUIRED; rows already written may hold null`,
        rule: 'an OPTIONAL column stays OPTIONAL'
      });
    }
  }
  for (const next of newTable.columns) {
    if (!oldNames.has(next.name) && next.repetition === 'REQUIRED') {
      findings.push({
        path: next.name,
        what:
          `new column "${next.name}" would be REQUIRED; rows already written have no value for it ` +
          '(a property with a non-null default maps to REQUIRED: make it nullable or drop the default)',
        rule: 'a new column is OPTIONAL (nullable)'
      });
    }
  }
  return findings;
}

module.exports = { findTableChanges, describe };
