/**
 * The mail half of the database: accounts and their encrypted secrets, per-folder sync
 * state, known message headers and the user's matching corrections. Writes that belong
 * together (a batch of messages and the folder state that says they were read) happen in
 * one transaction, so a sync killed at any point resumes without losing or doubling mail.
 */
import type { Database, Statement } from 'better-sqlite3';
import type {
  AccountSyncStatus,
  DeliveryReportFacts,
  FolderMessage,
  FolderState,
  KnownMessage,
  MailAccount,
  MailAddress,
  MessageFolderRole,
  MessageLink,
  ReplyReading,
} from '../../shared/model';
import type { SentHeader } from '../domain/reply-context';
import { messageOrder } from '../domain/row-order';

export interface MailStore {
  listAccounts(): MailAccount[];
  getAccount(id: string): MailAccount | null;
  saveAccount(account: MailAccount): void;
  /** Removes the account, its secret, its folders' state and its messages. */
  deleteAccount(id: string): boolean;

  getSecret(accountId: string): Buffer | null;
  setSecret(accountId: string, ciphertext: Buffer): void;
  deleteSecret(accountId: string): void;

  getSyncStatus(accountId: string): AccountSyncStatus;
  setSyncResult(accountId: string, result: { at: number; error: string | null }): void;

  /** The start of the date window the account's folders were read for, or null before the first sync. */
  getSyncWindow(accountId: string): number | null;
  setSyncWindow(accountId: string, start: number): void;

  getFolderState(source: string, path: string): FolderState | null;
  /**
   * Stores messages and the folder state that covers them, all or nothing. The messages are
   * read one at a time (a generator that parses as it goes keeps one message alive, not a batch).
   */
  writeBatch(
    source: string,
    path: string,
    role: MessageFolderRole,
    messages: Iterable<FolderMessage>,
    state: FolderState,
    at: number,
  ): void;
  /** Forgets a folder's messages and state (UIDVALIDITY changed, folder gone). */
  resetFolder(source: string, path: string): void;
  removeUids(source: string, path: string, uids: number[]): void;
  knownUids(source: string, path: string): number[];
  /** Server folders the account has a sync state or UID-read messages for (not notes the app recorded). */
  syncedFolderPaths(source: string): string[];
  /** Replaces what one local mailbox contributed with exactly these messages. */
  replaceSourceMessages(source: string, path: string, messages: FolderMessage[]): void;
  /** Adds or updates messages without touching any folder's sync state (a note the app just sent). */
  addMessages(source: string, path: string, messages: FolderMessage[]): void;

  /** Every known message by date, then id: a copy the caller may change. */
  listMessages(): KnownMessage[];
  /**
   * The same messages, kept in memory: the same array object until a message is written or
   * removed (by this store or another connection), so callers can cache what they compute
   * from it by identity. Never modify the array or its messages.
   */
  knownMessages(): readonly KnownMessage[];
  /** These messages (those that exist), by date, then id: read from the file, never all of them. */
  messagesWithIds(ids: readonly string[]): KnownMessage[];
  /** Every message of an inbox or a folder read for replies, by date, then id, read one at a time. */
  receivedMessages(): Iterable<KnownMessage>;
  /**
   * The id, Message-ID and From of every sent message, by date, then id, read one row at a
   * time: what the rules need of the sent messages no reply answers (see reply-context.ts).
   */
  sentHeaders(): Iterable<SentHeader>;
  /** Which of these Message-IDs (as stored) a sent message has. */
  sentMessageIds(messageIds: readonly string[]): Set<string>;
  countMessages(source?: string): number;

  listLinks(): MessageLink[];
  saveLink(link: MessageLink): void;
  deleteLink(messageId: string, personId: string, applicationId: string): boolean;

  /** Every reply's reading (migration 007), by message id. */
  listReplyReadings(): ReplyReading[];
  /**
   * Keeps a reading. One the user set is never replaced by the classifier's: a later sync
   * reading the same reply again leaves the user's correction as it is.
   */
  saveReplyReading(reading: ReplyReading): void;
  /** Forgets the reading of a reply (the user's undo of a correction); true when there was one. */
  deleteReplyReading(messageId: string): boolean;

