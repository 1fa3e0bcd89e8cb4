/**
 * Builds every service over one opened database, the same way for the desktop app, the
 * command line and the test bridge. The caller passes what differs: the vault, the clock,
 * the system zone, and what to do when something changed.
 */
import { imapMailServer } from '../mail/imap-mailbox';
import type { MailServer } from '../mail/mailbox-port';
import type { OpenedDatabase } from '../store/database';
import { createAccountService } from './account-service';
import { createDraftService } from './draft-service';
import { writeFetched } from './sync/folder-writer';
import { createBounceService } from './bounce-service';
import { createReplyReadingService } from './reply-reading-service';
import { createInvitationService } from './invitation-service';
import { createNoteSender } from './note-sender';
import { createPeopleService } from './people-service';
import { createMailCredentials } from './oauth/mail-credentials';
import type { OAuthConfig } from './oauth/providers';
import { createTokenSource } from './oauth/token-source';
import type { SecretVault } from './secrets';
import {
  createSyncService,
  type SyncDeadlines,
  type SyncProgress,
  type SyncSummary,
} from './sync/sync-service';
import { createMailWatch } from './mail-watch';
import { createWorkspace, type WorkspaceOptions } from './workspace-composition';
import { inlineParser, workerParser, type WorkerParserOptions } from './untrusted-parser';

export interface ServiceOptions extends WorkspaceOptions {
  /** With `db`, the status is kept between calls while the data stays the same. */
  database: Pick<OpenedDatabase, 'store' | 'mailStore' | 'draftStore' | 'invitationStore'> &
    Partial<Pick<OpenedDatabase, 'db' | 'forgetRemovedSecrets'>>;
  vault: SecretVault;
  /** How mail servers are reached; imapflow over IMAP unless another is given. */
  mail?: MailServer;
  onSyncProgress?: (progress: SyncProgress) => void;
  /** A sync of an account ended, well or not: the UI shows its status without polling. */
  onSyncFinished?: (summary: SyncSummary) => void;
  connectionTimeout?: number;
  /** How long a sent note waits for Undo, in ms, instead of the setting (tests use short ones). */
  undoSendMs?: number;
  /** UIDs per sync batch (tests use small ones to cut a sync in many places). */
  syncBatchSize?: number;
  /** Deadlines for a silent command and for a whole folder (tests use short ones). */
  syncDeadlines?: Partial<SyncDeadlines>;
  /**
   * The built untrusted-parsing worker (`out/main/untrusted-parser.js`): calendar text from
   * files and mail is parsed there, within a time and memory budget. The app, the command
   * line and the test bridge always pass it; without it (unit tests feeding their own
   * fixtures) parsing runs on this thread.
   */
  untrustedParser?: WorkerParserOptions;
  /**
   * Signing in with Google and Microsoft: where their servers are (production constants, or a
   * local server in tests), the client ids this build has, and how to show the sign-in page.
   */
  oauth?: {
    config: OAuthConfig;
    openBrowser: (url: string) => Promise<void>;
    timeoutMs?: number;
    /** Renew access tokens this long before they expire (default 5 minutes). */
    refreshAheadMs?: number;
  };
}

export type Services = ReturnType<typeof createServices>;

