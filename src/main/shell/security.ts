/**
 * The security posture of every window, in one place: web preferences, the content
 * security policy, and which URLs may be opened outside the app.
 */
import { pathToFileURL } from 'node:url';
import type { WebPreferences } from 'electron';

/**
 * The built app allows only its own files. The dev server needs inline styles (Vite injects
 * CSS at run time) and a websocket for hot reload; nothing else is loosened.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    dev ? "connect-src 'self' ws:" : "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
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
  };
}

/** Only web pages and mail links leave the app, and only through the user's own programs. */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return true;
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.hostname !== '' &&
    !url.username &&
    !url.password
  );
}

/**
 * The app's own pages: the built files, or the dev server electron-vite started. With
 * `appFile` (the built index.html) only that file counts, so another local page (a file the
 * user downloaded, say) can neither be navigated to nor call the app.
 */
export function isAppUrl(raw: string, devServerUrl: string | undefined, appFile?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    // With the dev server the app is not a file at all.
    if (devServerUrl) return false;
    return (
      appFile === undefined || (url.host === '' && url.pathname === pathToFileURL(appFile).pathname)
    );
  }
  if (!devServerUrl) return false;
  return url.origin === new URL(devServerUrl).origin;
}
