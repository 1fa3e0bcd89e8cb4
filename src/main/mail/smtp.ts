/**
 * Sending a composed note over SMTP: TLS or mandatory STARTTLS (plaintext only to this
 * computer), certificate checks always on, one connection per note, and failures sorted into
 * the step that failed with a message that says what to do. The password never reaches a
 * log or an error.
 */
import nodemailer from 'nodemailer';
import { readMessageId } from './compose';
import { certificateProblem, isLoopbackHost, untrustedCertificateMessage } from './imap-account';

/**
 * `tls`: implicit TLS (usually port 465). `starttls`: mandatory STARTTLS (usually 587); the
 * send fails if the server does not offer it. `plaintext`: no encryption, accepted only for a
 * loopback host (a local bridge such as ProtonMail Bridge, or tests).
 */
export type SmtpSecurity = 'tls' | 'starttls' | 'plaintext';

export interface SmtpSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  password: string;
  /** An OAuth 2.0 access token: signs in with AUTH XOAUTH2 instead of the password. */
  accessToken?: string;
  /** Extra CA certificates (PEM) to trust, e.g. a company CA. Certificate checks stay on. */
  ca?: string;
}

export interface SendOptions {
  /** Milliseconds to wait for the TCP/TLS connection. Default 15 s. */
  connectionTimeout?: number;
  /** Milliseconds to wait for the server greeting. Default 15 s. */
  greetingTimeout?: number;
  /** Socket inactivity limit. Default 60 s. */
  socketTimeout?: number;
}

export interface MessageToSend {
  /** The message as composed for sending: without a Bcc header. */
  raw: Buffer;
  /** Who the server delivers to: every To, Cc and Bcc address. */
  envelope: { from: string; to: string[] };
}

export interface SendResult {
  accepted: string[];
  /** Recipients the server refused while taking the message for the others. */
  rejected: string[];
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued as 4XyZ". */
  response: string;
  /**
   * The Message-ID the delivered copy carries: the one the server put in its reply when it
   * replaced the message's own (Microsoft 365, Amazon SES), otherwise the one in `raw`.
   */
  messageId?: string;
}

/**
 * 'settings': refused before connecting (settings or message unusable). 'rejected': the server
 * refused the sender, the recipients or the message. 'server': anything else the server or the
 * connection did.
 */
export type SendStep =
  'settings' | 'dns' | 'refused' | 'timeout' | 'tls' | 'login' | 'rejected' | 'server';

/** A failed send: the step that failed, what to do about it, and whether a retry could work. */
export class SmtpSendError extends Error {
  constructor(
    readonly step: SendStep,
    message: string,
    /** True when the same send may work later unchanged (timeouts, 4xx replies, dropped links). */
    readonly temporary: boolean,
    /** The underlying code and server reply, for logs; never contains the password. */
    readonly detail: string | null = null,
    /** The SMTP reply code, when the server gave one. */
    readonly responseCode: number | null = null,
  ) {
    super(message);
    this.name = 'SmtpSendError';
  }
}

/** Checks settings without touching the network; returns the problem, or null. */
export function checkSmtpSettings(settings: SmtpSettings): SmtpSendError | null {
  if (settings.host.trim() === '') {
    return new SmtpSendError(
      'settings',
      'Enter the SMTP server name, e.g. smtp.example.com.',
      false,
    );
  }
  if (!Number.isInteger(settings.port) || settings.port < 1 || settings.port > 65535) {
    return new SmtpSendError('settings', 'The port must be a number between 1 and 65535.', false);
  }
  if (settings.security === 'plaintext' && !isLoopbackHost(settings.host)) {
    return new SmtpSendError(
      'settings',
      `Unencrypted connections are only allowed to this computer (localhost). ` +
        `Choose TLS (port 465) or STARTTLS (port 587) for ${settings.host}.`,
      false,
    );
  }
  return null;
}

