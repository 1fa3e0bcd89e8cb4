/**
 * Reads the headers of the Sent folder and the inbox of each account into the database, and
 * of the folders replies may be filed in (\All, \Archive, folders the user added).
 * Never two syncs of one account at once (a second request joins the running one); every
 * batch is written with the folder state that covers it, so a sync cut off anywhere
 * resumes where it stopped. Failures end up as the account's last sync status in words.
 * Every IMAP command has a deadline for silence and every folder one for its whole read, so
 * a server that stops answering or trickles cannot keep a sync alive; accounts sync side by
 * side, so one stuck account does not hold up the others.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { ImapConnectError, isConnectionLost } from '../../mail/imap-account';
import type { FolderSyncResult, Mailbox, MailServer } from '../../mail/mailbox-port';
import { FolderDeadlineError, type FetchedHeaders } from '../../mail/sync/folder-sync';
import { LocalMailboxError, readLocalMailbox } from '../../mail/local-mailbox';
import type { MailStore } from '../../store/mail-store';
import type { Store } from '../../store/store';
import { imapSettingsFor } from '../account-service';
import {
  createMailCredentials,
  missingCredentialText,
  OAuthError,
  withCredential,
  type MailCredentials,
} from '../oauth/mail-credentials';
import { ServiceError } from '../errors';
import type { FolderTarget } from './folder-writer';
import type { FolderState } from '../../../shared/model';
import type { InboxBounces } from '../bounce-service';
import type { InboxReplies } from '../reply-reading-service';
import type { SecretVault } from '../secrets';

export interface SyncProgress {
  accountId: string;
  folder: string;
  done: number;
  total: number;
}

export interface SyncSummary {
  accountId: string;
  ok: boolean;
  /** What went wrong, in words, or null. */
  error: string | null;
  added: number;
  removed: number;
  /** Role `inbox` for the inbox and for every folder read for replies. */
  folders: Array<{ path: string; role: 'sent' | 'inbox'; changed: boolean; reset: boolean }>;
}

export interface SyncServiceDeps {
  store: Store;
  mailStore: MailStore;
  vault: SecretVault;
  /** Where the account's mail server is reached (the imapflow adapter in the app). */
  mail: MailServer;
  /** Passwords and OAuth access tokens; default: passwords from `vault` only. */
  credentials?: MailCredentials;
  now: () => number;
  onProgress?: (progress: SyncProgress) => void;
  /** Called when a sync of an account ends, whatever it found, with its summary. */
  onFinished?: (summary: SyncSummary) => void;
  /** Called when a sync stored something new, so obligations can be recomputed. */
  onChange?: () => void;
  connectionTimeout?: number;
  /** How long a sync may wait; defaults in SYNC_DEADLINES. Tests use short ones. */
  deadlines?: Partial<SyncDeadlines>;
  /** UIDs per FETCH and per database write; the folder sync's default when absent. */
  batchSize?: number;
  /** Looks for calendar invitations in new inbox messages (see invitation-service.ts). */
  invitations?: InboxInvitations;
  /** Reads the delivery reports of new bounces in the inbox (see bounce-service.ts). */
  bounces?: InboxBounces;
  /** Reads what new replies say (see reply-reading-service.ts). */
  replies?: InboxReplies;
  /** Parses and stores one batch with the folder state that covers it, in one transaction. */
  writeBatch: (
    target: FolderTarget,
    fetched: FetchedHeaders[],
    state: FolderState,
    at: number,
  ) => void;
}

export interface InboxInvitations {
  /** New inbox messages were queued as they were written; this looks into them. */
  process(mailbox: Mailbox, accountId: string, folderPath: string): Promise<number>;
}

export interface SyncDeadlines {
  /** Milliseconds a command may go without a byte from the server. */
  command: number;
  /** Milliseconds one folder's whole read may take (a first sync of a large folder included). */
  folder: number;
}

export const SYNC_DEADLINES: SyncDeadlines = { command: 60_000, folder: 15 * 60_000 };

export type SyncService = ReturnType<typeof createSyncService>;

const DAY = 86_400_000;
/** Read from a week before the earliest tracked interview: early replies and scheduling mail. */
const WINDOW_MARGIN = 7 * DAY;