  /**
   * Inbox bounces of a server folder whose report was never read (migration 010), by UID:
   * what the bounce step after a sync fetches.
   */
  unreadDeliveryReports(source: string, path: string): { id: string; uid: number }[];
  /** Where these messages are on the server: account, folder and UID (local ones have none). */
  locateMessages(
    ids: readonly string[],
  ): { id: string; source: string; path: string; uid: number }[];
  /**
   * Keeps what a report said (or that it could not be read) and marks the message changed, so
   * the rules see it on the message (`KnownMessage.deliveryReport`).
   */
  saveDeliveryReport(messageId: string, facts: DeliveryReportFacts, at: number): void;
}

interface AccountRow {
  id: string;
  label: string;
  provider: string;
  email: string;
  username: string;
  imap_host: string;
  imap_port: number;
  imap_security: string;
  smtp_host: string;
  smtp_port: number;
  smtp_security: string;
  provider_files_sent: number;
  sent_folder: string | null;
  drafts_folder: string | null;
  /** JSON array of folder paths; absent in a file older than migration 012. */
  reply_folders?: string;
  auth?: string;
  created_at: number;
}

interface MessageRow {
  id: string;
  source: string;
  folder_path: string;
  folder_role: string;
  uid: number | null;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string;
  date: number;
  from_addrs: string;
  to_addrs: string;
  cc_addrs: string;
  bcc_addrs: string;
  subject: string;
  auto_reply: number;
  bounce: number;
  recipient_count: number | null;
}

function accountToRow(a: MailAccount): AccountRow {
  return {
    id: a.id,
    label: a.label,
    provider: a.provider,
    email: a.email,
    username: a.username,
    imap_host: a.imap.host,
    imap_port: a.imap.port,
    imap_security: a.imap.security,
    smtp_host: a.smtp.host,
    smtp_port: a.smtp.port,
    smtp_security: a.smtp.security,
    provider_files_sent: a.providerFilesSent ? 1 : 0,
    sent_folder: a.sentFolder,
    drafts_folder: a.draftsFolder,
    created_at: a.createdAt,
  };
}

function accountFromRow(r: AccountRow): MailAccount {
  return {
    id: r.id,
    label: r.label,
    provider: r.provider as MailAccount['provider'],
    email: r.email,
    username: r.username,
    imap: {
      host: r.imap_host,
      port: r.imap_port,
      security: r.imap_security as MailAccount['imap']['security'],
    },
    smtp: {
      host: r.smtp_host,
      port: r.smtp_port,
      security: r.smtp_security as MailAccount['smtp']['security'],
    },
    providerFilesSent: r.provider_files_sent === 1,
    sentFolder: r.sent_folder,
    draftsFolder: r.drafts_folder,
    replyFolders: JSON.parse(r.reply_folders ?? '[]') as string[],
    ...(r.auth === 'oauth2' ? { auth: 'oauth2' as const } : {}),
    createdAt: r.created_at,
  };
}

function messageToRow(source: string, path: string, m: FolderMessage): MessageRow {
  return {
    id: m.id,
    source,
    folder_path: path,
    folder_role: m.folderRole,
    uid: m.uid,
    message_id: m.messageId,
    in_reply_to: m.inReplyTo,
    refs: JSON.stringify(m.references),
    date: m.date,
    from_addrs: JSON.stringify(m.from),
    to_addrs: JSON.stringify(m.to),
    cc_addrs: JSON.stringify(m.cc),
    bcc_addrs: JSON.stringify(m.bcc),
    subject: m.subject,
    auto_reply: m.autoReply ? 1 : 0,
    bounce: m.bounce ? 1 : 0,
    recipient_count: m.massMailing ? m.massMailing.recipients : null,
  };
}

const MESSAGE_COLUMNS = `id, folder_role, message_id, in_reply_to, date, subject, auto_reply, bounce,
  '[' || refs || ',' || from_addrs || ',' || to_addrs || ',' || cc_addrs || ',' || bcc_addrs || ']',
  recipient_count`;

/** The same, with what a bounce's report said (migration 008), looked up for bounces only. */
const MESSAGE_COLUMNS_WITH_REPORTS = `${MESSAGE_COLUMNS},
  CASE WHEN messages.bounce = 1 THEN (
    SELECT json_array(d.outcome, d.original_message_id, json(d.failed_recipients), d.status, d.diagnostic)
    FROM delivery_reports AS d WHERE d.message_id = messages.id) END`;

type MessageRaw = [
  string,
  string,
  string | null,
  string | null,
  number,
  string,
  number,
  number,
  string,
  number | null,
  (string | null)?,
];

