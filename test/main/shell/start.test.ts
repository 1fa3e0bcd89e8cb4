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

// Only the electron module is replaced: just enough of each part the start uses, recording it.
const electron = vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const state = {
    userData: '',
    errorBoxes: [] as string[],
    exits: [] as number[],
    windows: 0,
    badges: [] as number[],
    failTray: false,
    appEvents: new EventEmitter(),
    ready: null as null | (() => void),
  };
  class FakeWebContents extends EventEmitter {
    setWindowOpenHandler() {}
    send() {}
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents();
    constructor() {
      super();
      state.windows += 1;
    }
    loadFile() {
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    static getAllWindows() {
      return [];
    }
  }
  class FakeTray extends EventEmitter {
    setToolTip() {}
    setContextMenu() {
      if (state.failTray) throw new Error('no system tray here');
    }
    destroy() {}
  }
  const module = {
    app: {
      isPackaged: true,
      getPath: () => state.userData,
      getAppPath: () => '/app',
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: (...args: unknown[]) => void) =>
        state.appEvents.on(event, listener),
      whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
      quit: () => {},
      exit: (code: number) => state.exits.push(code),
      setBadgeCount: (n: number) => (state.badges.push(n), true),
    },
    dialog: {
      showErrorBox: (title: string, message: string) =>
        state.errorBoxes.push(`${title}: ${message}`),
      showMessageBox: () => Promise.resolve({ response: 1 }),
    },
    ipcMain: { handle: () => {}, removeHandler: () => {} },
    Notification: class {
      static isSupported = () => false;
      on() {}
      show() {}
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    shell: { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') },
    BrowserWindow: FakeWindow,
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => {} },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
      },
    },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
    Tray: FakeTray,
    nativeImage: { createFromPath: (p: string) => ({ path: p }) },
  };
  return { state, module };
});
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
