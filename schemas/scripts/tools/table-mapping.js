'use strict';
// JSON Schema → parquet table definition: the documented mapping of schemas/README.md ("Tables").
// Pure: one schema in, one table definition out, or a TableMappingError naming the schema, the
// property and the rule. The build (scripts/generate.js) writes the result as src/generated/<name>.table.ts.

/** The one vendor keyword of the mapping, at the property level and at the schema's top level. */
const KEYWORD = 'x-parquet';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Column types by name: what `x-parquet.type` may ask for, and what the mapping produces. */
const COLUMN_TYPES = {
  string: { physicalType: 'BYTE_ARRAY', convertedType: 'UTF8', logicalType: { type: 'STRING' } },
  date: { physicalType: 'INT32', convertedType: 'DATE', logicalType: { type: 'DATE' } },
  timestamp: {
    physicalType: 'INT64',
    convertedType: 'TIMESTAMP_MICROS',
    logicalType: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' }
  },
  // Plain INT32/INT64 without an INTEGER logical type: hyparquet-writer 0.17 encodes INTEGER's
  // bitWidth as i32 instead of i8, which DuckDB rejects (see checkpoint-store's checkpoint-schema.ts).
  int32: { physicalType: 'INT32' },
  int64: { physicalType: 'INT64' },
  double: { physicalType: 'DOUBLE' },
  boolean: { physicalType: 'BOOLEAN' },
  json: { physicalType: 'BYTE_ARRAY', convertedType: 'JSON', logicalType: { type: 'JSON' } }
};

/** Lineage columns a table may declare (top-level `x-parquet.lineage`), always OPTIONAL. */
const LINEAGE_COLUMNS = { source_key: 'string', source_version: 'string', ingested_at: 'timestamp' };

/** Keywords that only validate (or document) a value: they never change its column. */
const VALIDATION_ONLY = new Set([
  'description',
  'title',
  'examples',
  'default',
  'x-error',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf'
]);
/** Keywords of a value stored as JSON text: its content is not a column, only validated. */
const JSON_VALUE_KEYWORDS = new Set([
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties'
]);
const PROPERTY_KEYWORDS = new Set([...VALIDATION_ONLY, 'type', 'format', 'enum', 'const', KEYWORD]);
const ROOT_KEYWORDS = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'additionalProperties',
  'required',
  'properties',
  'allOf',
  'examples',
  'x-version',
  'x-error',
  KEYWORD
]);
const CONDITIONAL_KEYWORDS = new Set(['if', 'then', 'else', 'required', 'properties', 'x-error']);
const PROPERTY_ANNOTATION_KEYS = new Set(['type', 'physical']);
const ROOT_ANNOTATION_KEYS = new Set(['sortColumn', 'keyPlaceholders', 'lineage']);
const DATE_TIME_FORMATS = new Set(['date-time', 'iso-date-time']);

class TableMappingError extends Error {
  constructor(schemaName, property, rule) {
    super(`${schemaName}: ${property === undefined ? '(schema)' : `property "${property}"`}: ${rule}`);
    this.name = 'TableMappingError';
    this.schemaName = schemaName;
    this.property = property;
    this.rule = rule;
  }
}

const json = (value) => JSON.stringify(value);
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function column(name, type, nullable, extra) {
  const { physicalType, convertedType, logicalType } = COLUMN_TYPES[type];
  return {
    name,
    type,
    physicalType,
    ...(convertedType === undefined ? {} : { convertedType }),
    ...(logicalType === undefined ? {} : { logicalType }),
    repetition: nullable ? 'OPTIONAL' : 'REQUIRED',
    dictionary: extra.dictionary,
    lineage: extra.lineage
  };
}

/**
 * The column type of one property, by the mapping (before any `x-parquet` override).
 * @returns {{type: string, nullable: boolean}}
 */
