'use strict';
// The keywords the evolution check models (compatibility.js), as an explicit allow-list: a keyword
// that is not listed fails the check instead of passing silently, so a new keyword is refused by
// default until its rule (what tightens it, what relaxes it) is written.

/** Keywords that never change what a schema accepts: documentation, version, wording, table annotation. */
const METADATA = ['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples'];
const VENDOR = ['x-version', 'x-error', 'x-parquet'];
/** Assertions with a rule in compatibility.js. */
const ASSERTIONS = [
  'type',
  'enum',
  'const',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'properties',
  'required',
  'additionalProperties',
  'items',
  // Modelled as "any change is breaking".
  'allOf',
  'anyOf',
  'oneOf',
  'if',
  'then',
  'else',
  'not'
];
const MODELLED = new Set([...METADATA, ...VENDOR, ...ASSERTIONS]);

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const child = (path, suffix) => (path ? `${path}${suffix.startsWith('[') ? '' : '.'}${suffix}` : suffix);

/**
 * Every keyword of a schema (and of its subschemas) the evolution check does not model.
 * @param {object} schema
 * @returns {{path: string, keyword: string}[]} the keyword and the schema path it sits at ("(root)" at the top)
 */
function findUnmodelledKeywords(schema, path = '') {
  if (!isObject(schema)) return [];
  const found = [];
  const where = path || '(root)';
  for (const keyword of Object.keys(schema)) {
    if (!MODELLED.has(keyword)) found.push({ path: where, keyword });
  }
  for (const [name, property] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
    found.push(...findUnmodelledKeywords(property, child(path, name)));
  }
  if (Array.isArray(schema.items)) {
    // The tuple form has no rule (additionalItems neither): refused like an unknown keyword.
    found.push({ path: where, keyword: 'items (array form)' });
  } else {
    found.push(...findUnmodelledKeywords(schema.items, child(path, '[]')));
  }
  found.push(...findUnmodelledKeywords(schema.additionalProperties, child(path, '*')));
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    (Array.isArray(schema[key]) ? schema[key] : []).forEach((sub, index) =>
      found.push(...findUnmodelledKeywords(sub, child(path, `${key}[${index}]`)))
    );
  }
  for (const key of ['if', 'then', 'else', 'not']) {
    found.push(...findUnmodelledKeywords(schema[key], child(path, key)));
  }
  return found;
}

module.exports = { MODELLED, findUnmodelledKeywords };