/** A transport for one connection with the app's security rules; never logs. */
function transportFor(settings: SmtpSettings, options: SendOptions) {
  return nodemailer.createTransport({
    host: settings.host.trim(),
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'plaintext',
    ...(settings.accessToken
      ? {
          auth: { type: 'OAuth2' as const, user: settings.user, accessToken: settings.accessToken },
        }
      : settings.user !== ''
        ? { auth: { user: settings.user, pass: settings.password } }
        : {}),
    tls: {
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ...(settings.ca ? { ca: settings.ca } : {}),
    },
    connectionTimeout: options.connectionTimeout ?? 15_000,
    greetingTimeout: options.greetingTimeout ?? 15_000,
    socketTimeout: options.socketTimeout ?? 60_000,
    logger: false,
    debug: false,
  });
}

/**
 * Checks that a note could be sent: connects, secures the connection as configured, signs in,
 * and says goodbye without sending anything (nodemailer's `verify`). Throws SmtpSendError
 * with the step that failed.
 */
export async function verifySmtp(settings: SmtpSettings, options: SendOptions = {}): Promise<void> {
  const problem = checkSmtpSettings(settings);
  if (problem) throw problem;
  const transporter = transportFor(settings, options);
  try {
    await transporter.verify();
  } catch (error) {
    throw classifySendError(error, settings);
  } finally {
    transporter.close();
  }
}

/** Sends one composed message as is (the raw bytes, with the given envelope). */
export async function sendNote(
  settings: SmtpSettings,
  message: MessageToSend,
  options: SendOptions = {},
): Promise<SendResult> {
  const problem = checkSmtpSettings(settings) ?? checkMessage(message);
  if (problem) throw problem;

  const transporter = transportFor(settings, options);
  try {
    const info = await transporter.sendMail({ envelope: message.envelope, raw: message.raw });
    // For a raw message nodemailer's info.messageId is one it made up, not the header's.
    const ownId = readMessageId(message.raw);
    const serverId = info.serverMessageId;
    const messageId = serverId ?? ownId ?? undefined;
    return {
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: info.response,
      ...(messageId ? { messageId } : {}),
    };
  } catch (error) {
    throw classifySendError(error, settings);
  } finally {
    transporter.close();
  }
}

function checkMessage(message: MessageToSend): SmtpSendError | null {
  if (message.envelope.from.trim() === '') {
    return new SmtpSendError('settings', 'The note has no sender address.', false);
  }
  if (message.envelope.to.filter((a) => a.trim() !== '').length === 0) {
    return new SmtpSendError('settings', 'The note has no recipients.', false);
  }
  if (message.raw.length === 0) {
    return new SmtpSendError('settings', 'The note is empty.', false);
  }
  return null;
}

