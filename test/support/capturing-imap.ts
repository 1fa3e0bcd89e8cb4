/**
 * A loopback server that speaks just enough IMAP for a client to try to sign in (greeting,
 * CAPABILITY, LOGIN, AUTHENTICATE PLAIN/LOGIN, LOGOUT), refuses every sign-in, and keeps every
 * byte it was sent: a test can then ask whether a secret ever reached it, in clear or in the
 * base64 of an AUTHENTICATE exchange.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface CapturingImap {
  host: string;
  port: number;
  /** Everything any client sent, as received. */
  received(): Buffer;
  /** Whether `secret` reached this server, as it is or inside any base64 it was sent. */
  heard(secret: string): boolean;
  close(): Promise<void>;
}

export async function startCapturingImap(host = '127.0.0.1', port = 0): Promise<CapturingImap> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = '';
    let continuing: string | null = null;
    socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN] ready\r\n');
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (continuing !== null) {
          // The client's answer to a "+" challenge: refuse after one round.
          socket.write(`${continuing} NO [AUTHENTICATIONFAILED] Refused\r\n`);
          continuing = null;
          continue;
        }
        const [tag = '*', command = ''] = line.split(' ');
        switch (command.toUpperCase()) {
          case 'CAPABILITY':
            socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN\r\n${tag} OK done\r\n`);
            break;
          case 'LOGIN':
            socket.write(`${tag} NO [AUTHENTICATIONFAILED] Refused\r\n`);
            break;
          case 'AUTHENTICATE': {
            // An initial response on the same line is refused at once; otherwise ask for it.
            if (line.split(' ').length > 3)
              socket.write(`${tag} NO [AUTHENTICATIONFAILED] Refused\r\n`);
            else {
              continuing = tag;
              socket.write('+ \r\n');
            }
            break;
          }
          case 'LOGOUT':
            socket.end(`* BYE bye\r\n${tag} OK done\r\n`);
            break;
          default:
            socket.write(`${tag} OK done\r\n`);
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const received = () => Buffer.concat(chunks);
  return {
    host,
    port: address.port,
    received,
    heard(secret) {
      const text = received().toString('latin1');
      if (text.includes(secret)) return true;
      for (const token of text.match(/[A-Za-z0-9+/=]{8,}/g) ?? []) {
        if (Buffer.from(token, 'base64').toString('latin1').includes(secret)) return true;
      }
      return false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