/**
 * One copy of each address entry and one empty list for all the messages read together: a
 * mailbox names the same people again and again, and 50,000 messages read as they are stored
 * kept about 250,000 entry objects and twice as many strings. Nothing changes a message's
 * lists once read.
 */
class EntryPool {
  private readonly entries = new Map<string, MailAddress>();
  private static readonly NONE: never[] = [];

  list(entries: MailAddress[]): MailAddress[] {
    if (entries.length === 0) return EntryPool.NONE;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const key = `${entry.name === null ? '\u0001' : entry.name}\u0000${entry.address}`;
      const kept = this.entries.get(key);
      if (kept === undefined) this.entries.set(key, entry);
      else entries[i] = kept;
    }
    return entries;
  }

  strings(list: string[]): string[] {
    return list.length === 0 ? EntryPool.NONE : list;
  }
}

function messageFromRaw(r: MessageRaw, pool: EntryPool): KnownMessage {
  const [references, from, to, cc, bcc] = JSON.parse(r[8]) as [
    string[],
    MailAddress[],
    MailAddress[],
    MailAddress[],
    MailAddress[],
  ];
  const message: KnownMessage = {
    id: r[0],
    folderRole: r[1] as MessageFolderRole,
    messageId: r[2],
    inReplyTo: r[3],
    references: pool.strings(references),
    date: r[4],
    from: pool.list(from),
    to: pool.list(to),
    cc: pool.list(cc),
    bcc: pool.list(bcc),
    subject: r[5],
    autoReply: r[6] === 1,
    bounce: r[7] === 1,
    ...(r[10] ? { deliveryReport: deliveryReportFromJson(r[10]) } : {}),
  };
  // Only on the few mass mailings, so ordinary messages keep one shape.
  if (r[9] !== null) message.massMailing = { recipients: r[9] };
  return message;
}

function deliveryReportFromJson(json: string): DeliveryReportFacts {
  const [outcome, originalMessageId, failedRecipients, status, diagnostic] = JSON.parse(json) as [
    DeliveryReportFacts['outcome'],
    string | null,
    string[],
    string | null,
    string | null,
  ];
  return { outcome, originalMessageId, failedRecipients, status, diagnostic };
}

/** Change-log entries (writes) taken in before the store trims the log. */
const TRIM_EVERY = 100;

