/**
 * A loopback TCP proxy the test controls: forwards every connection to a target port, counts
 * bytes and client command lines, and can cut all connections mid-stream, or make the server
 * go silent or trickle from a chosen client command on.
 */
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Client lines (CRLF-terminated) sent through the proxy, across all connections. */
  readonly clientLines: string[];
  readonly bytesFromServer: number;
  readonly connections: number;
  /** Destroys every open connection, both sides, at once. */
  dropAll(): void;
  /** Drops all connections as soon as this many more bytes have come from the server. */
  dropAfterServerBytes(bytes: number): void;
  /**
   * From the first client line matching `trigger` on (on any connection), what the server
   * sends is held back entirely ('silent') or passed on at `bytesPerSecond` ('trickle').
   * `null` turns it off for new and open connections.
   */
  slowServer(
    behaviour:
      | { trigger: RegExp; mode: 'silent' }
      | { trigger: RegExp; mode: 'trickle'; bytesPerSecond: number }
      | null,
  ): void;
  close(): Promise<void>;
}

export async function startTcpProxy(
  targetPort: number,
  targetHost = '127.0.0.1',
): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const clientLines: string[] = [];
  let bytesFromServer = 0;
  let connections = 0;
  let dropAt: number | null = null;
  type Slow =
    | { trigger: RegExp; mode: 'silent' }
    | { trigger: RegExp; mode: 'trickle'; bytesPerSecond: number };
  let slow: Slow | null = null;
  let slowActive = false;
  const timers = new Set<NodeJS.Timeout>();

  const dropAll = (): void => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  const server = createServer((client) => {
    connections++;
    const upstream = connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    let pending = '';
    // Server bytes held back while the server is made slow.
    let held: Buffer = Buffer.alloc(0);
    const trickle = setInterval(() => {
      if (slow === null || !slowActive) {
        if (held.length > 0) {
          client.write(held);
          held = Buffer.alloc(0);
        }
        return;
      }
      if (slow.mode !== 'trickle' || held.length === 0) return;
      const n = Math.max(1, Math.round(slow.bytesPerSecond / 10));
      client.write(held.subarray(0, n));
      held = held.subarray(n);
    }, 100);
    timers.add(trickle);
    client.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let index: number;
      while ((index = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, index);
        clientLines.push(line);
        if (slow !== null && slow.trigger.test(line)) slowActive = true;
        pending = pending.slice(index + 2);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (slow !== null && slowActive) {
        held = Buffer.concat([held, chunk]);
        return;
      }
      bytesFromServer += chunk.length;
      if (dropAt !== null && bytesFromServer >= dropAt) {
        dropAt = null;
        // Forward part of the chunk so the client is left holding a half-read response.
        client.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
        dropAll();
        return;
      }
      client.write(chunk);
    });
    const close = (): void => {
      clearInterval(trickle);
      timers.delete(trickle);
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');

  return {
    port: address.port,
    clientLines,
    get bytesFromServer() {
      return bytesFromServer;
    },
    get connections() {
      return connections;
    },
    dropAll,
    dropAfterServerBytes(bytes: number) {
      dropAt = bytesFromServer + bytes;
    },
    slowServer(behaviour) {
      slow = behaviour;
      slowActive = false;
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      dropAll();
      server.close();
      await once(server, 'close');
    },
  };
}