function mappedType(property, fail) {
  const types = property.type === undefined ? [] : [].concat(property.type);
  const nullable = types.includes('null');
  const valueTypes = types.filter((t) => t !== 'null');
  if (valueTypes.length === 0) {
    fail('has no "type" other than "null": the mapping needs one to choose a column type (rule: type)');
  }
  let base;
  if (valueTypes.length === 1) base = valueTypes[0];
  else if (valueTypes.length === 2 && valueTypes.includes('integer') && valueTypes.includes('number')) {
    base = 'number';
  } else {
    fail(`type ${json(property.type)} is a union no single column type holds (rule: one type, or null)`);
  }
  if (property.format !== undefined && base !== 'string') {
    fail(`"format" ${json(property.format)} on a ${base} has no column mapping (rule: format)`);
  }
  switch (base) {
    case 'string':
      if (property.format === undefined) return { type: 'string', nullable };
      if (property.format === 'date') return { type: 'date', nullable };
      if (DATE_TIME_FORMATS.has(property.format)) return { type: 'timestamp', nullable };
      // Any other format (e.g. "email") is text only when the schema says so.
      if (isObject(property[KEYWORD]) && property[KEYWORD].type === 'string')
        return { type: 'string', nullable };
      return fail(
        `format ${json(property.format)} has no column mapping (rule: format date → DATE, ` +
          `date-time/iso-date-time → TIMESTAMP; annotate {"${KEYWORD}": {"type": "string"}} to store it as text)`
      );
    case 'integer':
      return { type: fitsInt32(property) ? 'int32' : 'int64', nullable };
    case 'number':
      return { type: 'double', nullable };
    case 'boolean':
      return { type: 'boolean', nullable };
    case 'object':
    case 'array':
      return { type: 'json', nullable };
    default:
      return fail(`type ${json(base)} has no column mapping (rule: type)`);
  }
}

/** True when the integer's declared bounds (both needed) fit in a signed 32-bit integer. */
function fitsInt32(property) {
  const low = property.minimum ?? property.exclusiveMinimum;
  const high = property.maximum ?? property.exclusiveMaximum;
  return typeof low === 'number' && typeof high === 'number' && low >= INT32_MIN && high <= INT32_MAX;
}

/** Which `x-parquet.type` values each mapped type may be overridden with (no value is lost). */
const OVERRIDES = {
  string: ['string'],
  date: ['date', 'string'],
  timestamp: ['timestamp', 'string'],
  int32: ['int32', 'int64', 'double'],
  int64: ['int32', 'int64', 'double'],
  double: ['double'],
  boolean: ['boolean'],
  json: ['json']
};

function applyAnnotation(annotation, mapped, property, fail) {
  if (annotation === undefined) return mapped.type;
  if (!isObject(annotation)) fail(`"${KEYWORD}" must be an object (rule: ${KEYWORD})`);
  for (const key of Object.keys(annotation)) {
    if (!PROPERTY_ANNOTATION_KEYS.has(key)) {
      fail(`"${KEYWORD}" has unknown key ${json(key)}; known: type, physical (rule: ${KEYWORD})`);
    }
  }
  let type = mapped.type;
  if (annotation.type !== undefined) {
    if (annotation.type === 'nested') {
      fail(
        `"${KEYWORD}": {"type": "nested"} asks for a nested parquet type, which is not supported yet ` +
          `(rule: objects and arrays → JSON text; remove the annotation to store it as JSON)`
      );
    }
    if (!Object.hasOwn(COLUMN_TYPES, annotation.type)) {
      fail(
        `"${KEYWORD}" type ${json(annotation.type)} is not a column type ` +
          `(known: ${Object.keys(COLUMN_TYPES).join(', ')}) (rule: ${KEYWORD})`
      );
    }
    if (!OVERRIDES[mapped.type].includes(annotation.type)) {
      fail(
        `"${KEYWORD}" type ${json(annotation.type)} cannot hold what the schema maps to ${mapped.type} ` +
          `(allowed: ${OVERRIDES[mapped.type].join(', ')}) (rule: ${KEYWORD} override)`
      );
    }
    type = annotation.type;
  }
  if (annotation.physical !== undefined) {
    if (annotation.physical !== 'INT32' && annotation.physical !== 'INT64') {
      fail(
        `"${KEYWORD}" physical ${json(annotation.physical)} must be "INT32" or "INT64" (rule: ${KEYWORD})`
      );
    }
    if (type !== 'int32' && type !== 'int64') {
      fail(`"${KEYWORD}" physical ${json(annotation.physical)} applies to integers only (rule: ${KEYWORD})`);
    }
    type = annotation.physical === 'INT32' ? 'int32' : 'int64';
  }
  if (type === 'int32' && !declaredBoundsFitInt32(property)) {
    fail(
      `asks for INT32 but its declared bounds exceed the 32-bit range (rule: integer → INT32 only where ` +
        `minimum/maximum fit in [${INT32_MIN}, ${INT32_MAX}])`
    );
  }
  return type;
}

