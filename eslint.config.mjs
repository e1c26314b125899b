// ESLint flat config: typescript-eslint's recommended rules and eslint-plugin-regexp's, with the
// super-linear rules as errors because every scanner of untrusted text must stay linear.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '.sandbox/**', 'test-results/**', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    rules: {
      'regexp/no-super-linear-move': 'error',
      'regexp/no-super-linear-backtracking': 'error',
      // A leading underscore marks a binding kept on purpose (a rest sibling dropped from an object, a parameter a signature needs).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      // Plain Node scripts load their modules with require().
      '@typescript-eslint/no-require-imports': 'off',
      // `const crypto = require('crypto')` is the usual CommonJS spelling, though Node also has a global of that name.
      'no-redeclare': ['error', { builtinGlobals: false }],
    },
  },
);
