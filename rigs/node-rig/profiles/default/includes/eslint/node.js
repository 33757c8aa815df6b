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
      '@typescript-eslint/naming-convention': 'off',
      '@rushstack/no-new-null': 'off',
      '@typescript-eslint/explicit-function-return-type': 'off',
      // Strict TypeScript infers these; annotations would only repeat the initialiser.
      '@typescript-eslint/typedef': 'off',
      '@typescript-eslint/parameter-properties': 'off',
      // `const { dropped, ...kept } = x` is the idiomatic way to omit fields.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }]
    }
  }
];