/** Declared bounds (either may be absent) do not contradict INT32. */
function declaredBoundsFitInt32(property) {
  const low = property.minimum ?? property.exclusiveMinimum;
  const high = property.maximum ?? property.exclusiveMaximum;
  return !(typeof low === 'number' && low < INT32_MIN) && !(typeof high === 'number' && high > INT32_MAX);
}

function propertyColumn(name, property, required, fail) {
  if (!isObject(property)) fail('must be a schema object (rule: properties)');
  const structured = [].concat(property.type ?? []).some((t) => t === 'object' || t === 'array');
  for (const keyword of Object.keys(property)) {
    if (!PROPERTY_KEYWORDS.has(keyword) && !(structured && JSON_VALUE_KEYWORDS.has(keyword))) {
      fail(`keyword ${json(keyword)} is not handled by the table mapping (rule: known keywords only)`);
    }
  }
  const mapped = mappedType(property, fail);
  const type = applyAnnotation(property[KEYWORD], mapped, property, fail);
  const values = property.enum ?? (property.const === undefined ? undefined : [property.const]);
  const stringEnum =
    values !== undefined && type === 'string' && values.every((v) => v === null || typeof v === 'string');
  // Ajv applies defaults (useDefaults), so a property with a non-null default is always present.
  const present = required || (property.default !== undefined && property.default !== null);
  return column(name, type, mapped.nullable || !present, { dictionary: stringEnum, lineage: false });
}

function checkConditionals(schemaName, schema, names) {
  const visit = (node, where) => {
    if (!isObject(node)) return;
    for (const keyword of Object.keys(node)) {
      if (!CONDITIONAL_KEYWORDS.has(keyword)) {
        throw new TableMappingError(
          schemaName,
          undefined,
          `keyword ${json(keyword)} in ${where} is not handled by the table mapping (rule: known keywords only)`
        );
      }
    }
    for (const name of [...Object.keys(node.properties ?? {}), ...(node.required ?? [])]) {
      if (!names.includes(name)) {
        throw new TableMappingError(
          schemaName,
          name,
          `named in ${where} but not declared in "properties" (rule: every field is a declared property)`
        );
      }
    }
    for (const key of ['if', 'then', 'else']) visit(node[key], `${where}.${key}`);
  };
  (schema.allOf ?? []).forEach((node, index) => visit(node, `allOf[${index}]`));
}

