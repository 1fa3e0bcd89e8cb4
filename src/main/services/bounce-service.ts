/**
 * Bounces read from their own reports: after each folder sync, the delivery reports in the
 * inbox whose report was never read are fetched (their report parts only, see
 * mail/report-fetch.ts), read (mail/delivery-report.ts) and what they said is kept on the
 * message (migration 010), so the rules can tell which note bounced and why.
 */
import type { Mailbox } from '../mail/mailbox-port';
import type { UntrustedParser } from './untrusted-parser';
import type { MailStore } from '../store/mail-store';
import type { DeliveryReportFacts, KnownMessage } from '../../shared/model';

export interface BounceServiceDeps {
  mailStore: MailStore;
  /** Reports are read on the untrusted-parsing worker, never on this thread. */
  parser: UntrustedParser;
  now: () => number;
  /** Called when a report was read, so obligations can be recomputed. */
  onChange?: () => void;
  /** Reports read per sync at most; the rest wait for the next one. */
  maxPerSync?: number;
}

/** What the sync calls; see the module comment. */
export interface InboxBounces {
  /** Reads the unread reports of this inbox; gives how many said a message failed. */
  process(mailbox: Mailbox, accountId: string, folderPath: string): Promise<number>;
  /** Keeps the reports read with a local mailbox (its messages are read whole). */
  keepLocal(messages: readonly KnownMessage[]): void;
}

const MAX_PER_SYNC = 200;

const UNREADABLE_REPORT: DeliveryReportFacts = {
  outcome: 'unreadable',
  originalMessageId: null,
  failedRecipients: [],
  status: null,
  diagnostic: null,
};

export function createBounceService(deps: BounceServiceDeps): InboxBounces {
  const { mailStore } = deps;
  return {
    async process(mailbox, accountId, folderPath) {
      const unread = mailStore
        .unreadDeliveryReports(accountId, folderPath)
        .slice(0, deps.maxPerSync ?? MAX_PER_SYNC);
      if (unread.length === 0) return 0;
      const result = await mailbox.fetchReportParts(
        folderPath,
        unread.map((u) => u.uid),
      );
      // UIDs from before a UIDVALIDITY change name other messages now: the next sync reads
      // the folder again and these with it.
      const state = mailStore.getFolderState(accountId, folderPath);
      if (state !== null && state.uidValidity !== result.uidValidity) return 0;
      let failed = 0;
      let read = 0;
      for (const { id, uid } of unread) {
        const parts = result.reports.get(uid);
        // Gone from the folder since: the next sync forgets it.
        if (parts === undefined) continue;
        // A report that says nothing readable (or that the worker gave up on) is kept as
        // such, so it is not fetched again.
        const facts = await deps.parser
          .run('delivery-report', parts)
          .catch(() => UNREADABLE_REPORT);
        mailStore.saveDeliveryReport(id, facts, deps.now());
        read++;
        if (facts.outcome === 'failed') failed++;
      }
      if (read > 0) deps.onChange?.();
      return failed;
    },

    keepLocal(messages) {
      for (const message of messages) {
        if (message.deliveryReport !== undefined) {
          mailStore.saveDeliveryReport(message.id, message.deliveryReport, deps.now());
        }
      }
    },
  };
}
