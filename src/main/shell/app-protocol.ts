/**
 * The built renderer is served from its own scheme, `followthrough://app/…`, instead of
 * `file://`: a page the user downloaded is a file too, and must never count as the app. The
 * handler serves only files inside the renderer's folder, each with the CSP header, so the
 * policy's `'self'` means exactly this origin.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';

export const APP_SCHEME = 'followthrough';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
/** The page the window opens. */
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Registers the scheme as standard and secure (origin, `'self'`, fetch and storage work as
 * for https). Electron allows this only before the app is ready.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The file inside `root` that an app URL names, or null for anything else: another scheme or
 * host, a path that leaves `root` (`..`, encoded or not), a NUL byte. `/` is the index page.
 */
export function appFileFor(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'app') return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative}`);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

/** What the scheme answers for one request: the file with its type and the CSP, or 404. */
export async function answerAppRequest(
  root: string,
  request: { url: string; method: string },
  contentSecurityPolicy: string,
): Promise<Response> {
  const notFound = () => new Response('Not found', { status: 404 });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405 });
  }
  const file = appFileFor(root, request.url);
  if (file === null) return notFound();
  try {
    // A link inside the folder may point out of it: what is served is where it leads.
    const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    if (!real.startsWith(realRoot + path.sep) || !(await stat(real)).isFile()) return notFound();
    const body = request.method === 'HEAD' ? null : await readFile(real);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type':
          CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return notFound();
  }
}

/** Serves the built renderer in `root` under `followthrough://app/`. Call once the app is ready. */
export function serveRenderer(
  protocol: Pick<Protocol, 'handle'>,
  root: string,
  contentSecurityPolicy: string,
): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(root, request, contentSecurityPolicy));
}