function tableAnnotation(schemaName, annotation, columns) {
  const fail = (rule, property) => {
    throw new TableMappingError(schemaName, property, rule);
  };
  if (annotation === undefined) return { sortColumn: null, keyPlaceholders: [], lineage: [] };
  if (!isObject(annotation)) fail(`top-level "${KEYWORD}" must be an object (rule: ${KEYWORD})`);
  for (const key of Object.keys(annotation)) {
    if (!ROOT_ANNOTATION_KEYS.has(key)) {
      fail(
        `top-level "${KEYWORD}" has unknown key ${json(key)}; known: ${[...ROOT_ANNOTATION_KEYS].join(', ')} ` +
          `(rule: ${KEYWORD})`
      );
    }
  }
  const lineage = annotation.lineage ?? [];
  if (!Array.isArray(lineage)) fail(`"${KEYWORD}".lineage must be an array of column names (rule: lineage)`);
  for (const [index, name] of lineage.entries()) {
    if (!Object.hasOwn(LINEAGE_COLUMNS, name)) {
      fail(
        `is not a lineage column (known: ${Object.keys(LINEAGE_COLUMNS).join(', ')}) (rule: lineage)`,
        name
      );
    }
    if (lineage.indexOf(name) !== index) fail('is listed twice (rule: lineage)', name);
    if (columns.some((c) => c.name === name)) {
      fail('is both a property and a lineage column (rule: lineage names are reserved)', name);
    }
  }
  const all = [...columns, ...lineage.map((name) => ({ name, lineage: true, repetition: 'OPTIONAL' }))];
  const sortColumn = annotation.sortColumn ?? null;
  if (sortColumn !== null && !all.some((c) => c.name === sortColumn)) {
    fail('is the sort column but not a column (rule: sortColumn names a column)', String(sortColumn));
  }
  const keyPlaceholders = annotation.keyPlaceholders ?? [];
  if (!Array.isArray(keyPlaceholders))
    fail(`"${KEYWORD}".keyPlaceholders must be an array (rule: keyPlaceholders)`);
  for (const name of keyPlaceholders) {
    const target = columns.find((c) => c.name === name);
    if (target === undefined)
      fail('is a key placeholder but not a property (rule: keyPlaceholders)', String(name));
    if (target.repetition !== 'REQUIRED' || !['string', 'int32', 'int64'].includes(target.type)) {
      fail(
        'is a key placeholder, so it must be a REQUIRED string or integer column (rule: keyPlaceholders)',
        name
      );
    }
  }
  return { sortColumn, keyPlaceholders, lineage };
}

/**
 * The table definition of one schema.
 * @param {string} schemaName file name without `.schema.json`
 * @param {object} schema the JSON Schema (draft-07, an object at the top level)
 */
function tableFromSchema(schemaName, schema) {
  const fail = (rule) => {
    throw new TableMappingError(schemaName, undefined, rule);
  };
  if (schema.type !== 'object')
    fail(`the top level must be {"type": "object"} (rule: a table is an object's properties)`);
  for (const keyword of Object.keys(schema)) {
    if (!ROOT_KEYWORDS.has(keyword)) {
      fail(
        `top-level keyword ${json(keyword)} is not handled by the table mapping (rule: known keywords only)`
      );
    }
  }
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) fail('has no properties: a table needs at least one column (rule: properties)');
  const required = new Set(schema.required ?? []);
  const columns = names.map((name) =>
    propertyColumn(name, properties[name], required.has(name), (rule) => {
      throw new TableMappingError(schemaName, name, rule);
    })
  );
  checkConditionals(schemaName, schema, names);
  const { sortColumn, keyPlaceholders, lineage } = tableAnnotation(schemaName, schema[KEYWORD], columns);
  return {
    schema: schemaName,
    title: schema.title,
    version: schema['x-version'],
    columns: [
      ...columns,
      ...lineage.map((name) =>
        column(name, LINEAGE_COLUMNS[name], true, { dictionary: false, lineage: true })
      )
    ],
    sortColumn,
    keyPlaceholders
  };
}

/**
 * The tables of several schemas, or one error listing every schema the mapping refuses (the build's message).
 * @param {{name: string, schema: object}[]} schemas
 * @returns {Map<string, object>} table definitions by schema name
 */
function tablesFromSchemas(schemas) {
  const tables = new Map();
  const refused = [];
  for (const { name, schema } of schemas) {
    try {
      tables.set(name, tableFromSchema(name, schema));
    } catch (error) {
      if (!(error instanceof TableMappingError)) throw error;
      refused.push(error.message);
    }
  }
  if (refused.length > 0) {
    throw new Error(`Table mapping failed (see schemas/README.md, "Tables"):\n  - ${refused.join('\n  - ')}`);
  }
  return tables;
}

module.exports = {
  tablesFromSchemas,
  tableFromSchema,
  TableMappingError,
  KEYWORD,
  COLUMN_TYPES,
  LINEAGE_COLUMNS,
  INT32_MIN,
  INT32_MAX
};
