/**
 * IMAP account access: settings, a safe client factory (TLS unless the user asked for
 * plaintext on loopback), a connection check that names the failing step, and discovery of
 * the Inbox, Sent and Drafts folders and of the folders replies may be filed in (\All,
 * \Archive, the user's own). Credentials are never logged.
 */
import { isIPv4 } from 'node:net';
import { ImapFlow, type ImapFlowOptions, type ListResponse } from 'imapflow';

/**
 * `tls`: implicit TLS (usually port 993). `starttls`: mandatory STARTTLS (usually 143); the
 * connection fails if the server does not offer it. `plaintext`: no encryption, accepted only
 * for a loopback host (a local bridge such as ProtonMail Bridge, or tests).
 */
export type ImapSecurity = 'tls' | 'starttls' | 'plaintext';

export interface ImapSettings {
  host: string;
  port: number;
  security: ImapSecurity;
  user: string;
  password: string;
  /**
   * An OAuth 2.0 access token: signs in with AUTHENTICATE OAUTHBEARER, or XOAUTH2 where the
   * server offers only that, instead of the password.
   */
  accessToken?: string;
  /** Extra CA certificates (PEM) to trust, e.g. a company CA. Certificate checks stay on. */
  ca?: string;
  /** Folder paths the user chose by hand; they win over discovery. */
  folders?: FolderOverrides;
  /** Folders the user added to be read for replies, besides \All and \Archive. */
  replyFolders?: readonly string[];
}

export interface FolderOverrides {
  inbox?: string;
  sent?: string;
  drafts?: string;
}

export type ConnectionStep =
  'settings' | 'dns' | 'refused' | 'timeout' | 'tls' | 'login' | 'no-sent-folder' | 'server';

/** A connection failure with the step that failed and a message for the user. */
export class ImapConnectError extends Error {
  constructor(
    readonly step: ConnectionStep,
    message: string,
    /** The underlying error's code or text, for logs; never contains the password. */
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'ImapConnectError';
  }
}

export interface FolderChoice {
  path: string;
  /** `user`: a folder the user added to the ones read for replies. */
  source: 'override' | 'special-use' | 'name' | 'user';
}

export interface DiscoveredFolders {
  inbox: FolderChoice;
  sent: FolderChoice | null;
  drafts: FolderChoice | null;
  /** Every selectable folder path, for a manual choice. */
  all: string[];
  /** Overrides whose folder does not exist on the server (and were therefore not used). */
  missingOverrides: (keyof FolderOverrides)[];
  /**
   * Where replies may be besides the inbox: the folder flagged \All (Gmail's All Mail), the one
   * flagged \Archive, then the folders the user added; each once, never Inbox, Sent or Drafts.
   */
  replies: FolderChoice[];
  /** Folders the user added for replies that the server does not have (renamed or deleted). */
  missingReplyFolders: string[];
}

export type ConnectionCheck =
  | { ok: true; folders: DiscoveredFolders; capabilities: string[] }
  | {
      ok: false;
      step: ConnectionStep;
      message: string;
      detail: string | null;
      /** Present when login worked: the folders there are, to pick Sent by hand. */
      folders?: string[];
    };

export interface ClientOptions {
  /** Ask for QRESYNC so expunges arrive as vanished UIDs. Default true. */
  qresync?: boolean;
  /** Milliseconds to wait for the TCP/TLS connection. Default 15 s. */
  connectionTimeout?: number;
  /** Milliseconds to wait for the server greeting. Default 15 s. */
  greetingTimeout?: number;
  /**
   * Socket inactivity limit: a command that gets no byte from the server for this long fails
   * with code ETIMEOUT. Default 5 min.
   */
  socketTimeout?: number;
  /** Called with errors the client emits outside a command (socket timeouts and the like). */
  onError?: (error: Error) => void;
  /** Break and renew IDLE after this many ms (servers drop long ones). Default: never. */
  maxIdleTime?: number;
}

/**
 * What one server response may cost this process. imapflow's defaults (1 GiB per literal,
 * 2 GiB per response) let a hostile server fill memory; nothing the app asks for comes near
 * these: headers are fetched 64 KB per message, calendar parts are small, and a UID SEARCH of
 * a folder of a million messages is about 8 MB.
 */
export const IMAP_RESPONSE_LIMITS = {
  maxLiteralSize: 8 * 1024 * 1024,
  maxLineLength: 16 * 1024 * 1024,
  maxResponseSize: 24 * 1024 * 1024,
} as const;

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

