/**
 * The fence between the layers holds: for each rule in ARCHITECTURE.md a probe file that
 * breaks it is written into the folder, and lint (or the pure type check) must fail on it.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const PROBE = 'fence-probe.ts';

/** One probe per folder: the code breaks the folder's rules in every way listed. */
const PROBES: Record<string, { code: string; imports: string[]; globals?: string[] }> = {
  'src/main/domain': {
    code: [
      "import { openDatabase } from '../store/database';",
      "import { createServices } from '../services';",
      "import { parseIcs } from '../calendar/ics';",
      "import { readFileSync } from 'node:fs';",
      'export const probe = [openDatabase, createServices, parseIcs, readFileSync];',
      'export const env = process.env.HOME;',
      "export const bytes = Buffer.from('x');",
    ].join('\n'),
    imports: ['../store/database', '../services', '../calendar/ics', 'node:fs'],
    globals: ['process', 'Buffer'],
  },
  'src/shared': {
    code: [
      "import { statusAt } from '../main/domain/obligations';",
      "import { ipcRenderer } from 'electron';",
      'export const probe = [statusAt, ipcRenderer];',
      'export const cwd = process.cwd();',
    ].join('\n'),
    imports: ['../main/domain/obligations', 'electron'],
    globals: ['process'],
  },
  'src/main/mail': {
    code: [
      "import { SqliteMailStore } from '../store/mail-store';",
      "import { ServiceError } from '../services/errors';",
      "import { parseIcs } from '../calendar/ics';",
      "import { app } from 'electron';",
      'export const probe = [SqliteMailStore, ServiceError, parseIcs, app];',
    ].join('\n'),
    imports: ['../store/mail-store', '../services/errors', '../calendar/ics', 'electron'],
  },
  'src/main/calendar': {
    code: [
      "import { SqliteMailStore } from '../store/mail-store';",
      "import { parseHeaderBlock } from '../mail/headers';",
      "import { ServiceError } from '../services/errors';",
      "import { readFileSync } from 'node:fs';",
      'export const probe = [SqliteMailStore, parseHeaderBlock, ServiceError, readFileSync];',
    ].join('\n'),
    imports: ['../store/mail-store', '../mail/headers', '../services/errors', 'node:fs'],
  },
  'src/main/store': {
    code: [
      "import { parseHeaderBlock } from '../mail/headers';",
      "import { parseIcs } from '../calendar/ics';",
      "import { ServiceError } from '../services/errors';",
      "import { app } from 'electron';",
      'export const probe = [parseHeaderBlock, parseIcs, ServiceError, app];',
    ].join('\n'),
    imports: ['../mail/headers', '../calendar/ics', '../services/errors', 'electron'],
  },
  'src/main/services': {
    code: [
      "import { dispatch } from '../ipc/dispatch';",
      "import { createKeychainVault } from '../shell/keychain';",
      "import { app } from 'electron';",
      "import { ImapFlow } from 'imapflow';",
      "import { UsageError } from '../cli/usage-error';",
      'export const probe = [dispatch, createKeychainVault, app, ImapFlow, UsageError];',
    ].join('\n'),
    imports: ['../ipc/dispatch', '../shell/keychain', 'electron', 'imapflow', '../cli/usage-error'],
  },
  // A service in a subfolder is held to the same rules (the sync's services live in sync/).
  'src/main/services/sync': {
    code: [
      "import type { ImapFlow } from 'imapflow';",
      "import { dispatch } from '../../ipc/dispatch';",
      'export const probe = (client: ImapFlow) => [client, dispatch];',
    ].join('\n'),
    imports: ['imapflow', '../../ipc/dispatch'],
  },
  'src/main/ipc': {
    code: ["import { app } from 'electron';", 'export const probe = [app];'].join('\n'),
    imports: ['electron'],
  },
  'src/main/cli': {
    code: [
      "import { app } from 'electron';",
      "import { createKeychainVault } from '../shell/keychain';",
      'export const probe = [app, createKeychainVault];',
    ].join('\n'),
    imports: ['electron', '../shell/keychain'],
  },
  'src/preload': {
    code: [
      "import { dispatch } from '../main/ipc/dispatch';",
      "import { invoke } from '../renderer/src/lib/api';",
      'export const probe = [dispatch, invoke];',
    ].join('\n'),
    imports: ['../main/ipc/dispatch', '../renderer/src/lib/api'],
  },
  // The renderer reaches main only through the contract (the state classes hold the calls).
  'src/renderer/src/lib/state': {
    code: [
      "import { dispatch } from '../../../../main/ipc/dispatch';",
      "import { ipcRenderer } from 'electron';",
      "import { readFileSync } from 'node:fs';",
      'export const probe = [dispatch, ipcRenderer, readFileSync];',
    ].join('\n'),
    imports: ['../../../../main/ipc/dispatch', 'electron', 'node:fs'],
  },
  // Views and components call state classes, never invoke themselves.
  'src/renderer/src/lib/views': {
    code: [
      "import { invoke } from '../api';",
      "import { dispatch } from '../../../../main/ipc/dispatch';",
      'export const probe = [invoke, dispatch];',
    ].join('\n'),
    imports: ['invoke', '../../../../main/ipc/dispatch'],
  },
  'src/renderer/src/lib/components': {
    code: ["import { invoke } from '../api';", 'export const probe = [invoke];'].join('\n'),
    imports: ['invoke'],
  },
  // lib/pure is plain TypeScript the node-side tests import: no Svelte, no state, no main.
  'src/renderer/src/lib/pure': {
    code: [
      "import { mount } from 'svelte';",
      "import { invoke } from '../api';",
      "import { Navigation } from '../state/navigation.svelte';",
      'export const probe = [mount, invoke, Navigation];',
    ].join('\n'),
    imports: ['svelte', '../api', '../state/navigation.svelte'],
  },
};

