/**
 * The main window: secure preferences, a CSP on every response, no navigation away from
 * the app, no new windows; links the user clicks open in their browser.
 */
import { BrowserWindow, session, shell } from 'electron';
import {
  contentSecurityPolicy,
  isAppUrl,
  isSafeExternalUrl,
  secureWebPreferences,
} from './security';

export interface MainWindowOptions {
  preload: string;
  /** The built index.html, or the dev server URL in development. */
  page: { file: string } | { url: string };
  /** The window icon (Linux and Windows; macOS takes the bundle's). */
  icon?: string;
}

export function createMainWindow({ preload, page, icon }: MainWindowOptions): BrowserWindow {
  const devServerUrl = 'url' in page ? page.url : undefined;
  const appFile = 'file' in page ? page.file : undefined;
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Followthrough',
    autoHideMenuBar: true,
    ...(icon ? { icon } : {}),
    webPreferences: secureWebPreferences(preload),
  });

  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl, appFile)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl, appFile)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  if ('url' in page) void window.loadURL(page.url);
  else void window.loadFile(page.file);
  return window;
}

/** Adds the CSP header to every response of the default session and refuses permission requests. */
export function hardenSession(dev: boolean): void {
  const policy = contentSecurityPolicy(dev);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => {
    callback(permission === 'notifications');
  });
}
