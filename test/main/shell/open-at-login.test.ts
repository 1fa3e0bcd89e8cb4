/**
 * Open at login and the tray, through the app's start (src/main/index.ts) with the electron
 * module replaced: the setting registers the app the platform's way, a start at login shows
 * no window but keeps the tray and the alerts, and closing the window does not quit.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/model';
import { runCliOn } from '../../support/cli';

const ARGV = [...process.argv];
const PLATFORM = process.platform;
const XDG = process.env['XDG_CONFIG_HOME'];

// Only the electron module is replaced (test/support/fake-electron.ts).
const electron = vi.hoisted(async () =>
  (await import('../../support/fake-electron')).createFakeElectron(),
);
vi.mock('electron', async () => (await electron).module);

const fake = await electron;

/** Imports the entry afresh (with these arguments), lets it start, and waits until it has opened or given up. */
async function start(args: string[] = []): Promise<void> {
  vi.resetModules();
  process.argv = [...ARGV, ...args];
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
let config: string;
beforeEach(() => {
  fake.state.userData = mkdtempSync(join(tmpdir(), 'ft-login-'));
  config = join(fake.state.userData, 'config');
  process.env['XDG_CONFIG_HOME'] = config;
  Object.assign(fake.state, {
    errorBoxes: [],
    exits: [],
    windows: 0,
    badges: [],
    failTray: false,
    loginItems: [],
    wasOpenedAtLogin: false,
    trays: 0,
    quits: 0,
    notifications: 0,
    invoke: null,
  });
  fake.state.appEvents.removeAllListeners();
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
  });
});
afterEach(() => {
  fake.state.appEvents.emit('will-quit');
  vi.restoreAllMocks();
  process.argv = ARGV;
  Object.defineProperty(process, 'platform', { value: PLATFORM });
  if (XDG === undefined) delete process.env['XDG_CONFIG_HOME'];
  else process.env['XDG_CONFIG_HOME'] = XDG;
  rmSync(fake.state.userData, { recursive: true, force: true });
});

function onPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform });
}

/** Saves settings the way the Settings view does: through the IPC contract. */
async function saveSettings(changes: Partial<typeof DEFAULT_SETTINGS>): Promise<void> {
  const event = { senderFrame: { parent: null, url: 'followthrough://app/index.html' } };
  const result = (await fake.state.invoke!(event, 'settings:save', {
    ...DEFAULT_SETTINGS,
    ...changes,
  })) as { ok: boolean };
  expect(result.ok).toBe(true);
}

const autostart = () => join(config, 'autostart', 'followthrough.desktop');

describe('open at login', () => {
  it('on Windows, turning it on and off registers the app with --hidden, then removes it', async () => {
    onPlatform('win32');
    await start();
    // Off by default: the start only makes sure it is not registered.
    expect(fake.state.loginItems).toEqual([{ openAtLogin: false, args: ['--hidden'] }]);
    await saveSettings({ openAtLogin: true });
    expect(fake.state.loginItems.at(-1)).toEqual({ openAtLogin: true, args: ['--hidden'] });
    await saveSettings({ openAtLogin: false });
    expect(fake.state.loginItems.at(-1)).toEqual({ openAtLogin: false, args: ['--hidden'] });
    expect(errors).toEqual([]);
  });

  it('on macOS it asks to open hidden', async () => {
    onPlatform('darwin');
    await start();
    await saveSettings({ openAtLogin: true });
    expect(fake.state.loginItems.at(-1)).toEqual({ openAtLogin: true, openAsHidden: true });
  });

  it('on Linux it writes an XDG autostart entry that starts hidden, and removes it', async () => {
    onPlatform('linux');
    await start();
    expect(existsSync(autostart())).toBe(false);
    await saveSettings({ openAtLogin: true });
    const entry = readFileSync(autostart(), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toMatch(/^Exec=.* --hidden$/m);
    // Electron has no login items on Linux: it is never asked.
    expect(fake.state.loginItems).toEqual([]);
    await saveSettings({ openAtLogin: false });
    expect(existsSync(autostart())).toBe(false);
  });
});

describe('started at login', () => {
  it('with --hidden: no window, but the tray and the due-note alerts', async () => {
    const db = join(fake.state.userData, 'followthrough.sqlite');
    // The sample workspace loaded three weeks ago: notes are overdue at the real time of the run.
    const weeksAgo = Date.now() - 21 * 24 * 3_600_000;
    expect((await runCliOn(db, ['sample'], { now: weeksAgo })).code).toBe(0);
    await start(['--hidden']);
    expect(fake.state.windows).toBe(0);
    expect(fake.state.trays).toBe(1);
    // The alerts ran: the badge has the count.
    expect(fake.state.badges).toEqual([expect.any(Number)]);
    expect(fake.state.badges[0]).toBeGreaterThan(0);
    expect(fake.state.notifications).toBeGreaterThan(0);
    expect(fake.state.errorBoxes).toEqual([]);
  });

  it('on macOS, a start at login shows no window either', async () => {
    onPlatform('darwin');
    fake.state.wasOpenedAtLogin = true;
    await start();
    expect(fake.state.windows).toBe(0);
    expect(fake.state.trays).toBe(1);
  });

  it('with --hidden but no tray, opens the window after all', async () => {
    fake.state.failTray = true;
    await start(['--hidden']);
    expect(fake.state.windows).toBe(1);
  });

  it('a normal start opens the window', async () => {
    await start();
    expect(fake.state.windows).toBe(1);
  });
});

describe('closing the window', () => {
  it('keeps the app running in the tray on Linux and Windows', async () => {
    await start();
    fake.state.appEvents.emit('window-all-closed');
    expect(fake.state.quits).toBe(0);
  });

  it('quits when there is no tray to come back from', async () => {
    fake.state.failTray = true;
    await start();
    fake.state.appEvents.emit('window-all-closed');
    expect(fake.state.quits).toBe(1);
  });
});