/**
 * True for a host that cannot leave the machine: 127.0.0.0/8, ::1, localhost. Only a strict
 * dotted-decimal address counts: "127.999.0.1" or "127.0.0.09" are not addresses at all and
 * would be looked up in DNS, which may answer with any host.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK_NAMES.has(h) || (h.startsWith('127.') && isIPv4(h));
}

/**
 * Why a certificate was not trusted, in words, for the errors Node reports for certificates;
 * null for other errors.
 */
export function certificateProblem(code: string): string | null {
  if (/SELF_SIGNED/.test(code)) return 'it is self-signed';
  if (code === 'CERT_HAS_EXPIRED') return 'it has expired';
  if (code === 'CERT_NOT_YET_VALID')
    return 'it is not valid yet (check the clock of this computer)';
  if (code === 'CERT_REVOKED') return 'it has been revoked';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /HOSTNAME/.test(code))
    return 'it was issued for another server name';
  if (/UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE/.test(code))
    return 'it was not issued by an authority this computer trusts';
  return null;
}

/** The message for a certificate that was not trusted: what, why, and what to do. */
export function untrustedCertificateMessage(where: string, problem: string): string {
  return (
    `A secure connection to ${where} could not be set up: its certificate cannot be trusted ` +
    `(${problem}). The connection was stopped before the password was sent. Check the server ` +
    'name; if your provider uses a certificate of its own, ask them how to trust it. On a ' +
    'public or company network this can also mean that someone is intercepting the connection.'
  );
}

/** Checks settings without touching the network; returns the problem, or null. */
export function checkSettings(settings: ImapSettings): ImapConnectError | null {
  if (settings.host.trim() === '') {
    return new ImapConnectError('settings', 'Enter the IMAP server name, e.g. imap.example.com.');
  }
  if (!Number.isInteger(settings.port) || settings.port < 1 || settings.port > 65535) {
    return new ImapConnectError('settings', 'The port must be a number between 1 and 65535.');
  }
  if (settings.security === 'plaintext' && !isLoopbackHost(settings.host)) {
    return new ImapConnectError(
      'settings',
      `Unencrypted connections are only allowed to this computer (localhost). ` +
        `Choose TLS or STARTTLS for ${settings.host}.`,
    );
  }
  return null;
}

/**
 * A new, unconnected client for the settings. An 'error' listener is attached already, so a
 * socket error outside a command cannot take the process down. Throws ImapConnectError
 * ('settings') for settings that must not be used.
 */
export function createImapClient(settings: ImapSettings, options: ClientOptions = {}): ImapFlow {
  const problem = checkSettings(settings);
  if (problem) throw problem;
  const config: ImapFlowOptions = {
    host: settings.host.trim(),
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS:
      settings.security === 'starttls' ? true : settings.security === 'tls' ? undefined : false,
    auth: settings.accessToken
      ? { user: settings.user, accessToken: settings.accessToken }
      : { user: settings.user, pass: settings.password },
    logger: false,
    disableAutoIdle: true,
    qresync: options.qresync ?? true,
    connectionTimeout: options.connectionTimeout ?? 15_000,
    greetingTimeout: options.greetingTimeout ?? 15_000,
    socketTimeout: options.socketTimeout ?? 5 * 60_000,
    ...IMAP_RESPONSE_LIMITS,
    ...(options.maxIdleTime ? { maxIdleTime: options.maxIdleTime } : {}),
    tls: {
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ...(settings.ca ? { ca: settings.ca } : {}),
    },
  };
  const client = new ImapFlow(config);
  client.on('error', (error: Error) => options.onError?.(error));
  return client;
}

/** Connects and logs in; on failure closes the client and throws ImapConnectError. */
export async function connectImap(
  settings: ImapSettings,
  options: ClientOptions = {},
): Promise<ImapFlow> {
  const client = createImapClient(settings, options);
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw classifyConnectError(error, settings);
  }
}

