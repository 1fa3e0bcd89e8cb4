/**
 * Sending a note and saving it to the account's Drafts folder. A send happens once: the
 * draft moves editing → sending in one transaction before anything goes out, with its
 * Message-ID recorded, so a second click or a retry cannot send it again, and the sync can
 * confirm it later. A failed send keeps the text and says why.
 *
 * Send waits first (the undo window, `undoSendSeconds`): the note is queued in memory while
 * the draft stays `editing`, with a line on the draft saying it has not gone out, so a quit
 * in the window leaves a draft that says so; the guard is checked when queued and again when
 * the timer sends it.
 */
import type { Draft, KnownMessage, MailAccount } from '../../shared/model';
import { blockingFindings, type Finding } from '../domain/draft-checks';
import { composeNote, newMessageId, noteEnvelope, type NoteToCompose } from '../mail/compose';
import { ImapConnectError } from '../mail/imap-account';
import type { Mailbox, MailServer } from '../mail/mailbox-port';
import { sendNote, SmtpSendError } from '../mail/smtp';
import type { DraftStore } from '../store/draft-store';
import type { MailStore } from '../store/mail-store';
import type { Store } from '../store/store';
import { imapSettingsFor, smtpSettingsFor } from './account-service';
import {
  createMailCredentials,
  missingCredentialText,
  OAuthError,
  withCredential,
  type MailCredentials,
} from './oauth/mail-credentials';
import { ServiceError } from './errors';
import type { SecretVault } from './secrets';

export interface NoteSenderDeps {
  store: Store;
  /** The draft checks for an obligation's stored draft, as the editor shows them. */
  checks: (obligationId: string) => Finding[];
  /** In-Reply-To and References when the note answers a message of theirs. */
  thread?: (obligationId: string) => { inReplyTo: string; references: string[] } | null;
  mailStore: MailStore;
  draftStore: DraftStore;
  vault: SecretVault;
  /** Where the account's mail server is reached, for the Sent and Drafts copies. */
  mail: MailServer;
  /** Passwords and OAuth access tokens; default: passwords from `vault` only. */
  credentials?: MailCredentials;
  now: () => number;
  onChange?: () => void;
  connectionTimeout?: number;
  /** How long a note waits before it goes out, in ms (default: the `undoSendSeconds` setting). */
  undoDelayMs?: () => number;
}

/** On a queued draft until it goes out or is undone: what a quit in the undo window leaves. */
export const NOT_GONE_OUT = 'Followthrough closed before this note went out; it is still a draft.';

/** A note waiting in its undo window. */
interface Queued {
  accountId: string;
  sendsAt: number;
  /** `Date.now()` when the timer fires: the countdown is real time whatever the app's clock. */
  firesAt: number;
  timer: ReturnType<typeof setTimeout>;
}

export type NoteSender = ReturnType<typeof createNoteSender>;

/** Why a note cannot go out yet: the first thing to fix, and how many more there are. */
export function notReady(blocking: readonly Pick<Finding, 'message'>[]): string {
  const first = blocking[0]?.message ?? '';
  const more = blocking.length - 1;
  return `This note cannot go out yet. ${first}${more > 0 ? ` (${more} more to fix.)` : ''}`;
}

