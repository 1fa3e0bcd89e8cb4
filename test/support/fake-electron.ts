import { EventEmitter } from 'node:events';

export type FakeElectronState = ReturnType<typeof newFakeState>;

/** What the fake records, and the knobs a test turns (a tray that fails, a start at login). */
function newFakeState() {
  return {
    userData: '',
    errorBoxes: [] as string[],
    exits: [] as number[],
    windows: 0,
    badges: [] as number[],
    failTray: false,
    appEvents: new EventEmitter(),
    ready: null as null | (() => void),
    loginItems: [] as unknown[],
    wasOpenedAtLogin: false,
    trays: 0,
    quits: 0,
    notifications: 0,
    invoke: null as null | ((event: unknown, channel: string, input: unknown) => Promise<unknown>),
  };
}

/**
 * The electron module as the shell's start (src/main/index.ts) uses it, replaced for tests:
 * just enough of each part, recording what the start asked of it. Use it from `vi.hoisted`.
 */
export function createFakeElectron(): {
  state: FakeElectronState;
  module: Record<string, unknown>;
} {
  const state = newFakeState();
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
    constructor() {
      super();
      state.trays += 1;
    }
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
      quit: () => {
        state.quits += 1;
      },
      setLoginItemSettings: (settings: unknown) => state.loginItems.push(settings),
      getLoginItemSettings: () => ({ wasOpenedAtLogin: state.wasOpenedAtLogin }),
      exit: (code: number) => state.exits.push(code),
      setBadgeCount: (n: number) => (state.badges.push(n), true),
    },
    dialog: {
      showErrorBox: (title: string, message: string) =>
        state.errorBoxes.push(`${title}: ${message}`),
      showMessageBox: () => Promise.resolve({ response: 1 }),
    },
    ipcMain: {
      handle: (_channel: string, listener: NonNullable<typeof state.invoke>) =>
        (state.invoke = listener),
      removeHandler: () => {},
    },
    Notification: class {
      static isSupported = () => true;
      constructor() {
        state.notifications += 1;
      }
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
}