/** Tries the whole path (name lookup, connection, TLS, login, folders) and reports the result. */
export async function testConnection(
  settings: ImapSettings,
  options: ClientOptions = {},
): Promise<ConnectionCheck> {
  let client: ImapFlow;
  try {
    client = await connectImap(settings, options);
  } catch (error) {
    const failure =
      error instanceof ImapConnectError ? error : classifyConnectError(error, settings);
    return { ok: false, step: failure.step, message: failure.message, detail: failure.detail };
  }
  try {
    const folders = await discoverFolders(client, settings.folders, settings.replyFolders);
    if (!folders.sent) {
      const missing = folders.missingOverrides.includes('sent') && settings.folders?.sent;
      return {
        ok: false,
        step: 'no-sent-folder',
        message: missing
          ? `The folder "${missing}" chosen for sent mail does not exist on the server. Choose another one.`
          : 'Signed in, but no Sent folder was found. Choose the folder your mail program keeps sent mail in.',
        detail: null,
        folders: folders.all,
      };
    }
    return { ok: true, folders, capabilities: [...client.capabilities.keys()] };
  } catch (error) {
    const failure = classifyConnectError(error, settings);
    return { ok: false, step: failure.step, message: failure.message, detail: failure.detail };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  responseText?: unknown;
  serverResponseCode?: unknown;
}

/** Maps what imapflow and Node throw to a step and a message that says what to do. */
export function classifyConnectError(error: unknown, settings: ImapSettings): ImapConnectError {
  if (error instanceof ImapConnectError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const text = typeof e.message === 'string' ? e.message : String(error);
  const detail = redact([code, text].filter(Boolean).join(': '), settings);
  const where = `${settings.host}:${settings.port}`;

  if (e.authenticationFailed === true) {
    return new ImapConnectError(
      'login',
      'The server did not accept the user name or password. Many providers (Gmail, iCloud, ' +
        'Yahoo, Outlook.com) require an app password for mail programs and IMAP to be enabled ' +
        'in the account settings; check both, then try again.',
      detail,
    );
  }
  if (
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EAI_NODATA' ||
    code === 'EAI_NONAME'
  ) {
    return new ImapConnectError(
      'dns',
      `The server name "${settings.host}" could not be found. Check its spelling and that this computer is online.`,
      detail,
    );
  }
  if (code === 'ECONNREFUSED') {
    return new ImapConnectError(
      'refused',
      `${where} refused the connection. Check the port (993 for TLS, 143 for STARTTLS) and that IMAP is enabled for the account.`,
      detail,
    );
  }
  if (
    code === 'ETIMEDOUT' ||
    code === 'ETIMEOUT' ||
    code === 'CONNECT_TIMEOUT' ||
    code === 'GREETING_TIMEOUT' ||
    code === 'UPGRADE_TIMEOUT'
  ) {
    return new ImapConnectError(
      'timeout',
      `${where} did not answer in time. Check the server name and port, and whether a firewall or VPN blocks it.`,
      detail,
    );
  }
  if (
    e.tlsFailed === true ||
    code === 'ClosedAfterConnectTLS' ||
    code === 'EPROTO' ||
    /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)
  ) {
    const notOffered = e.tlsFailed === true;
    const problem = certificateProblem(code);
    if (problem)
      return new ImapConnectError('tls', untrustedCertificateMessage(where, problem), detail);
    return new ImapConnectError(
      'tls',
      notOffered
        ? `${where} does not offer STARTTLS, so the password cannot be sent safely. Try TLS on port 993.`
        : `A secure connection to ${where} could not be set up (${code || 'TLS error'}). ` +
            'Check that the port matches the security setting (993 TLS, 143 STARTTLS); a certificate ' +
            'error can also mean the network intercepts the connection.',
      detail,
    );
  }
  if (isConnectionLost(error)) {
    return new ImapConnectError(
      'server',
      `${where} closed the connection. If the port expects TLS, choose TLS; otherwise try again later.`,
      detail,
    );
  }
  return new ImapConnectError(
    'server',
    `The IMAP server ${where} reported an error: ${detail}`,
    detail,
  );
}

/** Codes of a connection that went away (reset, closed by the server, cut on the way). */
const CONNECTION_LOST_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'NoConnection',
  'EConnectionClosed',
  'StateLogout',
  'ClosedAfterConnectText',
]);

/** True when the error means the connection was lost, not that the server refused something. */
export function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_LOST_CODES.has(code);
}

function redact(text: string, settings: ImapSettings): string {
  let out = text;
  for (const secret of [settings.password, settings.accessToken]) {
    if (secret) out = out.split(secret).join('***');
  }
  return out;
}

/** Sent folder names by language, compared case-insensitively with the whole path or its last part. */
export const SENT_FOLDER_NAMES = [
  'sent',
  'sent items',
  'sent messages',
  'sent mail',
  '[gmail]/sent mail',
  '[google mail]/sent mail',
  'sent-mail',
  'sentmail',
  'gesendet',
  'gesendete elemente',
  'gesendete objekte',
  'gesendete nachrichten',
  'envoyés',
  'éléments envoyés',
  'messages envoyés',
  'envoyes',
  'elements envoyes',
  'enviados',
  'elementos enviados',
  'mensajes enviados',
  'itens enviados',
  'mensagens enviadas',
  'posta inviata',
  'inviati',
  'elementi inviati',
  'messaggi inviati',
  'verzonden',
  'verzonden items',
  'verzonden berichten',
  'skickat',
  'skickade objekt',
  'skickade meddelanden',
  'sendt',
  'sendte elementer',
  'sendte meldinger',
  'lähetetyt',
  'lähetetyt viestit',
  'wysłane',
  'elementy wysłane',
  'odeslané',
  'odeslaná pošta',
  'elküldött',
  'elküldött elemek',
  'trimise',
  'отправленные',
  'gönderilmiş öğeler',
  'gönderilenler',
  '送信済み',
  '送信済みアイテム',
  '已发送',
  '寄件備份',
];

