/** An SMTP server on loopback that keeps every message it receives, parsed with mailparser. */
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { selfSignedCertificate } from './certificate';

export interface ReceivedMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  /** Who the client signed in as: the receiver's user, or the address an access token is good for. */
  signedInAs: string | null;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpReceiverOptions {
  user?: string;
  password?: string;
  /**
   * TLS with a self-signed certificate (for 127.0.0.1 and localhost) made at start:
   * 'implicit' for TLS from the first byte, 'starttls' for a plain port that offers STARTTLS
   * and allows AUTH only after it. Default: no TLS, AUTH allowed in the clear.
   */
  tls?: 'implicit' | 'starttls';
  /** Refuses a recipient (RCPT TO) with this reply code and text; null accepts it. */
  rejectRecipient?: (address: string) => { code: number; message: string } | null;
  /**
   * Offers AUTH XOAUTH2 too and checks each access token with this (the authorization server's
   * answer: the address the token is good for now, or null), as Gmail and Microsoft 365 do.
   */
  checkAccessToken?: (accessToken: string) => Promise<string | null>;
}

export interface SmtpReceiver {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** PEM of the self-signed certificate (its own CA) when `tls` is set. */
  certificatePem: string | null;
  readonly messages: ReceivedMail[];
  stop(): Promise<void>;
}

export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const user = options.user ?? 'sender';
  const password = options.password ?? 'sender-secret';
  const messages: ReceivedMail[] = [];
  const certificate = options.tls ? await certificateInTempDir() : null;
  const server = new SMTPServer({
    secure: options.tls === 'implicit',
    allowInsecureAuth: !options.tls,
    authOptional: false,
    disabledCommands: options.tls === 'starttls' ? [] : ['STARTTLS'],
    ...(certificate ? { key: certificate.key, cert: certificate.cert } : {}),
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.rejectRecipient?.(address.address) ?? null;
      if (refusal) {
        const error = new Error(refusal.message) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        callback(error);
      } else {
        callback();
      }
    },
    ...(options.checkAccessToken ? { authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'] } : {}),
    onAuth(auth, _session, callback) {
      const check = options.checkAccessToken;
      if (auth.method === 'XOAUTH2' && check) {
        check(auth.accessToken ?? '')
          .then((address) => {
            if (address !== null && address.toLowerCase() === auth.username?.toLowerCase()) {
              callback(null, { user: address });
            } else {
              // RFC 7628's failure answer; the client then cancels and gets 535.
              callback(null, { data: { status: '401', schemes: 'bearer', scope: 'mail' } });
            }
          })
          .catch((error: Error) => callback(error));
        return;
      }
      if (auth.username === user && auth.password === password) {
        callback(null, { user });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const from = session.envelope.mailFrom;
            messages.push({
              envelopeFrom: from ? from.address : null,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              signedInAs: typeof session.user === 'string' ? session.user : null,
              raw,
              parsed,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  // A client that refuses the certificate drops the connection mid-handshake; smtp-server
  // reports that as a server 'error', which must not end the test run.
  server.on('error', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('smtp receiver has no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    user,
    password,
    certificatePem: certificate?.cert ?? null,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function certificateInTempDir(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ft-smtp-cert-'));
  try {
    return await selfSignedCertificate(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