function prepareStatements(db: Database) {
  // The statements naming every message column are prepared on first use: a store opened at
  // an older schema (migration tests) can then still use everything else.
  let upsertMessage: Statement | undefined;
  let listMessages: Statement | undefined;
  let messagesByIds: Statement | undefined;
  let receivedMessages: Statement | undefined;
  // A file opened with an older migration list (tests) has no delivery reports to join.
  const columns = (): string =>
    db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'delivery_reports'")
      .get()
      ? MESSAGE_COLUMNS_WITH_REPORTS
      : MESSAGE_COLUMNS;
  return {
    listAccounts: db.prepare('SELECT * FROM mail_accounts ORDER BY created_at, id'),
    getAccount: db.prepare('SELECT * FROM mail_accounts WHERE id = @id'),
    saveAccount: db.prepare(`
      INSERT INTO mail_accounts (id, label, provider, email, username, imap_host, imap_port, imap_security,
        smtp_host, smtp_port, smtp_security, provider_files_sent, sent_folder, drafts_folder, created_at)
      VALUES (@id, @label, @provider, @email, @username, @imap_host, @imap_port, @imap_security,
        @smtp_host, @smtp_port, @smtp_security, @provider_files_sent, @sent_folder, @drafts_folder, @created_at)
      ON CONFLICT (id) DO UPDATE SET label = excluded.label, provider = excluded.provider, email = excluded.email,
        username = excluded.username, imap_host = excluded.imap_host, imap_port = excluded.imap_port,
        imap_security = excluded.imap_security, smtp_host = excluded.smtp_host, smtp_port = excluded.smtp_port,
        smtp_security = excluded.smtp_security, provider_files_sent = excluded.provider_files_sent,
        sent_folder = excluded.sent_folder, drafts_folder = excluded.drafts_folder`),
    deleteAccount: db.prepare('DELETE FROM mail_accounts WHERE id = @id'),
    deleteFolders: db.prepare('DELETE FROM mail_folders WHERE account_id = @source'),
    deleteSourceMessages: db
      .prepare('DELETE FROM messages WHERE source = @source RETURNING id')
      .pluck(),
    getSecret: db.prepare(
      'SELECT ciphertext FROM mail_account_secrets WHERE account_id = @accountId',
    ),
    setSecret: db.prepare(`
      INSERT INTO mail_account_secrets (account_id, ciphertext) VALUES (@accountId, @ciphertext)
      ON CONFLICT (account_id) DO UPDATE SET ciphertext = excluded.ciphertext`),
    deleteSecret: db.prepare('DELETE FROM mail_account_secrets WHERE account_id = @accountId'),
    getSyncStatus: db.prepare(
      'SELECT sync_state, last_sync_at, last_sync_error FROM mail_accounts WHERE id = @id',
    ),
    setSyncResult: db.prepare(
      'UPDATE mail_accounts SET sync_state = @state, last_sync_at = @at, last_sync_error = @error WHERE id = @id',
    ),
    getSyncWindow: db.prepare(
      'SELECT sync_window_start AS start FROM mail_accounts WHERE id = @id',
    ),
    setSyncWindow: db.prepare('UPDATE mail_accounts SET sync_window_start = @start WHERE id = @id'),
    getFolder: db.prepare('SELECT * FROM mail_folders WHERE account_id = @source AND path = @path'),
    saveFolder: db.prepare(`
      INSERT INTO mail_folders (account_id, path, role, uid_validity, last_uid, highest_modseq, uid_next,
        message_count, synced_at)
      VALUES (@source, @path, @role, @uidValidity, @lastUid, @highestModseq, @uidNext, @messages, @at)
      ON CONFLICT (account_id, path) DO UPDATE SET role = excluded.role, uid_validity = excluded.uid_validity,
        last_uid = excluded.last_uid, highest_modseq = excluded.highest_modseq, uid_next = excluded.uid_next,
        message_count = excluded.message_count, synced_at = excluded.synced_at`),
    deleteFolder: db.prepare(
      'DELETE FROM mail_folders WHERE account_id = @source AND path = @path',
    ),
    deleteFolderMessages: db
      .prepare('DELETE FROM messages WHERE source = @source AND folder_path = @path RETURNING id')
      .pluck(),
    get upsertMessage(): Statement {
      return (upsertMessage ??= db.prepare(`
      INSERT INTO messages (id, source, folder_path, folder_role, uid, message_id, in_reply_to, refs, date,
        from_addrs, to_addrs, cc_addrs, bcc_addrs, subject, auto_reply, bounce, recipient_count)
      VALUES (@id, @source, @folder_path, @folder_role, @uid, @message_id, @in_reply_to, @refs, @date,
        @from_addrs, @to_addrs, @cc_addrs, @bcc_addrs, @subject, @auto_reply, @bounce, @recipient_count)
      ON CONFLICT (id) DO UPDATE SET uid = excluded.uid, folder_path = excluded.folder_path,
        folder_role = excluded.folder_role, date = excluded.date, subject = excluded.subject`));
    },
    removeUid: db
      .prepare(
        'DELETE FROM messages WHERE source = @source AND folder_path = @path AND uid = @uid RETURNING id',
      )
      .pluck(),
    knownUids: db.prepare(
      'SELECT uid FROM messages WHERE source = @source AND folder_path = @path AND uid IS NOT NULL ORDER BY uid',
    ),
    syncedFolderPaths: db.prepare(`
      SELECT path FROM mail_folders WHERE account_id = @source
      UNION SELECT folder_path FROM messages WHERE source = @source AND uid IS NOT NULL
      ORDER BY 1`),
    // The JSON columns as one document per row: one JSON.parse instead of five. Messages are
    // the one list SQLite sorts (a hundred thousand rows, by the date index): ORDER BY date, id
    // is `messageOrder`, since SQLite compares TEXT by code point as `compareText` does.
    get listMessages(): Statement {
      return (listMessages ??= db
        .prepare(`SELECT ${columns()} FROM messages ORDER BY date, id`)
        .raw(true));
    },
    get receivedMessages(): Statement {
      return (receivedMessages ??= db
        .prepare(`SELECT ${columns()} FROM messages WHERE folder_role = 'inbox' ORDER BY date, id`)
        .raw(true));
    },
    sentHeaders: db
      .prepare(
        `SELECT id, message_id, from_addrs FROM messages WHERE folder_role = 'sent' ORDER BY date, id`,
      )
      .raw(true),
    sentMessageIds: db
      .prepare(
        `SELECT message_id FROM messages
         WHERE folder_role = 'sent' AND message_id IN (SELECT value FROM json_each(@ids))`,
      )
      .pluck(),
    get messagesByIds(): Statement {
      return (messagesByIds ??= db
        .prepare(
          `SELECT ${columns()} FROM messages
         WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY date, id`,
        )
        .raw(true));
    },
    changeHead: db
      .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'message_changes'")
      .pluck(),
    logChange: db.prepare('INSERT INTO message_changes (ids) VALUES (@ids)'),
    changesSince: db.prepare('SELECT ids FROM message_changes WHERE seq > @seq').pluck(),
    trimChanges: db.prepare('DELETE FROM message_changes WHERE seq <= @seq'),
    countAll: db.prepare('SELECT count(*) AS n FROM messages'),
    countSource: db.prepare('SELECT count(*) AS n FROM messages WHERE source = @source'),
    listLinks: db.prepare('SELECT * FROM message_links ORDER BY at, message_id'),
    saveLink: db.prepare(`
      INSERT INTO message_links (message_id, person_id, application_id, action, at)
      VALUES (@messageId, @personId, @applicationId, @action, @at)
      ON CONFLICT (message_id, person_id, application_id) DO UPDATE SET action = excluded.action, at = excluded.at`),
    deleteLink: db.prepare(
      'DELETE FROM message_links WHERE message_id = @messageId AND person_id = @personId AND application_id = @applicationId',
    ),
    listReplyReadings: db.prepare('SELECT * FROM reply_readings ORDER BY at, message_id'),
    saveReplyReading: db.prepare(`
      INSERT INTO reply_readings (message_id, reply_class, sentence, confidence, source, at)
      VALUES (@messageId, @replyClass, @sentence, @confidence, @source, @at)
      ON CONFLICT (message_id) DO UPDATE SET reply_class = excluded.reply_class,
        sentence = excluded.sentence, confidence = excluded.confidence, source = excluded.source,
        at = excluded.at
      WHERE reply_readings.source = 'classifier' OR excluded.source = 'user'`),
    deleteReplyReading: db.prepare('DELETE FROM reply_readings WHERE message_id = @messageId'),
    locateMessages: db.prepare(`
      SELECT id, source, folder_path AS path, uid FROM messages
      WHERE id IN (SELECT value FROM json_each(@ids)) AND uid IS NOT NULL
      ORDER BY source, folder_path, uid`),
  };
}

