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
import { APP_ENTRY } from './app-protocol';

export interface MainWindowOptions {
  preload: string;
  /** The dev server's URL in development; otherwise the built renderer on the app's scheme. */
  devServerUrl?: string;
  /** The window icon (Linux and Windows; macOS takes the bundle's). */
  icon?: string;
}

export function createMainWindow({
  preload,
  devServerUrl,
  icon,
}: MainWindowOptions): BrowserWindow {
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
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void window.loadURL(devServerUrl ?? APP_ENTRY);
  return window;
}

/**
 * Adds the CSP header to every response of the default session (the app's scheme sets it
 * itself as well) and allows notifications to the app's own pages, nothing else: both when a
 * page asks (request handler) and when it only checks (check handler), as Signal does.
 */
export function hardenSession(dev: boolean, devServerUrl?: string): void {
  const policy = contentSecurityPolicy(dev);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(permission === 'notifications' && isAppUrl(details.requestingUrl, devServerUrl));
  });
  session.defaultSession.setPermissionCheckHandler(
    (_wc, permission, requestingOrigin) =>
      permission === 'notifications' && isAppUrl(requestingOrigin, devServerUrl),
  );
}