interface NodemailerErrorLike {
  code?: unknown;
  originalCode?: unknown;
  message?: unknown;
  response?: unknown;
  responseCode?: unknown;
  command?: unknown;
  timeoutType?: unknown;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME', 'EDNS']);
const CERT_CODE =
  /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|EPROTO|HOSTNAME|ALTNAME/;

/** Maps what nodemailer and Node throw to a step and a message that says what to do. */
export function classifySendError(error: unknown, settings: SmtpSettings): SmtpSendError {
  if (error instanceof SmtpSendError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const original = typeof e.originalCode === 'string' ? e.originalCode : '';
  const text = typeof e.message === 'string' ? e.message : String(error);
  const replyCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const reply = typeof e.response === 'string' ? e.response : '';
  const detail = redact([code, original, text].filter(Boolean).join(': '), settings);
  const where = `${settings.host}:${settings.port}`;
  const fail = (step: SendStep, message: string, temporary: boolean): SmtpSendError =>
    new SmtpSendError(step, message, temporary, detail, replyCode);
  const serverSaid = reply ? ` The server said: "${redact(reply, settings)}"` : '';
  const transient = replyCode !== null && replyCode >= 400 && replyCode < 500;

  if (code === 'EAUTH' || code === 'ENOAUTH' || replyCode === 530 || replyCode === 535) {
    if (transient) {
      return fail(
        'login',
        `The server could not check the password just now. Try again in a few minutes.${serverSaid}`,
        true,
      );
    }
    return fail(
      'login',
      'The server did not accept the user name or password for sending. Many providers ' +
        '(Gmail, iCloud, Yahoo, Outlook.com) require an app password for mail programs and ' +
        'SMTP sending to be enabled in the account settings; check both, then try again.',
      false,
    );
  }
  if (DNS_CODES.has(code) || DNS_CODES.has(original)) {
    return fail(
      'dns',
      `The server name "${settings.host}" could not be found. Check its spelling and that this computer is online.`,
      // A failed lookup of a mistyped name stays failed; EAI_AGAIN is the resolver being unwell.
      original === 'EAI_AGAIN' || code === 'EAI_AGAIN',
    );
  }
  if (code === 'ECONNREFUSED' || original === 'ECONNREFUSED') {
    return fail(
      'refused',
      `${where} refused the connection. Check the port (465 for TLS, 587 for STARTTLS) and that sending by SMTP is enabled for the account.`,
      false,
    );
  }
  if (code === 'ETIMEDOUT' || original === 'ETIMEDOUT' || typeof e.timeoutType === 'string') {
    const beforeGreeting = e.timeoutType === 'GREETING_TIMEOUT';
    return fail(
      'timeout',
      beforeGreeting && settings.security !== 'tls'
        ? `${where} accepted the connection but never answered. If this port expects TLS (465), choose TLS; otherwise try again later.`
        : `${where} did not answer in time. Check the server name and port, and whether a firewall or VPN blocks it; then try again.`,
      true,
    );
  }
  if (
    code === 'ETLS' ||
    CERT_CODE.test(original) ||
    (code !== 'EENVELOPE' && CERT_CODE.test(code))
  ) {
    const noStarttls = code === 'ETLS' && /STARTTLS/i.test(text) && !CERT_CODE.test(original);
    const problem = certificateProblem(original) ?? certificateProblem(code);
    if (problem) return fail('tls', untrustedCertificateMessage(where, problem), false);
    return fail(
      'tls',
      noStarttls
        ? `${where} does not offer STARTTLS, so the password cannot be sent safely. Try TLS on port 465.`
        : `A secure connection to ${where} could not be set up (${original || code || 'TLS error'}). ` +
            'Check that the port matches the security setting (465 TLS, 587 STARTTLS); a certificate ' +
            'error can also mean the network intercepts the connection.',
      false,
    );
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE') {
    const recipients = e.command === 'RCPT TO';
    const sender = e.command === 'MAIL FROM';
    const what = recipients
      ? 'did not accept the recipients'
      : sender
        ? 'did not accept the sender address'
        : 'did not accept the note';
    const hint = transient
      ? ' This looks temporary; try again later.'
      : recipients
        ? ' Check the addresses for typos.'
        : sender
          ? ' Check that the From address belongs to this account.'
          : '';
    return fail('rejected', `The server ${what}.${hint}${serverSaid}`, transient);
  }
  if (code === 'ECONNECTION' || code === 'ESOCKET' || original === 'ECONNRESET') {
    return fail(
      'server',
      `${where} closed the connection. If the port expects TLS, choose TLS; otherwise try again later.`,
      true,
    );
  }
  return fail(
    'server',
    `The SMTP server ${where} reported an error: ${detail}`,
    transient || replyCode === null,
  );
}

/** Removes the password, and its base64 forms as AUTH PLAIN and LOGIN send it, from text. */
function redact(text: string, settings: SmtpSettings): string {
  const secrets: string[] = [];
  if (settings.password) {
    secrets.push(
      settings.password,
      Buffer.from(settings.password).toString('base64'),
      Buffer.from(`\u0000${settings.user}\u0000${settings.password}`).toString('base64'),
    );
  }
  if (settings.accessToken) {
    secrets.push(
      settings.accessToken,
      Buffer.from(`user=${settings.user}\x01auth=Bearer ${settings.accessToken}\x01\x01`).toString(
        'base64',
      ),
    );
  }
  if (secrets.length === 0) return text;
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}