/** Statements on the delivery reports table (migration 010), prepared on first use. */
function prepareReportStatements(db: Database) {
  return {
    unreadDeliveryReports: db.prepare(`
      SELECT id, uid FROM messages
      WHERE source = @source AND folder_path = @path AND folder_role = 'inbox' AND bounce = 1
        AND uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM delivery_reports AS d WHERE d.message_id = messages.id)
      ORDER BY uid`),
    saveDeliveryReport: db.prepare(`
      INSERT INTO delivery_reports (message_id, outcome, original_message_id, failed_recipients,
        status, diagnostic, read_at)
      VALUES (@messageId, @outcome, @originalMessageId, @failedRecipients, @status, @diagnostic, @at)
      ON CONFLICT (message_id) DO UPDATE SET outcome = excluded.outcome,
        original_message_id = excluded.original_message_id,
        failed_recipients = excluded.failed_recipients, status = excluded.status,
        diagnostic = excluded.diagnostic, read_at = excluded.read_at`),
  };
}

export class SqliteMailStore implements MailStore {
  // Prepared on first use: a database opened with an older migration list (tests) has no mail tables.
  private statements: ReturnType<typeof prepareStatements> | null = null;
  private get s(): ReturnType<typeof prepareStatements> {
    return (this.statements ??= prepareStatements(this.db));
  }
  private reportStatements: ReturnType<typeof prepareReportStatements> | null = null;
  private get reports(): ReturnType<typeof prepareReportStatements> {
    return (this.reportStatements ??= prepareReportStatements(this.db));
  }

  // What knownMessages returns, and the last entry of the change log (migration 006) it has
  // taken in: writes by any connection are logged there by triggers.
  private known: KnownMessage[] | null = null;
  private knownSeq = 0;
  private trimmedSeq = 0;