export function createServices(options: ServiceOptions) {
  const { store, mailStore } = options.database;
  const timeout =
    options.connectionTimeout === undefined ? {} : { connectionTimeout: options.connectionTimeout };
  const workspace = createWorkspace(options);
  const mail = options.mail ?? imapMailServer;
  const people = createPeopleService({
    rows: () => workspace.workspaceRows(),
    history: (applicationId, personId) => workspace.history(applicationId, personId),
    replies: (applicationId) => workspace.getApplication(applicationId).replies,
  });
  // One token source for connecting, syncing, IDLE and sending: one refresh at a time.
  const tokens = options.oauth
    ? createTokenSource({
        vault: options.vault,
        config: options.oauth.config,
        now: options.now,
        ...(options.oauth.refreshAheadMs === undefined
          ? {}
          : { refreshAheadMs: options.oauth.refreshAheadMs }),
        ...(options.onChange ? { onSignInNeeded: options.onChange } : {}),
      })
    : null;
  const credentials = createMailCredentials(options.vault, tokens);
  const accounts = createAccountService({
    mailStore,
    vault: options.vault,
    mail,
    ...(options.oauth && tokens
      ? {
          oauth: {
            config: options.oauth.config,
            tokens,
            openBrowser: options.oauth.openBrowser,
            ...(options.oauth.timeoutMs ? { timeoutMs: options.oauth.timeoutMs } : {}),
          },
        }
      : {}),
    now: options.now,
    ...timeout,
    ...(options.database.forgetRemovedSecrets
      ? { forgetRemovedSecrets: options.database.forgetRemovedSecrets }
      : {}),
  });
  const drafts = createDraftService({
    store,
    draftStore: options.database.draftStore,
    workspace,
    message: (id) => mailStore.messagesWithIds([id])[0] ?? null,
    now: options.now,
  });
  const notes = createNoteSender({
    store,
    // The same checks the editor shows: a note with an error among them never goes out.
    checks: (obligationId) => drafts.findings(obligationId),
    thread: (obligationId) => drafts.thread(obligationId),
    mailStore,
    draftStore: options.database.draftStore,
    vault: options.vault,
    mail,
    credentials,
    now: options.now,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    ...(options.undoSendMs === undefined ? {} : { undoDelayMs: () => options.undoSendMs ?? 0 }),
    ...timeout,
  });
  const parser = options.untrustedParser ? workerParser(options.untrustedParser) : inlineParser();
  const invitations = createInvitationService({
    store,
    invitationStore: options.database.invitationStore,
    userAddresses: () => {
      const profile = store.getProfile();
      return [
        profile.email,
        ...(profile.aliases ?? []),
        ...mailStore.listAccounts().map((a) => a.email),
      ].filter(Boolean);
    },
    userTimeZone: () => workspace.userTimeZone(),
    status: (at) => workspace.status(at),
    now: options.now,
    parser,
    describeMessage: (messageId) => {
      const message = mailStore.messagesWithIds([messageId])[0];
      if (!message) return null;
      const from = message.from[0];
      const sender = from ? (from.name ? `${from.name} <${from.address}>` : from.address) : null;
      return `“${message.subject || 'no subject'}”${sender ? ` from ${sender}` : ''}`;
    },
    ...(options.onChange ? { onChange: options.onChange } : {}),
  });
  const writerStores = {
    store,
    mailStore,
    invitationStore: options.database.invitationStore,
  };
  const bounces = createBounceService({
    parser,
    mailStore,
    now: options.now,
    ...(options.onChange ? { onChange: options.onChange } : {}),
  });
  const replies = createReplyReadingService({
    store,
    mailStore,
    parser,
    repliesToRead: () => workspace.repliesToRead(),
    now: options.now,
    ...(options.onChange ? { onChange: options.onChange } : {}),
  });
  const sync = createSyncService({
    store,
    writeBatch: (target, fetched, state, at) =>
      writeFetched(writerStores, target, fetched, state, at),
    invitations: invitations.inbox,
    bounces,
    replies,
    mailStore,
    vault: options.vault,
    mail,
    credentials,
    now: options.now,
    // What a sync found may confirm notes whose send the app did not see finish.
    onChange: () => {
      notes.reconcile();
      options.onChange?.();
    },
    ...(options.onSyncProgress ? { onProgress: options.onSyncProgress } : {}),
    ...(options.onSyncFinished ? { onFinished: options.onSyncFinished } : {}),
    ...(options.syncBatchSize ? { batchSize: options.syncBatchSize } : {}),
    ...(options.syncDeadlines ? { deadlines: options.syncDeadlines } : {}),
    ...timeout,
  });
  // Watching starts only when the shell calls `watch.update()`; the command line never does.
  const watch = createMailWatch({
    mailStore,
    vault: options.vault,
    mail,
    credentials,
    sync,
    ...(options.connectionTimeout ? { connectionTimeout: options.connectionTimeout } : {}),
  });
  notes.reconcile();
  return {
    workspace,
    people,
    accounts,
    sync,
    drafts,
    notes,
    watch,
    invitations,
    parser,
    credentials,
  };
}
