/**
 * The loopback redirect of a native app (RFC 8252): a listener on 127.0.0.1 on a port the OS
 * picks, for one answer only. The first request carrying the sign-in's answer ends it; the
 * browser gets a page telling the user to return to the app, and the listener closes (also
 * after a time-out, or when the caller gives up).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/`: what the authorization request names as redirect_uri. */
  redirectUri: string;
  /** The query of the one answer, or a rejection on time-out or close. */
  answer: Promise<URLSearchParams>;
  close(): void;
}

export interface LoopbackOptions {
  timeoutMs: number;
  /** The page shown for the answer: the caller decides once it has checked it. */
  page: (answer: URLSearchParams) => { ok: boolean; text: string };
}

export class LoopbackClosed extends Error {
  constructor(readonly reason: 'timeout' | 'closed') {
    super(reason === 'timeout' ? 'No answer came back in time.' : 'The sign-in was stopped.');
    this.name = 'LoopbackClosed';
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pageHtml(ok: boolean, text: string): string {
  const title = ok ? 'Signed in' : 'Sign-in not finished';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Followthrough</title>
<meta name="viewport" content="width=device-width"><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}@media (prefers-color-scheme:dark){body{background:#1b1b1d;color:#eee}}</style></head>
<body><h1>${title}</h1><p>${escapeHtml(text)}</p></body></html>`;
}

export async function listenForRedirect(options: LoopbackOptions): Promise<LoopbackRedirect> {
  let settle: { resolve: (q: URLSearchParams) => void; reject: (e: Error) => void } | null = null;
  const answer = new Promise<URLSearchParams>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may never await it (it gave up first): no unhandled rejection then.
  answer.catch(() => undefined);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = url.searchParams;
    const isAnswer =
      req.method === 'GET' &&
      url.pathname === '/' &&
      (query.has('code') || query.has('error') || query.has('state'));
    if (!isAnswer || settle === null) {
      // favicon.ico and the like; and anything after the one answer.
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const page = options.page(query);
    res
      .writeHead(page.ok ? 200 : 400, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      })
      .end(pageHtml(page.ok, page.text));
    const done = settle;
    settle = null;
    done.resolve(query);
    finish();
  });

  const timer = setTimeout(() => fail(new LoopbackClosed('timeout')), options.timeoutMs);
  let closed = false;
  function finish(): void {
    clearTimeout(timer);
    if (closed) return;
    closed = true;
    server.close();
    server.closeIdleConnections();
  }
  function fail(error: Error): void {
    if (settle) {
      settle.reject(error);
      settle = null;
    }
    finish();
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return {
    redirectUri: `http://127.0.0.1:${address.port}/`,
    answer,
    close: () => fail(new LoopbackClosed('closed')),
  };
}
