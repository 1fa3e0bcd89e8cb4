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
const above = (...folders) => folders.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]);

/** Folders whose code is pure: data in, decisions out, no I/O and no Node globals. */
const PURE_FOLDERS = ['src/main/domain/**', 'src/shared/**'];
const NODE_GLOBALS = [
  'process',
  'Buffer',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
  'clearImmediate',
];

/** What each layer may not import: the layers above it, and I/O where it must have none. */
const LAYERS = [
  {
    files: ['src/shared/**'],
    forbid: [...ioModules, ...above('main', 'renderer', 'preload')],
    message: 'shared holds types, schemas and the contract: no I/O, nothing from main or the UI.',
  },
  {
    files: ['src/main/domain/**'],
    forbid: [
      ...ioModules,
      ...above('services', 'store', 'mail', 'calendar', 'ipc', 'shell', 'cli', 'renderer'),
    ],
    message: 'domain code is pure rules: no I/O, and nothing from the layers above it.',
  },
  {
    files: ['src/main/calendar/**'],
    forbid: [...ioModules, ...above('services', 'ipc', 'shell', 'cli', 'store', 'mail')],
    message: 'calendar code turns calendar text into values and back: no I/O, nothing above it.',
  },
  {
    files: ['src/main/mail/**'],
    forbid: ['electron', ...above('services', 'ipc', 'shell', 'cli', 'store', 'calendar')],
    message: 'mail talks to mail servers and files only: it does not reach the store or above.',
  },
  {
    files: ['src/main/store/**'],
    forbid: ['electron', ...above('services', 'ipc', 'shell', 'cli', 'mail', 'calendar')],
    message: 'the store keeps data only: it does not reach mail, calendar or above.',
  },
  {
    files: ['src/main/services/**'],
    forbid: ['electron', 'imapflow', ...above('ipc', 'shell', 'cli')],
    message:
      'services sit below ipc, the command line and the shell, never import electron, and reach ' +
      'mail servers through the port in mail/mailbox-port.ts, never imapflow itself.',
  },
  {
    files: ['src/main/ipc/**', 'src/main/cli/**'],
    forbid: ['electron', ...above('shell')],
    message: 'ipc and the command line run without Electron: only the shell imports electron.',
  },
  {
    files: ['src/preload/**'],
    forbid: [...above('main', 'renderer')],
    message: 'the preload exposes the contract in src/shared and nothing else.',
  },
];

/** What no renderer file may import: it reaches main only through the contract. */
const RENDERER_FORBID = {
  group: ['**/main/**', '**/preload/index*', 'electron', 'node:*'],
  message: 'the renderer talks to main only through the contract in src/shared.',
};

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

module.exports = tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.native/**',
      'test-results/**',
      '**/*.d.mts',
    ],
  },
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
  // Layers, as ARCHITECTURE.md draws them: each folder imports only what sits below it, and
  // the pure folders (domain, shared) use no Node globals either. One block per folder, so
  // no later block silently replaces a folder's list (flat config does not merge rule options).
  ...LAYERS.map(({ files, forbid, message }) => ({ files, rules: restrict(forbid, message) })),
  {
    files: PURE_FOLDERS,
    rules: {
      'no-restricted-globals': [
        'error',
        ...NODE_GLOBALS.map((name) => ({
          name,
          message: 'domain and shared code is pure: no Node globals (pass what it needs in).',
        })),
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [RENDERER_FORBID] }] },
  },
  // Views and components call methods of the state classes (lib/state), which own every call
  // to main; the renderer's own list is repeated because flat config replaces rule options.
  {
    files: ['src/renderer/src/lib/views/**', 'src/renderer/src/lib/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            RENDERER_FORBID,
            {
              group: ['**/api'],
              importNames: ['invoke'],
              message: 'views call methods of a state class in lib/state, which calls invoke.',
            },
          ],
        },
      ],
    },
  },
  // lib/pure holds text, time and grouping helpers the node-side tests import too: no DOM,
  // no Svelte, no calls to main (tsconfig.node.json type-checks it without the DOM library).
  {
    files: ['src/renderer/src/lib/pure/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            RENDERER_FORBID,
            {
              group: [
                'svelte',
                'svelte/*',
                '**/*.svelte',
                '**/api',
                '**/state/**',
                '**/*.svelte.ts',
              ],
              message: 'lib/pure is plain TypeScript: no Svelte, no state, no calls to main.',
            },
          ],
        },
      ],
    },
  },
);