export function createSyncService(deps: SyncServiceDeps) {
  const { store, mailStore } = deps;
  const credentials = deps.credentials ?? createMailCredentials(deps.vault, null);
  const deadlines: SyncDeadlines = { ...SYNC_DEADLINES, ...deps.deadlines };
  const running = new Map<string, Promise<SyncSummary>>();

  /** The instant from which mail matters: shortly before the earliest tracked interview. */
  function windowStart(): number {
    const starts = store
      .listInterviews()
      .filter((i) => !i.cancelled)
      .map((i) => i.startsAt);
    return Math.min(deps.now(), ...starts) - WINDOW_MARGIN;
  }

  async function run(accountId: string): Promise<SyncSummary> {
    const account = mailStore.getAccount(accountId);
    if (!account) throw new ServiceError('not-found', 'That account no longer exists.');
    const summary: SyncSummary = {
      accountId,
      ok: false,
      error: null,
      added: 0,
      removed: 0,
      folders: [],
    };
    if (!credentials.has(account)) {
      summary.error = missingCredentialText(account);
      mailStore.setSyncResult(accountId, { at: deps.now(), error: summary.error });
      return summary;
    }

    // A wider window than last time (an earlier interview was added) means reading the
    // folders again; a narrower one keeps what was read.
    const previous = mailStore.getSyncWindow(accountId);
    const wanted = windowStart();
    const widened = previous === null || wanted < previous;
    const start = widened ? wanted : previous;

    let mailbox: Mailbox | null = null;
    let forgotFolder = false;
    // The folder being read, and whether the server went silent, for a failure in true words.
    let reading: string | null = null;
    let silent = false;
    try {
      const clientOptions = {
        ...(deps.connectionTimeout
          ? { connectionTimeout: deps.connectionTimeout, greetingTimeout: deps.connectionTimeout }
          : {}),
        socketTimeout: deadlines.command,
        onError: (error: Error) => {
          if ((error as { code?: unknown }).code === 'ETIMEOUT') silent = true;
        },
      };
      // An OAuth account's token is refreshed when it is due, or when the server refuses it.
      mailbox = await withCredential(
        credentials,
        account,
        (credential) => deps.mail.connect(imapSettingsFor(account, credential), clientOptions),
        () => new ImapConnectError('login', missingCredentialText(account)),
      );
      const connected = mailbox;
      const settings = imapSettingsFor(account, '');
      const folders = await connected.withDeadline(null, deadlines.folder, () =>
        connected.discoverFolders(settings.folders, settings.replyFolders),
      );
      if (!folders.sent) {
        // A folder the user chose that is gone (renamed or deleted) is named, so it can be found.
        throw new ImapConnectError(
          'no-sent-folder',
          folders.missingOverrides.includes('sent') && account.sentFolder
            ? `The folder "${account.sentFolder}" chosen for sent mail does not exist on the server any more (renamed or deleted?). Choose the folder your sent mail is in, in the account settings; what was read from it so far is kept.`
            : 'No Sent folder was found. Choose the folder your mail program keeps sent mail in, in the account settings.',
        );
      }
      const targets: Array<{ path: string; role: 'sent' | 'inbox'; replies?: true }> = [
        { path: folders.sent.path, role: 'sent' },
        { path: folders.inbox.path, role: 'inbox' },
        // Replies filed elsewhere, read as received mail in the same window: the user's own
        // messages among them (\All holds sent mail too) are told apart by the user's addresses
        // in matching, and a message also in the inbox counts once there, by its Message-ID.
        ...folders.replies.map((f) => ({
          path: f.path,
          role: 'inbox' as const,
          replies: true as const,
        })),
      ];
      // A folder no longer read (the user chose another Sent folder, or theirs is gone) would
      // keep its messages forever, never updated: forget it, as if it had been emptied.
      const readNow = new Set(targets.map((t) => t.path));
      for (const path of mailStore.syncedFolderPaths(accountId)) {
        if (readNow.has(path)) continue;
        mailStore.resetFolder(accountId, path);
        forgotFolder = true;
      }
      if (widened) {
        for (const { path } of targets) mailStore.resetFolder(accountId, path);
        mailStore.setSyncWindow(accountId, start);
      }
      for (const { path, role, replies } of targets) {
        reading = path;
        const result: FolderSyncResult = await connected.syncFolder(
          {
            path,
            deadline: deadlines.folder,
            since: new Date(start),
            state: mailStore.getFolderState(accountId, path),
            ...(deps.batchSize ? { batchSize: deps.batchSize } : {}),
            onProgress: (folder, done, total) => {
              deps.onProgress?.({ accountId, folder, done, total });
            },
          },
          {
            writeBatch: (fetched, state) =>
              deps.writeBatch(
                // Calendar invitations: new inbox messages are queued in the same transaction.
                {
                  accountId,
                  path,
                  role,
                  queueInvitations: role === 'inbox' && !replies && !!deps.invitations,
                  // Each reply folder's copies under ids of their own (see folder-writer.ts).
                  ...(replies ? { idScope: path } : {}),
                },
                fetched,
                state,
                deps.now(),
              ),
            reset: () => mailStore.resetFolder(accountId, path),
            removeUids: (uids) => mailStore.removeUids(accountId, path, uids),
            knownUids: () => mailStore.knownUids(accountId, path),
          },
        );
        summary.added += result.added;
        summary.removed += result.removed;
        summary.folders.push({ path, role, changed: result.changed, reset: result.reset });
      }
      reading = null;
      summary.ok = true;
      // Calendar invitations: only the calendar parts of the queued inbox messages are fetched.
      // A failure here is not the sync's: the queue stays for next time.
      if (deps.invitations) {
        const invitations = deps.invitations;
        await connected
          .withDeadline(folders.inbox.path, deadlines.folder, () =>
            invitations.process(connected, accountId, folders.inbox.path),
          )
          .catch(() => 0);
      }
      // Bounces: only the report parts of reports not read before; a failure waits for next time.
      if (deps.bounces) {
        await deps.bounces.process(connected, accountId, folders.inbox.path).catch(() => 0);
      }
      // What replies say, wherever they are filed; a failure waits for the next sync.
      if (deps.replies) {
        const replies = deps.replies;
        for (const { path, role } of targets) {
          if (role !== 'inbox') continue;
          await connected
            .withDeadline(path, deadlines.folder, () => replies.process(connected, accountId, path))
            .catch(() => 0);
        }
      }
    } catch (error) {
      const where = `${account.imap.host}:${account.imap.port}`;
      summary.error =
        error instanceof ImapConnectError ||
        error instanceof ServiceError ||
        error instanceof OAuthError
          ? error.message
          : error instanceof FolderDeadlineError
            ? `${where} sent ${error.path === null ? 'its list of folders' : `the folder "${error.path}"`} ` +
              `too slowly: reading it did not finish within ${duration(error.deadline)}, so the ` +
              'sync was stopped. What was read is kept and the next sync continues from there. ' +
              'A very slow network (or VPN) or a server under heavy load does this; try again later.'
            : silent
              ? `${where} stopped answering: nothing came from it for ${duration(deadlines.command)}` +
                `${reading === null ? '' : ` while "${reading}" was read`}, so the sync was ` +
                'stopped. What was read is kept and the next sync continues from there. Check ' +
                'that this computer is online; if it is, the server may be having trouble, so try ' +
                'again later.'
              : // A connection that is gone may answer some commands with nothing instead of an error.
                isConnectionLost(error) || (mailbox !== null && !mailbox.usable)
                ? 'The connection to the mail server was lost during the sync. Nothing read so far is lost; the next sync continues from there.'
                : 'The sync stopped before it finished. Nothing read so far is lost; it will continue from there next time.';
    } finally {
      await mailbox?.close();
    }
    mailStore.setSyncResult(accountId, { at: deps.now(), error: summary.error });
    if (summary.added > 0 || summary.removed > 0 || forgotFolder) deps.onChange?.();
    return summary;
  }

  return {
    /** Syncs one account; a request while it is already syncing gets the running sync's result. */
    syncAccount(accountId: string): Promise<SyncSummary> {
      const current = running.get(accountId);
      if (current) return current;
      const job = run(accountId)
        .then((summary) => {
          deps.onFinished?.(summary);
          return summary;
        })
        .finally(() => running.delete(accountId));
      running.set(accountId, job);
      return job;
    },

    /** Syncs every account side by side: one that is slow or stuck holds up no other. */
    syncAll(): Promise<SyncSummary[]> {
      return Promise.all(mailStore.listAccounts().map((account) => this.syncAccount(account.id)));
    },

    /**
     * Reads an mbox file, a Maildir or a folder of .eml files as a source of sent and received
     * mail. Messages from the user's own addresses count as sent. Reading the same path again
     * replaces what it gave before, so it is idempotent. Files in a folder that are not mail
     * (or not files at all) are skipped and counted.
     */
    async importLocalMailbox(
      path: string,
      userAddresses: string[],
    ): Promise<{ messages: number; sent: number; skipped: number }> {
      const full = resolve(path);
      const sourceId = `local:${createHash('sha256').update(full).digest('hex').slice(0, 16)}`;
      let messages;
      let skipped;
      try {
        ({ messages, skipped } = await readLocalMailbox(full, { sourceId, userAddresses }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new ServiceError(
          'invalid-input',
          code === 'ENOENT'
            ? `There is no file or folder at ${full}.`
            : error instanceof LocalMailboxError
              ? `${full} was not read: ${error.message} Nothing was imported.`
              : `${full} could not be read as a mailbox.`,
        );
      }
      mailStore.replaceSourceMessages(
        sourceId,
        full,
        messages.map((m) => ({ ...m, uid: null })),
      );
      deps.bounces?.keepLocal(messages);
      deps.onChange?.();
      return {
        messages: messages.length,
        sent: messages.filter((m) => m.folderRole === 'sent').length,
        skipped,
      };
    },

    isSyncing(accountId: string): boolean {
      return running.has(accountId);
    },
  };
}

/** A deadline in words: "45 seconds", "15 minutes". */
function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.round(seconds / 60)} minutes`;
}
