/**
 * The window's security posture as a whole: the exact web preferences, the content security
 * policy of the header and of the page's meta tag, navigation and new windows refused for
 * anything but the app's own page, and IPC refused from any other frame. Only the electron
 * module is replaced.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../../src/shared/contract';
import type { Handlers } from '../../../src/main/ipc/handlers';

const electron = vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const windows: FakeWindow[] = [];
  const opened: string[] = [];
  class FakeWebContents extends EventEmitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents();
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
    }
    loadFile() {
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
    show() {}
  }
  const headerListeners: Array<(details: unknown, cb: (r: unknown) => void) => void> = [];
  return {
    windows,
    opened,
    headerListeners,
    module: {
      BrowserWindow: FakeWindow,
      shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
      session: {
        defaultSession: {
          webRequest: {
            onHeadersReceived: (l: (typeof headerListeners)[number]) => headerListeners.push(l),
          },
          setPermissionRequestHandler: () => undefined,
          setPermissionCheckHandler: () => undefined,
        },
      },
    },
  };
});
vi.mock('electron', async () => (await electron).module);

const fake = await electron;
const { createMainWindow, hardenSession } = await import('../../../src/main/shell/window');
const { contentSecurityPolicy, isAppUrl, isSafeExternalUrl } =
  await import('../../../src/main/shell/security');
const { registerIpc } = await import('../../../src/main/shell/ipc');

const APP_URL = 'followthrough://app/index.html';
const DEV = 'http://localhost:5173';

/** URLs no window of the app may show and no frame of which may call main. */
const FOREIGN = [
  'https://evil.example/',
  'http://127.0.0.1:9/',
  'file:///home/sam/Downloads/invitation.html',
  // The built files as file:// pages no longer count as the app: only its own scheme does.
  'file:///opt/Followthrough/resources/app.asar/out/renderer/index.html',
  'followthrough://evil.example/index.html',
  'followthrough-other://app/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'devtools://devtools/bundled/inspector.html',
  'chrome://settings',
  'http://localhost:5173.evil.example/',
  'blob:https://evil.example/1234',
  'not a url',
  '',
];

interface FakeContents {
  emit(event: string, ...args: unknown[]): boolean;
  windowOpenHandler: (details: { url: string }) => { action: string };
}

function contentsOf(window: unknown): FakeContents {
  return (window as { webContents: FakeContents }).webContents;
}

