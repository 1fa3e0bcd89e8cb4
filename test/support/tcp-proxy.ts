/**
 * A loopback TCP proxy the test controls: forwards every connection to a target port, counts
 * bytes and client command lines, and can cut all connections mid-stream.
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
    client.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let index: number;
      while ((index = pending.indexOf('\r\n')) >= 0) {
        clientLines.push(pending.slice(0, index));
        pending = pending.slice(index + 2);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
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
    async close() {
      dropAll();
      server.close();
      await once(server, 'close');
    },
  };
}
