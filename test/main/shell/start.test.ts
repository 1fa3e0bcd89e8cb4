/**
 * The app's start (src/main/index.ts) with the electron module replaced: a database holding
 * a row the rules cannot use, or a tray that cannot be made, still ends with the window open
 * and no "could not start" box.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliOn } from '../../support/cli';

// Only the electron module is replaced (test/support/fake-electron.ts).
const electron = vi.hoisted(async () =>
  (await import('../../support/fake-electron')).createFakeElectron(),
);
vi.mock('electron', async () => (await electron).module);

const fake = await electron;

/** Imports the entry afresh, lets it start, and waits until it has opened or given up. */
async function start(): Promise<void> {
  vi.resetModules();
  await import('../../../src/main/index');
  fake.state.ready!();
  await vi.waitFor(
    () => {
      expect(fake.state.badges.length + fake.state.errorBoxes.length).toBeGreaterThan(0);
    },
    { timeout: 10_000 },
  );
}

let errors: string[];
beforeEach(() => {
  fake.state.userData = mkdtempSync(join(tmpdir(), 'ft-start-'));
  // Each start applies the login setting; on Linux that touches the autostart folder: a temp one.
  vi.stubEnv('XDG_CONFIG_HOME', fake.state.userData);
  Object.assign(fake.state, { errorBoxes: [], exits: [], windows: 0, badges: [], failTray: false });
  fake.state.appEvents.removeAllListeners();
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
  });
});
afterEach(() => {
  // Stops the timers and closes the database, as quitting does.
  fake.state.appEvents.emit('will-quit');
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(fake.state.userData, { recursive: true, force: true });
});

describe('starting the app', () => {
  it('opens with a row in the database the rules cannot use', async () => {
    const db = join(fake.state.userData, 'followthrough.sqlite');
    expect((await runCliOn(db, ['sample'])).code).toBe(0);
    const raw = new Database(db);
    raw
      .prepare('UPDATE interviews SET starts_at = 8640000000000000, ends_at = 8640000000000000')
      .run();
    raw.close();

    await start();
    expect(fake.state.errorBoxes).toEqual([]);
    expect(fake.state.exits).toEqual([]);
    expect(fake.state.windows).toBe(1);
    expect(fake.state.badges).toEqual([0]);
  });

  it('opens when the tray cannot be set up, and says why in the log', async () => {
    fake.state.failTray = true;
    await start();
    expect(fake.state.errorBoxes).toEqual([]);
    expect(fake.state.windows).toBe(1);
    expect(errors).toEqual([expect.stringContaining('Tray failed: no system tray here')]);
  });
});
