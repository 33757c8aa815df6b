'use strict';
// The ESLint 9 flat config every project uses: `module.exports = require('@reporting/node-rig/profiles/default/includes/eslint/node')`.
const nodeProfile = require('@rushstack/eslint-config/flat/profile/node');

module.exports = [
  // Generated from schemas; not for people to read or fix.
  { ignores: ['**/src/generated/**', '**/lib/generated/**'] },
  ...nodeProfile,
  {
    files: ['**/*.ts'],
    rules: {
      // Tests and generated code read more clearly with these relaxed.
      '@rushstack/typedef-var': 'off',
      '@typescript-eslint/explicit-member-accessibility': 'off',
      '@rushstack/no-new-null': 'off',
      '@typescript-eslint/explicit-function-return-type': 'off',
      // Strict TypeScript infers these; annotations would only repeat the initialiser.
      '@typescript-eslint/typedef': 'off',
      '@typescript-eslint/parameter-properties': 'off',
      // `const { dropped, ...kept } = x` is the idiomatic way to omit fields.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // This repo's names (rushstack's profile asks for I-prefixed interfaces and _private members,
      // which this code base does not use): camelCase values, PascalCase types, UPPER_CASE constants;
      // a leading underscore only marks an unused parameter or a private field. Property names are
      // free: they follow what they describe (AWS APIs, environment variables, snake_case columns).
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'default', format: ['camelCase'], leadingUnderscore: 'forbid' },
        { selector: 'variable', format: ['camelCase', 'UPPER_CASE'], leadingUnderscore: 'forbid' },
        { selector: 'variable', modifiers: ['destructured'], format: null },
        { selector: 'parameter', format: ['camelCase'], leadingUnderscore: 'allow' },
        {
          selector: ['classProperty', 'parameterProperty', 'classMethod', 'accessor'],
          modifiers: ['private'],
          format: ['camelCase'],
          leadingUnderscore: 'allow'
        },
        { selector: 'classProperty', modifiers: ['static', 'readonly'], format: ['camelCase', 'UPPER_CASE'] },
        { selector: 'typeLike', format: ['PascalCase'] },
        { selector: 'enumMember', format: ['PascalCase', 'UPPER_CASE'] },
        {
          selector: ['objectLiteralProperty', 'objectLiteralMethod', 'typeProperty', 'typeMethod'],
          format: null
        },
        { selector: 'import', format: null }
      ]
    }
  },
  {
    // Tests name things after what they check (fixtures named like the data they stand for).
    files: ['**/*.test.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/naming-convention': 'off' }
  }
];