  constructor(private readonly db: Database) {}

  listAccounts(): MailAccount[] {
    return (this.s.listAccounts.all() as AccountRow[]).map(accountFromRow);
  }

  getAccount(id: string): MailAccount | null {
    const row = this.s.getAccount.get({ id }) as AccountRow | undefined;
    return row ? accountFromRow(row) : null;
  }

  saveAccount(account: MailAccount): void {
    this.db.transaction(() => {
      this.s.saveAccount.run(accountToRow(account));
      this.replyFoldersStatement()?.run({
        id: account.id,
        folders: JSON.stringify(account.replyFolders),
      });
      this.authStatement()?.run({ id: account.id, auth: account.auth ?? 'password' });
    })();
  }

  // Migration 013's column, looked for once, as the reply folders' above.
  private setAuth: Statement<{ id: string; auth: string }> | null | undefined;
  private authStatement(): Statement<{ id: string; auth: string }> | null {
    if (this.setAuth === undefined) {
      const columns = this.db.pragma('table_info(mail_accounts)') as Array<{ name: string }>;
      this.setAuth = columns.some((c) => c.name === 'auth')
        ? this.db.prepare<{ id: string; auth: string }>(
            'UPDATE mail_accounts SET auth = @auth WHERE id = @id',
          )
        : null;
    }
    return this.setAuth;
  }

  // Migration 012's column, looked for once: a file at an older version (a migration's test) has none.
  private setReplyFolders: Statement<{ id: string; folders: string }> | null | undefined;
  private replyFoldersStatement(): Statement<{ id: string; folders: string }> | null {
    if (this.setReplyFolders === undefined) {
      const columns = this.db.pragma('table_info(mail_accounts)') as Array<{ name: string }>;
      this.setReplyFolders = columns.some((c) => c.name === 'reply_folders')
        ? this.db.prepare<{ id: string; folders: string }>(
            'UPDATE mail_accounts SET reply_folders = @folders WHERE id = @id',
          )
        : null;
    }
    return this.setReplyFolders;
  }

  deleteAccount(id: string): boolean {
    return this.db.transaction(() => {
      this.s.deleteFolders.run({ source: id });
      this.logChange(this.s.deleteSourceMessages.all({ source: id }) as string[]);
      return this.s.deleteAccount.run({ id }).changes > 0;
    })();
  }

  getSecret(accountId: string): Buffer | null {
    const row = this.s.getSecret.get({ accountId }) as { ciphertext: Buffer } | undefined;
    return row?.ciphertext ?? null;
  }

  setSecret(accountId: string, ciphertext: Buffer): void {
    this.s.setSecret.run({ accountId, ciphertext });
  }

  deleteSecret(accountId: string): void {
    this.s.deleteSecret.run({ accountId });
  }

  getSyncStatus(accountId: string): AccountSyncStatus {
    const row = this.s.getSyncStatus.get({ id: accountId }) as
      | {
          sync_state: AccountSyncStatus['state'];
          last_sync_at: number | null;
          last_sync_error: string | null;
        }
      | undefined;
    return {
      accountId,
      state: row?.sync_state ?? 'never',
      lastSyncAt: row?.last_sync_at ?? null,
      error: row?.last_sync_error ?? null,
      messages: this.countMessages(accountId),
    };
  }

  setSyncResult(accountId: string, result: { at: number; error: string | null }): void {
    this.s.setSyncResult.run({
      id: accountId,
      state: result.error ? 'error' : 'ok',
      at: result.at,
      error: result.error,
    });
  }

  getSyncWindow(accountId: string): number | null {
    const row = this.s.getSyncWindow.get({ id: accountId }) as { start: number | null } | undefined;
    return row?.start ?? null;
  }

  setSyncWindow(accountId: string, start: number): void {
    this.s.setSyncWindow.run({ id: accountId, start });
  }

  getFolderState(source: string, path: string): FolderState | null {
    const row = this.s.getFolder.get({ source, path }) as
      | {
          uid_validity: string;
          last_uid: number;
          highest_modseq: string | null;
          uid_next: number;
          message_count: number;
        }
      | undefined;
    return row
      ? {
          uidValidity: row.uid_validity,
          lastUid: row.last_uid,
          highestModseq: row.highest_modseq,
          uidNext: row.uid_next,
          messages: row.message_count,
        }
      : null;
  }