/** Writes the probes (folder → code) for the duration of `run`, and removes them whatever happens. */
async function withProbes<T>(probes: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const files = Object.keys(probes).map((folder) => path.join(ROOT, folder, PROBE));
  try {
    for (const [folder, code] of Object.entries(probes)) {
      writeFileSync(path.join(ROOT, folder, PROBE), `${code}\n`);
    }
    return await run();
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}

describe('the layer fence', () => {
  it('fails lint on every import and Node global that points the wrong way', async () => {
    const code = Object.fromEntries(Object.entries(PROBES).map(([f, p]) => [f, p.code]));
    const files = Object.keys(PROBES).map((folder) => path.join(ROOT, folder, PROBE));
    const results = await withProbes(code, () => new ESLint({ cwd: ROOT }).lintFiles(files));
    for (const [folder, probe] of Object.entries(PROBES)) {
      const result = results.find((r) => r.filePath === path.join(ROOT, folder, PROBE));
      const messages = result?.messages ?? [];
      const imports = messages
        .filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => /'([^']+)' import/.exec(m.message)?.[1]);
      const globals = messages
        .filter((m) => m.ruleId === 'no-restricted-globals')
        .map((m) => /'([^']+)'/.exec(m.message)?.[1]);
      expect({ folder, imports: imports.sort() }).toEqual({
        folder,
        imports: [...probe.imports].sort(),
      });
      expect({ folder, globals: globals.sort() }).toEqual({
        folder,
        globals: [...(probe.globals ?? [])].sort(),
      });
    }
  }, 120_000);

  it('type-checks domain, shared and lib/pure without Node types or the DOM, so neither compiles there', async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const globalsOnly = 'export const home = process.env.HOME;';
    const failure = await withProbes(
      {
        'src/main/domain': globalsOnly,
        'src/shared': globalsOnly,
        'src/renderer/src/lib/pure': `${globalsOnly}\nexport const title = document.title;`,
      },
      () =>
        promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.pure.json'], {
          cwd: ROOT,
        }).then(
          () => null,
          (error: { stdout: string }) => error.stdout,
        ),
    );
    expect(failure).toMatch(/domain\/fence-probe\.ts.*Cannot find name 'process'/);
    expect(failure).toMatch(/shared\/fence-probe\.ts.*Cannot find name 'process'/);
    expect(failure).toMatch(/lib\/pure\/fence-probe\.ts.*Cannot find name 'process'/);
    expect(failure).toMatch(/lib\/pure\/fence-probe\.ts.*Cannot find name 'document'/);
  }, 120_000);
});
