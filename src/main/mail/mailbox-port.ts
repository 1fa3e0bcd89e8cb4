/**
 * The mail server as the services use it, and nothing more: sign in, find the folders by
 * role, sync a folder's headers, fetch the few body parts that are ever read (calendar parts,
 * delivery reports, the opening of replies), store a copy, watch a folder, and close.
 *
 * Every type here is our own (settings, folders, fetched headers and parts as plain values),
 * so the services are not tied to the IMAP library. The adapter that runs it on imapflow is
 * `imap-mailbox.ts`; services are given a `MailServer` and never import imapflow (a lint rule
 * holds them to it).
 */
import type {
  ClientOptions,
  ConnectionCheck,
  DiscoveredFolders,
  FolderOverrides,
  ImapSettings,
} from './imap-account';
import type { ReplacedDraft, StoredCopy } from './imap-append';
import type { InvitationFetchResult } from './invitation-fetch';
import type { ReplyPart } from './reply-text';
import type { ReportFetchResult } from './report-fetch';
import type { FolderSink, FolderSyncOptions, FolderSyncResult } from './sync/folder-sync';
import type { FolderWatch, FolderWatchOptions } from './sync/folder-watch';

export type {
  ClientOptions,
  ConnectionCheck,
  DiscoveredFolders,
  FolderOverrides,
  FolderSink,
  FolderSyncOptions,
  FolderSyncResult,
  FolderWatch,
  FolderWatchOptions,
  ImapSettings,
  InvitationFetchResult,
  ReplacedDraft,
  ReplyPart,
  ReportFetchResult,
  StoredCopy,
};

/**
 * One signed-in connection to an account's mail server. One command at a time: callers await
 * each call before the next.
 */
export interface Mailbox {
  /** False once the connection is gone (cut, timed out, closed by a deadline or by `close`). */
  readonly usable: boolean;
  /**
   * Inbox, Sent and Drafts (the user's choice, else the special-use flag, else the name) and
   * the folders replies may be filed in (\All, \Archive, the user's own), from one LIST.
   */
  discoverFolders(
    overrides?: FolderOverrides,
    replyFolders?: readonly string[],
  ): Promise<DiscoveredFolders>;
  /**
   * Reads what is new in one folder since `options.state` (STATUS, then UID SEARCH, then the
   * header fields of the new UIDs in batches) into the sink; see sync/folder-sync.ts.
   */
  syncFolder(options: FolderSyncOptions, sink: FolderSink): Promise<FolderSyncResult>;
  /**
   * Runs `work`; when it takes longer than `deadline` ms the connection is closed and a
   * FolderDeadlineError for `path` (null: the folder list) is thrown instead.
   */
  withDeadline<T>(
    path: string | null,
    deadline: number | undefined,
    work: () => Promise<T>,
  ): Promise<T>;
  /** The calendar parts of these messages, found through their BODYSTRUCTURE. */
  fetchInvitationParts(path: string, uids: number[]): Promise<InvitationFetchResult>;
  /** The delivery-status part and returned headers of these delivery reports. */
  fetchReportParts(path: string, uids: number[]): Promise<ReportFetchResult>;
  /** The first bytes of the first text part of these messages, undecoded. */
  fetchReplyParts(
    path: string,
    uids: number[],
  ): Promise<{ uidValidity: string; parts: ReplyPart[] }>;
  /** Stores a message in a folder with these flags (e.g. `\Seen`). */
  append(path: string, raw: Buffer, flags: string[]): Promise<StoredCopy>;
  /** The UID of the message with this Message-ID in a folder (the highest), or null. */
  findByMessageId(path: string, messageId: string): Promise<number | null>;
  /** Stores a new version of a draft, then removes the previous one (see imap-append.ts). */
  replaceDraft(
    draftsPath: string,
    raw: Buffer,
    previous: { uid: number; uidValidity: string } | null,
  ): Promise<ReplacedDraft>;
  /** Signs out, or drops the connection when the server does not answer; never throws. */
  close(): Promise<void>;
}

/** How services reach mail servers; the composition root passes the imapflow adapter. */
export interface MailServer {
  /** Connects and signs in; throws ImapConnectError naming the step that failed. */
  connect(settings: ImapSettings, options?: ClientOptions): Promise<Mailbox>;
  /** Tries the whole path (name lookup, connection, TLS, login, folders) and reports the result. */
  check(settings: ImapSettings, options?: ClientOptions): Promise<ConnectionCheck>;
  /** Watches the inbox or Sent with IDLE on a connection of its own, reconnecting by itself. */
  watch(settings: ImapSettings, options: FolderWatchOptions): FolderWatch;
}