  writeBatch(
    source: string,
    path: string,
    role: MessageFolderRole,
    messages: Iterable<FolderMessage>,
    state: FolderState,
    at: number,
  ): void {
    this.db.transaction(() => {
      const ids: string[] = [];
      for (const m of messages) {
        this.s.upsertMessage.run(messageToRow(source, path, m));
        ids.push(m.id);
      }
      this.logChange(ids);
      this.s.saveFolder.run({ source, path, role, ...state, at });
    })();
  }

  resetFolder(source: string, path: string): void {
    this.db.transaction(() => {
      this.logChange(this.s.deleteFolderMessages.all({ source, path }) as string[]);
      this.s.deleteFolder.run({ source, path });
    })();
  }

  removeUids(source: string, path: string, uids: number[]): void {
    this.db.transaction(() => {
      this.logChange(
        uids.flatMap((uid) => this.s.removeUid.all({ source, path, uid }) as string[]),
      );
    })();
  }

  knownUids(source: string, path: string): number[] {
    return (this.s.knownUids.all({ source, path }) as Array<{ uid: number }>).map((r) => r.uid);
  }

  syncedFolderPaths(source: string): string[] {
    return (this.s.syncedFolderPaths.all({ source }) as Array<{ path: string }>).map((r) => r.path);
  }

  addMessages(source: string, path: string, messages: FolderMessage[]): void {
    this.db.transaction(() => {
      for (const m of messages) this.s.upsertMessage.run(messageToRow(source, path, m));
      this.logChange(messages.map((m) => m.id));
    })();
  }

  replaceSourceMessages(source: string, path: string, messages: FolderMessage[]): void {
    this.db.transaction(() => {
      const removed = this.s.deleteFolderMessages.all({ source, path }) as string[];
      for (const m of messages) this.s.upsertMessage.run(messageToRow(source, path, m));
      this.logChange([...removed, ...messages.map((m) => m.id)]);
    })();
  }

  listMessages(): KnownMessage[] {
    return [...this.knownMessages()];
  }

  knownMessages(): readonly KnownMessage[] {
    // Inside a transaction the rows may still be rolled back: read them, remember nothing.
    if (this.db.inTransaction) {
      return this.readAllMessages();
    }
    if (this.known !== null && this.changeHead() === this.knownSeq) return this.known;
    // One read transaction: the log and the rows it points to as of the same commit.
    const known = this.db.transaction((previous: KnownMessage[] | null): KnownMessage[] => {
      const seen = this.knownSeq;
      const head = this.changeHead();
      const entries = previous === null ? [] : (this.s.changesSince.all({ seq: seen }) as string[]);
      const changed = entries.flatMap((ids) => JSON.parse(ids) as string[]);
      this.knownSeq = head;
      // The sequence has no gaps, so fewer entries than it moved means some were trimmed unseen.
      if (
        previous === null ||
        entries.length !== head - seen ||
        changed.length > previous.length / 4
      ) {
        return this.readAllMessages();
      }
      const stale = new Set(changed);
      const pool = new EntryPool();
      const fresh = (
        this.s.messagesByIds.all({ ids: JSON.stringify([...stale]) }) as MessageRaw[]
      ).map((raw) => messageFromRaw(raw, pool));
      return mergeSorted(
        previous.filter((m) => !stale.has(m.id)),
        fresh,
      );
    })(this.known);
    this.known = known;
    this.trimChanges();
    return known;
  }

  messagesWithIds(ids: readonly string[]): KnownMessage[] {
    if (ids.length === 0) return [];
    const pool = new EntryPool();
    return (this.s.messagesByIds.all({ ids: JSON.stringify(ids) }) as MessageRaw[]).map((raw) =>
      messageFromRaw(raw, pool),
    );
  }

  *receivedMessages(): Iterable<KnownMessage> {
    const pool = new EntryPool();
    for (const raw of this.s.receivedMessages.iterate() as IterableIterator<MessageRaw>) {
      yield messageFromRaw(raw, pool);
    }
  }

  *sentHeaders(): Iterable<SentHeader> {
    const rows = this.s.sentHeaders.iterate() as IterableIterator<[string, string | null, string]>;
    for (const [id, messageId, from] of rows) {
      yield { id, messageId, from: JSON.parse(from) as MailAddress[] };
    }
  }

