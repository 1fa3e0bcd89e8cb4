import { beforeEach, describe, expect, it, vi } from 'vitest';

// Only the electron module is replaced: a BrowserWindow that records what the shell asks of it.
const electron = vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const created: FakeWindow[] = [];
  const opened: string[] = [];
  class FakeWebContents extends EventEmitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loaded: string | null = null;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      created.push(this);
    }
    loadFile(file: string) {
      this.loaded = file;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    show() {}
  }
  const headerListeners: Array<(details: unknown, cb: (r: unknown) => void) => void> = [];
  type RequestHandler = (
    wc: unknown,
    permission: string,
    cb: (ok: boolean) => void,
    details: { requestingUrl: string },
  ) => void;
  type CheckHandler = (wc: unknown, permission: string, origin: string) => boolean;
  let permissionHandler: RequestHandler | null = null;
  let checkHandler: CheckHandler | null = null;
  return {
    created,
    opened,
    headerListeners,
    permission: (p: string, requestingUrl = 'followthrough://app/index.html') =>
      new Promise<boolean>((resolve) => permissionHandler?.(null, p, resolve, { requestingUrl })),
    check: (p: string, origin: string) => checkHandler?.(null, p, origin),
    module: {
      BrowserWindow: FakeWindow,
      shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
      session: {
        defaultSession: {
          webRequest: {
            onHeadersReceived: (l: (typeof headerListeners)[number]) => headerListeners.push(l),
          },
          setPermissionRequestHandler: (h: RequestHandler) => (permissionHandler = h),
          setPermissionCheckHandler: (h: CheckHandler) => (checkHandler = h),
        },
      },
    },
  };
});
vi.mock('electron', async () => (await electron).module);

const fake = await electron;
const { createMainWindow, hardenSession } = await import('../../../src/main/shell/window');

function navigate(
  window: { emit: (event: string, ...args: unknown[]) => boolean },
  event: string,
  url: string,
): boolean {
  let prevented = false;
  window.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('main window', () => {
  beforeEach(() => {
    fake.created.length = 0;
    fake.opened.length = 0;
  });

  it('isolates the page: context isolation, sandbox, no Node', () => {
    createMainWindow({ preload: '/app/preload.js' });
    const prefs = fake.created[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('refuses navigation away from the app and allows its own pages', () => {
    const window = createMainWindow({ preload: 'p.js' });
    expect(navigate(window.webContents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(window.webContents, 'will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(
      navigate(window.webContents, 'will-navigate', 'followthrough://app/index.html#/settings'),
    ).toBe(false);
  });

  it('opens no new windows; web and mail links go to the user’s own programs, others nowhere', () => {
    const window = createMainWindow({ preload: 'p.js' });
    const handler = (
      window.webContents as unknown as {
        windowOpenHandler: (d: { url: string }) => { action: string };
      }
    ).windowOpenHandler;
    expect(handler({ url: 'https://jobs.example/posting' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'mailto:ada@example.com' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://jobs.example/posting', 'mailto:ada@example.com']);
  });

  it('sends a strict content security policy with every response', () => {
    hardenSession(false);
    const listener = fake.headerListeners.at(-1)!;
    let headers: Record<string, string[]> = {};
    listener(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r) => (headers = (r as { responseHeaders: typeof headers }).responseHeaders),
    );
    const csp = headers['Content-Security-Policy']![0]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('refuses permission requests other than notifications, and any from another page', async () => {
    hardenSession(false);
    expect(await fake.permission('media')).toBe(false);
    expect(await fake.permission('geolocation')).toBe(false);
    expect(await fake.permission('notifications')).toBe(true);
    expect(await fake.permission('notifications', 'file:///home/sam/Downloads/a.html')).toBe(false);
  });

  it('answers permission checks the same way, by origin', () => {
    hardenSession(false);
    expect(fake.check('notifications', 'followthrough://app')).toBe(true);
    expect(fake.check('clipboard-read', 'followthrough://app')).toBe(false);
    expect(fake.check('notifications', 'https://evil.example')).toBe(false);
    expect(fake.check('notifications', 'file://')).toBe(false);
  });

  it('opens the built app on its own scheme, or the dev server in development', () => {
    const built = createMainWindow({ preload: 'p.js' }) as unknown as { loaded: string };
    expect(built.loaded).toBe('followthrough://app/index.html');
    const dev = createMainWindow({ preload: 'p.js', devServerUrl: 'http://localhost:5173' });
    expect((dev as unknown as { loaded: string }).loaded).toBe('http://localhost:5173');
  });
});