export function createNoteSender(deps: NoteSenderDeps) {
  const { store, mailStore, draftStore } = deps;
  const credentials = deps.credentials ?? createMailCredentials(deps.vault, null);
  const queue = new Map<string, Queued>();
  const delayMs = deps.undoDelayMs ?? (() => store.getSettings().undoSendSeconds * 1000);
  const timeouts = deps.connectionTimeout
    ? { connectionTimeout: deps.connectionTimeout, greetingTimeout: deps.connectionTimeout }
    : {};

  function prepare(obligationId: string, accountId: string) {
    const draft = draftStore.getDraft(obligationId);
    if (!draft) throw new ServiceError('not-found', 'That draft no longer exists.');
    const blocking = blockingFindings(deps.checks(obligationId));
    if (blocking.length > 0) throw new ServiceError('invalid-input', notReady(blocking));
    const account = mailStore.getAccount(accountId);
    if (!account) throw new ServiceError('not-found', 'That account no longer exists.');
    if (!credentials.has(account))
      throw new ServiceError(
        'invalid-input',
        account.auth === 'oauth2'
          ? 'Sign in to this account again first.'
          : 'Enter the password for this account again first.',
      );
    const profile = store.getProfile();
    const note: NoteToCompose = {
      from: { name: profile.fullName || null, address: account.email },
      to: draft.to.map((address) => ({ name: null, address })),
      subject: draft.subject,
      text: draft.body,
      // Answering their message: the headers that keep the note in their thread.
      ...(deps.thread?.(obligationId) ?? {}),
    };
    return { draft, account, note };
  }

  const missing = (account: MailAccount) =>
    new ServiceError('invalid-input', missingCredentialText(account));

  async function withImap<T>(
    account: MailAccount,
    fn: (mailbox: Mailbox) => Promise<T>,
  ): Promise<T> {
    const mailbox = await withCredential(
      credentials,
      account,
      (credential) => deps.mail.connect(imapSettingsFor(account, credential), timeouts),
      () => missing(account),
    );
    try {
      return await fn(mailbox);
    } finally {
      await mailbox.close();
    }
  }

  /** Records the sent note as a known message, so its obligation turns done now; the next sync confirms it. */
  function recordSent(
    account: MailAccount,
    draft: Draft,
    note: NoteToCompose,
    messageId: string,
    at: number,
  ): void {
    const message: KnownMessage & { uid: null } = {
      id: `${account.id}:sent:${messageId}`,
      folderRole: 'sent',
      messageId,
      inReplyTo: note.inReplyTo ?? null,
      references: note.references ?? [],
      date: at,
      from: [{ name: null, address: account.email.toLowerCase() }],
      to: draft.to.map((address) => ({ name: null, address: address.toLowerCase() })),
      cc: [],
      bcc: [],
      subject: draft.subject,
      autoReply: false,
      bounce: false,
      uid: null,
    };
    mailStore.addMessages(account.id, '', [message]);
  }

  /** Sends the note over SMTP, once; files a copy in Sent unless the provider does that itself. */
  async function deliver(obligationId: string, accountId: string): Promise<Draft> {
    const { draft, account, note } = prepare(obligationId, accountId);
    const messageId = draft.messageId ?? newMessageId(account.email);
    if (
      !draftStore.transition(obligationId, ['editing', 'failed'], 'sending', {
        messageId,
        error: null,
      })
    ) {
      const state = draftStore.getDraft(obligationId)?.state;
      throw new ServiceError(
        'conflict',
        state === 'sent' ? 'This note was sent already.' : 'This note is being sent.',
      );
    }
    const { raw } = await composeNote({ ...note, messageId });
    try {
      await withCredential(
        credentials,
        account,
        (credential) =>
          sendNote(
            smtpSettingsFor(account, credential),
            { raw, envelope: { from: account.email, to: noteEnvelope(note).to } },
            timeouts,
          ),
        () => missing(account),
      );
    } catch (error) {
      const reason =
        error instanceof SmtpSendError
          ? error.step === 'timeout'
            ? 'The mail server stopped answering. The note may or may not have gone out: look in your Sent folder before sending again.'
            : error.message
          : error instanceof OAuthError || error instanceof ServiceError
            ? error.message
            : 'The note could not be sent. Your text is kept; try again.';
      draftStore.transition(obligationId, ['sending'], 'failed', { error: reason });
      deps.onChange?.();
      throw new ServiceError('unavailable', reason);
    }
    const sentAt = deps.now();
    draftStore.transition(obligationId, ['sending'], 'sent', { sentAt, error: null });
    recordSent(account, draft, note, messageId, sentAt);
    draftStore.recordSentNote({
      messageId,
      obligationId,
      applicationId: draft.applicationId,
      personId: draft.personId,
      accountId,
      to: draft.to,
      subject: draft.subject,
      body: draft.body,
      sentAt,
    });
    deps.onChange?.();

    if (!account.providerFilesSent) {
      // The note went out; a missing Sent copy is not worth failing for. The next sync tells.
      await withImap(account, async (mailbox) => {
        const folders = await mailbox.discoverFolders(imapSettingsFor(account, '').folders);
        if (!folders.sent || (await mailbox.findByMessageId(folders.sent.path, messageId)) !== null)
          return;
        const { raw: copy } = await composeNote(
          { ...note, messageId, date: new Date(sentAt) },
          { keepBcc: true },
        );
        await mailbox.append(folders.sent.path, copy, ['\\Seen']);
      }).catch(() => undefined);
    }
    return draftStore.getDraft(obligationId) ?? draft;
  }

  function reconcileDrafts(): void {
    const open = draftStore
      .listDrafts()
      .filter((d) => d.state === 'sending' || d.state === 'failed');
    if (open.length === 0) return;
    // Only the notes in question are looked up: a large Sent folder is never read for this.
    const known = mailStore.sentMessageIds(open.flatMap((d) => (d.messageId ? [d.messageId] : [])));
    for (const d of open) {
      if (d.messageId && known.has(d.messageId)) {
        draftStore.transition(d.obligationId, ['sending', 'failed'], 'sent', {
          sentAt: d.sentAt ?? deps.now(),
          error: null,
        });
      } else if (d.state === 'sending') {
        draftStore.transition(d.obligationId, ['sending'], 'failed', {
          error:
            'Followthrough closed while this note was being sent. Look in your Sent folder before sending it again.',
        });
      }
    }
  }

  return {
    /** Puts the note in the account's Drafts folder to finish in the user's own mail program. */
    async saveToDraftsFolder(obligationId: string, accountId: string): Promise<Draft> {
      const { draft, account, note } = prepare(obligationId, accountId);
      if (draft.state === 'sending' || draft.state === 'sent')
        throw new ServiceError('conflict', 'This note was sent already.');
      const { raw } = await composeNote(
        { ...note, messageId: newMessageId(account.email) },
        { keepBcc: true },
      );
      try {
        const copy = await withImap(account, async (mailbox) => {
          const folders = await mailbox.discoverFolders(imapSettingsFor(account, '').folders);
          if (!folders.drafts) {
            throw new ServiceError(
              'unavailable',
              'No Drafts folder was found. Choose one in the account settings.',
            );
          }
          const previous =
            draft.draftsCopy?.accountId === accountId
              ? { uid: draft.draftsCopy.uid, uidValidity: draft.draftsCopy.uidValidity }
              : null;
          return mailbox.replaceDraft(folders.drafts.path, raw, previous);
        });
        const saved: Draft = {
          ...draft,
          draftsCopy:
            copy.uid !== null && copy.uidValidity !== null
              ? { accountId, uid: copy.uid, uidValidity: copy.uidValidity }
              : null,
          updatedAt: deps.now(),
        };
        draftStore.saveDraft(saved);
        return saved;
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        throw new ServiceError(
          'unavailable',
          error instanceof ImapConnectError
            ? error.message
            : 'The Drafts folder could not be written. Try again.',
        );
      }
    },

    /**
     * Queues the note to go out after the undo window (at once when it is 0) and answers with
     * the draft as it is then. Refused when the guard fails or it is queued already.
     */
    async send(obligationId: string, accountId: string): Promise<Draft> {
      if (queue.has(obligationId))
        throw new ServiceError(
          'conflict',
          'This note is about to be sent. Undo it first to send it again.',
        );
      const { draft } = prepare(obligationId, accountId);
      const delay = Math.max(0, delayMs());
      if (delay === 0) return deliver(obligationId, accountId);
      if (draft.state === 'sending' || draft.state === 'sent')
        throw new ServiceError(
          'conflict',
          draft.state === 'sent' ? 'This note was sent already.' : 'This note is being sent.',
        );
      if (
        !draftStore.transition(obligationId, ['editing', 'failed'], 'editing', {
          error: NOT_GONE_OUT,
        })
      )
        throw new ServiceError('conflict', 'This note is being sent.');
      const timer = setTimeout(() => {
        queue.delete(obligationId);
        void deliver(obligationId, accountId).catch((error: unknown) => {
          // The guard or the account failed by send time: the draft says why; nothing went out.
          if (!(error instanceof ServiceError) || error.code === 'unavailable') return;
          draftStore.transition(obligationId, ['editing', 'failed'], 'editing', {
            error: `Not sent. ${error.message}`,
          });
          deps.onChange?.();
        });
      }, delay);
      queue.set(obligationId, {
        accountId,
        sendsAt: deps.now() + delay,
        firesAt: Date.now() + delay,
        timer,
      });
      deps.onChange?.();
      return draftStore.getDraft(obligationId) ?? draft;
    },

    /** When a queued note goes out, or null when it is not queued. */
    queuedUntil(obligationId: string): number | null {
      return queue.get(obligationId)?.sendsAt ?? null;
    },

    /** How long until a queued note goes out, in ms, or null when it is not queued. */
    waitLeft(obligationId: string): number | null {
      const queued = queue.get(obligationId);
      return queued ? Math.max(1, queued.firesAt - Date.now()) : null;
    },

    /** Takes a queued note back before it goes out: it stays a draft, as it was. */
    undo(obligationId: string): Draft {
      const queued = queue.get(obligationId);
      if (!queued) {
        const state = draftStore.getDraft(obligationId)?.state;
        throw new ServiceError(
          'conflict',
          state === 'sent' || state === 'sending'
            ? 'Too late to undo: the note went out.'
            : 'This note is not waiting to be sent.',
        );
      }
      clearTimeout(queued.timer);
      queue.delete(obligationId);
      draftStore.transition(obligationId, ['editing', 'failed'], 'editing', { error: null });
      deps.onChange?.();
      const draft = draftStore.getDraft(obligationId);
      if (!draft) throw new ServiceError('not-found', 'That draft no longer exists.');
      return draft;
    },

    /**
     * A send the app did not see finish (it was closed mid-send) is marked failed with advice,
     * unless the mailbox shows the note did go out: then it is sent.
     */
    reconcile: reconcileDrafts,

    /** Stops the undo timers (the app quits): queued notes stay drafts that say they did not go out. */
    dispose(): void {
      for (const q of queue.values()) clearTimeout(q.timer);
      queue.clear();
    },
  };
}
