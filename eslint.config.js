// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const svelte = require('eslint-plugin-svelte');
const globals = require('globals');

const ioModules = [
  'electron',
  'better-sqlite3',
  'imapflow',
  'nodemailer',
  'node:*',
  'fs',
  'path',
  'os',
  'net',
  'tls',
  'child_process',
];
const restrict = (patterns, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((group) => ({ group: [group], message })) },
  ],
});

module.exports = tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.native/**', 'test-results/**', '**/*.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: __dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser },
      globals: { ...globals.browser },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  // Layers: domain and shared are pure; nothing below the shell touches Electron; the
  // renderer reaches main only through the contract.
  {
    files: ['src/main/domain/**', 'src/shared/**'],
    rules: restrict(ioModules, 'domain and shared code is pure: no I/O, no Electron.'),
  },
  {
    files: [
      'src/main/services/**',
      'src/main/store/**',
      'src/main/mail/**',
      'src/main/calendar/**',
      'src/main/ipc/**',
      'src/main/cli/**',
    ],
    rules: restrict(
      ['electron'],
      'only the shell (src/main/index.ts, src/main/shell) imports electron.',
    ),
  },
  {
    files: ['src/main/store/**', 'src/main/mail/**', 'src/main/calendar/**'],
    rules: restrict(
      ['**/services/**', '**/ipc/**', '**/shell/**', 'electron'],
      'store, mail and calendar sit below services.',
    ),
  },
  {
    files: ['src/main/calendar/**'],
    rules: restrict(
      [...ioModules, '**/services/**', '**/ipc/**', '**/shell/**', '**/store/**', '**/mail/**'],
      'calendar code turns calendar text into values and back: no I/O, nothing above it.',
    ),
  },
  {
    files: ['src/renderer/**'],
    rules: restrict(
      ['**/main/**', '**/preload/index*', 'electron', 'node:*'],
      'the renderer talks to main only through the contract in src/shared.',
    ),
  },
);
