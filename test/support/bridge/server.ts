/**
 * The test bridge: serves the built renderer over HTTP and answers `POST /invoke` with the
 * real handlers, services and SQLite store, so the UI in Chromium speaks the same contract
 * as it does through preload. Events main would push (`status:changed`, `sync:progress`)
 * wait in a numbered log the page long-polls on `GET /events?after=N`. The clock is fixed
 * (and settable) so due times are stable.
 *
 * Only the test's own page may call it: every request to `/invoke` and `/events` must carry
 * the bridge's random token (header `x-bridge-token`, which the harness gives the page) and
 * name the bridge's own host, so another web page open on this computer (or one reaching it
 * through DNS rebinding) cannot drive the real services behind it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createHandlers } from '../../../src/main/ipc/handlers';
import type { EventName, Events } from '../../../src/shared/contract';
import { createServices, type ServiceOptions, type Services } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { untrustedParserScript } from '../untrusted-parser-script';

export const RENDERER_DIR = path.resolve(__dirname, '../../../out/renderer');

/** Tuesday 24 November 2026, 10:00 in Berlin. */
export const DEFAULT_NOW = Date.parse('2026-11-24T10:00:00+01:00');

export interface Bridge {
  url: string;
  /** The secret the page sends with every call (see bridgeClientScript). */
  token: string;
  /** Moves the service's clock. */
  setNow(at: number): void;
  /** Problems the handlers did not expect (they would be logged in the app). */
  unexpected: unknown[];
  /** The services behind the page, for test setup that is not what the test is about. */
  services: Services;
  /** The database behind them, for setup no channel offers (a reading of a reply). */
  database: OpenedDatabase;
  /** Sends an event to the page the way main would (the menu, the tray, a notification). */
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startBridge(
  options: { now?: number; rendererDir?: string; oauth?: ServiceOptions['oauth'] } = {},
): Promise<Bridge> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'followthrough-bridge-'));
  const database = await openDatabase(path.join(dir, 'workspace.sqlite'));
  let now = options.now ?? DEFAULT_NOW;
  /** Number of the last event; the log keeps the latest ones for pages that fell behind. */
  let seq = 0;
  let log: { seq: number; event: EventName; payload: unknown }[] = [];
  let waiters: (() => void)[] = [];
  const unexpected: unknown[] = [];

  function publish<E extends EventName>(event: E, payload: Events[E]): void {
    seq += 1;
    log.push({ seq, event, payload });
    if (log.length > 2000) log = log.slice(-1000);
    const ready = waiters;
    waiters = [];
    for (const wake of ready) wake();
  }

  // The same composition as the app, with an in-memory vault instead of the keychain.
  const services = createServices({
    database,
    vault: createMemoryVault(),
    now: () => now,
    systemTimeZone: () => 'Europe/Berlin',
    onChange: () => publish('status:changed', { at: now }),
    onSyncProgress: (progress) => publish('sync:progress', progress),
    onSyncFinished: ({ accountId, ok, error }) =>
      publish('sync:finished', { accountId, ok, error }),
    connectionTimeout: 5_000,
    untrustedParser: { script: await untrustedParserScript() },
    ...(options.oauth ? { oauth: options.oauth } : {}),
  });
  const handlers = createHandlers({ ...services, openExternal: () => Promise.resolve(false) });
  const root = options.rendererDir ?? RENDERER_DIR;
  const token = randomBytes(32).toString('hex');
  let host = '';
  const trusted = (req: http.IncomingMessage): boolean => {
    const given = Buffer.from(String(req.headers['x-bridge-token'] ?? ''));
    const wanted = Buffer.from(token);
    return (
      req.headers.host === host && given.length === wanted.length && timingSafeEqual(given, wanted)
    );
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if ((url.pathname === '/invoke' || url.pathname === '/events') && !trusted(req)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Not this bridge’s page.');
      return;
    }
    if (req.method === 'POST' && url.pathname === '/invoke') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          let body: { channel?: unknown; input?: unknown };
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
          } catch {
            res.writeHead(400).end();
            return;
          }
          const result = await dispatch(handlers, body.channel, body.input, (e) =>
            unexpected.push(e),
          );
          // Where the event log stands as the answer leaves: the page delivers the events up
          // to here before the answer, as Electron does for events sent before a reply.
          res.writeHead(200, { 'content-type': 'application/json', 'x-bridge-seq': String(seq) });
          res.end(JSON.stringify(result));
        })();
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/events') {
      // Long poll: answers with the events after `after` as soon as there are any, or after
      // 20 s with none. A first call (after < 0) learns where the log stands.
      const after = Number(url.searchParams.get('after') ?? '-1');
      const reply = () => {
        clearTimeout(timer);
        waiters = waiters.filter((w) => w !== reply);
        if (res.writableEnded) return;
        const events = after < 0 ? [] : log.filter((e) => e.seq > after);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ seq, events }));
      };
      const timer = setTimeout(reply, 20_000);
      res.on('close', () => {
        clearTimeout(timer);
        waiters = waiters.filter((w) => w !== reply);
      });
      if (after < 0 || after < seq) reply();
      else waiters.push(reply);
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    const relative =
      url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;

  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    setNow(at) {
      now = at;
    },
    unexpected,
    services,
    database,
    emit: publish,
    async close() {
      for (const wake of waiters) wake();
      waiters = [];
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      database.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