  sentMessageIds(messageIds: readonly string[]): Set<string> {
    if (messageIds.length === 0) return new Set();
    return new Set(this.s.sentMessageIds.all({ ids: JSON.stringify(messageIds) }) as string[]);
  }

  /** Every message, read row by row: 100,000 raw rows never live beside their parsed copies. */
  private readAllMessages(): KnownMessage[] {
    const messages: KnownMessage[] = [];
    const pool = new EntryPool();
    for (const raw of this.s.listMessages.iterate() as IterableIterator<MessageRaw>) {
      messages.push(messageFromRaw(raw, pool));
    }
    return messages;
  }

  /** Every write to the messages table goes through this class and logs its ids here. */
  private logChange(ids: string[]): void {
    if (ids.length > 0) this.s.logChange.run({ ids: JSON.stringify(ids) });
  }

  private changeHead(): number {
    return (this.s.changeHead.get() as number | undefined) ?? 0;
  }

  /**
   * Forgets log entries this store has taken in, now and then. Another reader (the command
   * line) that had not seen them then reads everything again: slower, never wrong.
   */
  private trimChanges(): void {
    if (this.knownSeq - this.trimmedSeq < TRIM_EVERY) return;
    try {
      this.s.trimChanges.run({ seq: this.knownSeq });
      this.trimmedSeq = this.knownSeq;
    } catch {
      // Housekeeping only (the sync's writer may hold the lock): next time.
    }
  }

  countMessages(source?: string): number {
    const row = (
      source === undefined ? this.s.countAll.get() : this.s.countSource.get({ source })
    ) as { n: number };
    return row.n;
  }

  listLinks(): MessageLink[] {
    return (
      this.s.listLinks.all() as Array<{
        message_id: string;
        person_id: string;
        application_id: string;
        action: MessageLink['action'];
        at: number;
      }>
    ).map((r) => ({
      messageId: r.message_id,
      personId: r.person_id,
      applicationId: r.application_id,
      action: r.action,
      at: r.at,
    }));
  }

  saveLink(link: MessageLink): void {
    this.s.saveLink.run(link);
  }

  deleteLink(messageId: string, personId: string, applicationId: string): boolean {
    return this.s.deleteLink.run({ messageId, personId, applicationId }).changes > 0;
  }

  listReplyReadings(): ReplyReading[] {
    return (
      this.s.listReplyReadings.all() as Array<{
        message_id: string;
        reply_class: ReplyReading['replyClass'];
        sentence: string;
        confidence: number;
        source: ReplyReading['source'];
        at: number;
      }>
    ).map((r) => ({
      messageId: r.message_id,
      replyClass: r.reply_class,
      sentence: r.sentence,
      confidence: r.confidence,
      source: r.source,
      at: r.at,
    }));
  }

  saveReplyReading(reading: ReplyReading): void {
    this.s.saveReplyReading.run({ ...reading, sentence: reading.sentence.slice(0, 200) });
  }

  locateMessages(
    ids: readonly string[],
  ): { id: string; source: string; path: string; uid: number }[] {
    if (ids.length === 0) return [];
    return this.s.locateMessages.all({ ids: JSON.stringify(ids) }) as {
      id: string;
      source: string;
      path: string;
      uid: number;
    }[];
  }

  deleteReplyReading(messageId: string): boolean {
    return this.s.deleteReplyReading.run({ messageId }).changes > 0;
  }

  unreadDeliveryReports(source: string, path: string): { id: string; uid: number }[] {
    return this.reports.unreadDeliveryReports.all({ source, path }) as {
      id: string;
      uid: number;
    }[];
  }

  saveDeliveryReport(messageId: string, facts: DeliveryReportFacts, at: number): void {
    this.db.transaction(() => {
      this.reports.saveDeliveryReport.run({
        messageId,
        outcome: facts.outcome,
        originalMessageId: facts.originalMessageId,
        failedRecipients: JSON.stringify(facts.failedRecipients),
        status: facts.status,
        diagnostic: facts.diagnostic === null ? null : facts.diagnostic.slice(0, 300),
        at,
      });
      // The report is part of the message as the rules see it: re-read it.
      this.logChange([messageId]);
    })();
  }
}

/** Two lists sorted by date then id, as one. */
function mergeSorted(a: readonly KnownMessage[], b: readonly KnownMessage[]): KnownMessage[] {
  const out = new Array<KnownMessage>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] = messageOrder(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  }
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
