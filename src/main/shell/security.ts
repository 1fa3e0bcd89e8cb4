/**
 * The security posture of every window, in one place: web preferences, the content
 * security policy, and which URLs may be opened outside the app.
 */
import type { WebPreferences } from 'electron';
import { APP_ORIGIN } from './app-protocol';

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
 * The app's own pages: the built renderer on the app's scheme (`followthrough://app/`), or
 * the dev server electron-vite started. No `file://` URL ever counts: another local page (a
 * file the user downloaded, say) can neither be navigated to nor call the app.
 */
export function isAppUrl(raw: string, devServerUrl: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (devServerUrl) return url.origin === new URL(devServerUrl).origin;
  return `${url.protocol}//${url.host}` === APP_ORIGIN;
}
