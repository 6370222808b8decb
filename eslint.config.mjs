// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Focused tests must never reach the main branch: they silently skip the rest of the suite. */
const focusedOrSkipped = ['describe', 'it', 'test'].flatMap((object) =>
  ['only', 'skip'].map((property) => ({ object, property, message: `${object}.${property} must not be committed.` })),
);

/** Configuration is read once, validated, in libs/platform/src/config (loadAppConfig). */
const processEnv = {
  object: 'process',
  property: 'env',
  message: 'Inject AppConfig (or call loadAppConfig) instead: process.env is read only in libs/platform/src/config.',
};

const nodeGlobals = {
  require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly',
  process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'var/**', '**/__fixtures__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', processEnv],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', processEnv, ...focusedOrSkipped],
      'no-restricted-globals': [
        'error',
        ...['fdescribe', 'fit', 'xdescribe', 'xit', 'xtest'].map((name) => ({ name, message: `${name} must not be committed.` })),
      ],
    },
  },
  {
    // The one place allowed to read the environment.
    files: ['libs/platform/src/config/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tooling files (jest, eslint, dependency-cruiser configs, scripts) run as plain Node.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: nodeGlobals, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
);
