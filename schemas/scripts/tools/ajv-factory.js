'use strict';
// The one Ajv configuration used to compile every schema (build-time code generation and the
// evolution check's tests). Run time never compiles: it loads the standalone code generated from this.
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

/**
 * Keywords of ours that carry metadata, not validation: schema version, human error text and the
 * parquet table annotation (README, "Tables").
 */
const METADATA_KEYWORDS = ['x-version', 'x-error', 'x-parquet'];

function createAjv() {
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    strict: true,
    // `if` without `then` in draft-07 is fine; union types (string|null) are what we mean.
    allowUnionTypes: true,
    code: { source: true, esm: true }
  });
  addFormats(ajv, ['date', 'date-time', 'iso-date-time']);
  ajv.addVocabulary(METADATA_KEYWORDS);
  return ajv;
}

module.exports = { createAjv, METADATA_KEYWORDS };