export const DRAFTS_FOLDER_NAMES = [
  'drafts',
  'draft',
  '[gmail]/drafts',
  '[google mail]/drafts',
  'entwürfe',
  'brouillons',
  'borradores',
  'rascunhos',
  'bozze',
  'concepten',
  'utkast',
  'kladder',
  'kladd',
  'luonnokset',
  'wersje robocze',
  'koncepty',
  'piszkozatok',
  'ciorne',
  'черновики',
  'taslaklar',
  '下書き',
  '草稿',
];

/** Names of an All Mail or Archive folder on servers without SPECIAL-USE. */
export const ALL_MAIL_FOLDER_NAMES = ['[gmail]/all mail', '[google mail]/all mail', 'all mail'];
export const ARCHIVE_FOLDER_NAMES = ['archive', 'archives'];

/**
 * Finds Inbox, Sent and Drafts: explicit overrides first, then SPECIAL-USE flags, then the
 * (localized) names above; and the folders replies may be filed in (see `replies`). Runs one LIST.
 */
export async function discoverFolders(
  client: ImapFlow,
  overrides: FolderOverrides = {},
  replyFolders: readonly string[] = [],
): Promise<DiscoveredFolders> {
  const listed = (await client.list()).filter(
    (f) => !hasFlag(f, '\\Noselect') && !hasFlag(f, '\\NonExistent'),
  );
  const byPath = new Map(listed.map((f) => [f.path, f]));
  const missingOverrides: (keyof FolderOverrides)[] = [];

  const pick = (
    role: keyof FolderOverrides,
    flag: string,
    names: string[],
  ): FolderChoice | null => {
    const override = overrides[role];
    if (override !== undefined && override !== '') {
      if (byPath.has(override)) return { path: override, source: 'override' };
      missingOverrides.push(role);
      return null;
    }
    const flagged = listed.find(
      (f) => hasFlag(f, flag) || (f.specialUse === flag && f.specialUseSource === 'extension'),
    );
    if (flagged) return { path: flagged.path, source: 'special-use' };
    for (const name of names) {
      const match = listed.find((f) => matchesName(f, name));
      if (match) return { path: match.path, source: 'name' };
    }
    return null;
  };

  const inbox = pick('inbox', '\\Inbox', ['inbox']) ?? { path: 'INBOX', source: 'name' as const };
  const sent = pick('sent', '\\Sent', SENT_FOLDER_NAMES);
  const drafts = pick('drafts', '\\Drafts', DRAFTS_FOLDER_NAMES);

  // Replies: the inbox is read anyway, Sent holds the user's own mail, Drafts nobody's.
  const taken = new Set([inbox.path, sent?.path, drafts?.path].filter((p) => p !== undefined));
  const replies: FolderChoice[] = [];
  const add = (choice: FolderChoice): void => {
    if (taken.has(choice.path)) return;
    taken.add(choice.path);
    replies.push(choice);
  };
  for (const [flag, names] of [
    ['\\All', ALL_MAIL_FOLDER_NAMES],
    ['\\Archive', ARCHIVE_FOLDER_NAMES],
  ] as const) {
    const flagged = listed.find(
      (f) => hasFlag(f, flag) || (f.specialUse === flag && f.specialUseSource === 'extension'),
    );
    const named = flagged ? undefined : listed.find((f) => names.some((n) => matchesName(f, n)));
    const found = flagged ?? named;
    if (found) add({ path: found.path, source: flagged ? 'special-use' : 'name' });
  }
  const missingReplyFolders: string[] = [];
  for (const path of replyFolders) {
    if (byPath.has(path)) add({ path, source: 'user' });
    else missingReplyFolders.push(path);
  }
  return {
    inbox,
    sent,
    drafts,
    all: listed.map((f) => f.path),
    missingOverrides,
    replies,
    missingReplyFolders,
  };
}

function hasFlag(folder: ListResponse, flag: string): boolean {
  for (const f of folder.flags) if (f.toLowerCase() === flag.toLowerCase()) return true;
  return false;
}

function matchesName(folder: ListResponse, name: string): boolean {
  const path = folder.path.normalize('NFC').toLowerCase();
  const last = folder.name.normalize('NFC').toLowerCase();
  // Courier-style servers put everything under INBOX: "INBOX.Sent", "INBOX/Gesendet".
  const underInbox = folder.parentPath.toLowerCase() === 'inbox' && last === name;
  return path === name || (folder.parent.length === 0 && last === name) || underInbox;
}
