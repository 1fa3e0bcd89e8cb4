/**
 * What replies say. After a sync, the replies the rules know to be from a tracked person or
 * company (sure matches) and that have no reading yet are read: only the opening of their
 * first text part crosses the wire (mail/reply-text.ts), the untrusted-parsing worker decodes
 * and classifies it (domain/reply-classifier.ts), and only the class, the deciding sentence
 * and the confidence are kept (`reply_readings`), never the text. A reply that cannot be read
 * is kept as "other" with no confidence, so it is asked about on the review list and not
 * fetched again. The user can turn reading off (Settings): then replies count by headers only.
 */
import type { ReplyReading } from '../../shared/model';
import type { Mailbox } from '../mail/mailbox-port';
import type { MailStore } from '../store/mail-store';
import type { Store } from '../store/store';
import type { UntrustedParser } from './untrusted-parser';

export interface ReplyReadingDeps {
  store: Pick<Store, 'getSettings'>;
  mailStore: MailStore;
  parser: UntrustedParser;
  /** Message ids of replies surely from someone of an application (the workspace's matches). */
  repliesToRead: () => string[];
  now: () => number;
  onChange?: () => void;
  /** Replies read per folder and sync at most; the rest wait for the next one. */
  maxPerSync?: number;
}

export interface InboxReplies {
  /** Reads the unread replies in this folder of the account; gives how many were read. */
  process(mailbox: Mailbox, accountId: string, folderPath: string): Promise<number>;
}

const MAX_PER_SYNC = 100;

export function createReplyReadingService(deps: ReplyReadingDeps): InboxReplies {
  const { mailStore } = deps;
  return {
    async process(mailbox, accountId, folderPath) {
      if (!deps.store.getSettings().readReplies) return 0;
      const known = new Set(mailStore.listReplyReadings().map((r) => r.messageId));
      const wanted = deps.repliesToRead().filter((id) => !known.has(id));
      if (wanted.length === 0) return 0;
      const here = mailStore
        .locateMessages(wanted)
        .filter((m) => m.source === accountId && m.path === folderPath)
        .slice(0, deps.maxPerSync ?? MAX_PER_SYNC);
      if (here.length === 0) return 0;
      const { uidValidity, parts } = await mailbox.fetchReplyParts(
        folderPath,
        here.map((m) => m.uid),
      );
      // UIDs from before a UIDVALIDITY change name other messages now: the next sync reads
      // the folder again, and these with it.
      const state = mailStore.getFolderState(accountId, folderPath);
      if (state !== null && state.uidValidity !== uidValidity) return 0;
      const subjects = new Map<string, string>();
      for (const message of mailStore.messagesWithIds(here.map((m) => m.id))) {
        subjects.set(message.id, message.subject);
      }
      const partByUid = new Map(parts.map((p) => [p.uid, p]));
      const readings: ReplyReading[] = [];
      for (const { id, uid } of here) {
        const part = partByUid.get(uid);
        const subject = subjects.get(id) ?? '';
        const reading = part
          ? await deps.parser
              .run('reply', { part: { body: part.body, format: part.format }, subject })
              .catch(() => null)
          : null;
        readings.push({
          messageId: id,
          replyClass: reading?.replyClass ?? 'other',
          sentence: reading?.sentence ?? '',
          confidence: reading?.confidence ?? 0,
          source: 'classifier',
          at: deps.now(),
        });
      }
      for (const reading of readings) mailStore.saveReplyReading(reading);
      if (readings.length > 0) deps.onChange?.();
      return readings.length;
    },
  };
}
