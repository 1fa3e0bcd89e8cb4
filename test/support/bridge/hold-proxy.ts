/**
 * A loopback TCP proxy that can hold a connection at a chosen client command: the command
 * and everything after it wait until `release()`. The renderer tests use it to stop a sync
 * in the middle, so the page can be looked at while it runs, without guessing at timing.
 */
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

export interface HoldProxy {
  port: number;
  /** Holds the next client line matching `pattern`; resolves once a line has been held. */
  holdAt(pattern: RegExp): Promise<void>;
  /** Sends on whatever was held and forwards freely again. */
  release(): void;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket;
  /** Client bytes not yet sent on, while held. */
  queue: Buffer[];
  held: boolean;
}

export async function startHoldProxy(targetPort: number): Promise<HoldProxy> {
  const links = new Set<Link>();
  let armed: { pattern: RegExp; held: () => void } | null = null;

  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const link: Link = { client, upstream, queue: [], held: false };
    links.add(link);
    client.on('data', (chunk: Buffer) => {
      if (link.held) {
        link.queue.push(chunk);
        return;
      }
      const at = armed ? matchAt(chunk, armed.pattern) : -1;
      if (at < 0 || !armed) {
        upstream.write(chunk);
        return;
      }
      upstream.write(chunk.subarray(0, at));
      link.queue.push(chunk.subarray(at));
      link.held = true;
      const { held } = armed;
      armed = null;
      held();
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      links.delete(link);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', close);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');

  return {
    port: address.port,
    holdAt(pattern) {
      return new Promise<void>((resolve) => {
        armed = { pattern, held: resolve };
      });
    },
    release() {
      armed = null;
      for (const link of links) {
        link.held = false;
        for (const chunk of link.queue.splice(0)) link.upstream.write(chunk);
      }
    },
    async close() {
      for (const link of links) {
        link.client.destroy();
        link.upstream.destroy();
      }
      links.clear();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Byte offset of the start of the first line in `chunk` that matches, or -1. */
function matchAt(chunk: Buffer, pattern: RegExp): number {
  const text = chunk.toString('latin1');
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\r\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    if (pattern.test(line)) return start;
    if (end < 0) break;
    start = end + 2;
  }
  return -1;
}