/** True when the window refused to go to `url`. */
function refuses(contents: FakeContents, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

beforeEach(() => {
  fake.windows.length = 0;
  fake.opened.length = 0;
});

describe('web preferences', () => {
  it('are exactly the hardened set: isolated, sandboxed, no Node anywhere, no webviews', () => {
    createMainWindow({ preload: '/app/preload.js' });
    // Exact: a preference added or loosened later must be looked at here.
    expect(fake.windows[0]!.options.webPreferences).toEqual({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    });
  });
});

describe('content security policy', () => {
  const built = cspDirectives(contentSecurityPolicy(false));

  it('allows only the app’s own files: no inline or eval’d script, no frames, no plugins', () => {
    expect(built.get('default-src')).toEqual(["'none'"]);
    expect(built.get('script-src')).toEqual(["'self'"]);
    expect(built.get('style-src')).toEqual(["'self'"]);
    expect(built.get('connect-src')).toEqual(["'self'"]);
    expect(built.get('img-src')).toEqual(["'self'", 'data:']);
    expect(built.get('base-uri')).toEqual(["'none'"]);
    expect(built.get('form-action')).toEqual(["'none'"]);
    expect(built.get('frame-ancestors')).toEqual(["'none'"]);
    // No directive may loosen what default-src 'none' forbids (frames, objects, workers).
    for (const loose of ['frame-src', 'child-src', 'object-src', 'worker-src']) {
      expect(built.has(loose)).toBe(false);
    }
    const all = [...built.values()].flat();
    expect(all.filter((v) => /unsafe|\*|^https?:$|^blob:$/.test(v))).toEqual([]);
  });

  it('is the same in the page’s meta tag as in the response header', () => {
    const html = readFileSync(
      fileURLToPath(new URL('../../../src/renderer/index.html', import.meta.url)),
      'utf8',
    );
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(cspDirectives(meta!)).toEqual(built);
  });

  it('is sent with every response, replacing any policy a response brought along', () => {
    hardenSession(false);
    let headers: Record<string, string[]> = {};
    fake.headerListeners.at(-1)!(
      {
        responseHeaders: { 'Content-Security-Policy': ["default-src *; script-src 'unsafe-eval'"] },
      },
      (r) => (headers = (r as { responseHeaders: typeof headers }).responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy(false)]);
  });

  it('loosens only inline styles and the hot-reload socket for the dev server', () => {
    const dev = cspDirectives(contentSecurityPolicy(true));
    const changed = [...dev].filter(
      ([name, values]) => built.get(name)?.join(' ') !== values.join(' '),
    );
    expect(Object.fromEntries(changed)).toEqual({
      'style-src': ["'self'", "'unsafe-inline'"],
      'connect-src': ["'self'", 'ws:'],
    });
  });
});

describe('navigation and new windows', () => {
  it('stay on the app’s own page; every other place is refused, redirects too', () => {
    const contents = contentsOf(createMainWindow({ preload: 'p.js' }));
    for (const url of FOREIGN) {
      expect(refuses(contents, 'will-navigate', url), url).toBe(true);
      expect(refuses(contents, 'will-redirect', url), url).toBe(true);
    }
    expect(refuses(contents, 'will-navigate', `${APP_URL}#/settings`)).toBe(false);
    expect(refuses(contents, 'will-navigate', `${APP_URL}?view=home`)).toBe(false);
  });

  it('with the dev server, stay on its origin only', () => {
    const contents = contentsOf(createMainWindow({ preload: 'p.js', devServerUrl: DEV }));
    expect(refuses(contents, 'will-navigate', `${DEV}/#/home`)).toBe(false);
    for (const url of [...FOREIGN, APP_URL, 'http://localhost:5174/', 'https://localhost:5173/']) {
      expect(refuses(contents, 'will-navigate', url), url).toBe(true);
    }
  });

  it('never opens a window for any URL; only web and mail links go to the user’s programs', () => {
    const contents = contentsOf(createMainWindow({ preload: 'p.js' }));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.constantFrom(...FOREIGN, 'mailto:ada@example.com', 'https://user:pw@evil.example/'),
          fc.string(),
        ),
        (url) => {
          fake.opened.length = 0;
          expect(contents.windowOpenHandler({ url })).toEqual({ action: 'deny' });
          expect(fake.opened).toEqual(isSafeExternalUrl(url) ? [url] : []);
          if (isSafeExternalUrl(url)) expect(url).toMatch(/^(https?|mailto):/i);
        },
      ),
    );
  });

  it('refuses to attach a webview', () => {
    const contents = contentsOf(createMainWindow({ preload: 'p.js' }));
    expect(refuses(contents, 'will-attach-webview', 'https://evil.example/')).toBe(true);
  });
});

describe('IPC from another frame', () => {
  type Listener = (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => Promise<unknown>;
  let calls = 0;
  const listeners = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => listeners.set(channel, listener),
    removeHandler: (channel: string) => listeners.delete(channel),
  } as unknown as IpcMain;
  const handlers = new Proxy({} as Handlers, {
    get: () => () => {
      calls++;
      return { secret: 'should not be reached' };
    },
  });
  registerIpc(ipcMain, handlers, {
    isAppUrl: (url) => isAppUrl(url, undefined),
    onUnexpected: () => undefined,
  });
  const invoke = listeners.get(IPC_INVOKE_CHANNEL)!;
  const from = (url: string | null, parent: object | null = null) =>
    ({ senderFrame: url === null ? null : { url, parent } }) as unknown as IpcMainInvokeEvent;

  it('is answered only for the app’s own top frame', async () => {
    calls = 0;
    expect(await invoke(from(`${APP_URL}#/home`), 'profile:get', undefined)).toMatchObject({
      ok: true,
    });
    expect(calls).toBe(1);
  });

  it('is refused from any other page, a sub-frame of the app, or a frame that is gone', async () => {
    calls = 0;
    const senders = [
      ...FOREIGN.map((url) => from(url)),
      from(APP_URL, { url: APP_URL }),
      from(null),
    ];
    for (const sender of senders) {
      expect(await invoke(sender, 'profile:get', undefined)).toEqual({
        ok: false,
        error: { code: 'invalid-input', message: 'Request from an unknown page refused.' },
      });
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.webUrl(), fc.string()), async (url) => {
        fc.pre(!url.startsWith(APP_URL));
        expect(await invoke(from(url), 'workspace:export', undefined)).toMatchObject({ ok: false });
      }),
    );
    expect(calls).toBe(0);
  });
});
