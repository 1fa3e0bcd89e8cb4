/**
 * Stores what a folder sync fetched: parses each header block, then writes the messages, the
 * folder state that covers them and (for the inbox) the messages still to be looked into for
 * calendar invitations, in one transaction, on the thread that reads IMAP; a parsed message
 * lives no longer than its own write. A writer thread beside it made a large first sync faster
 * but cost a second V8 heap: 186–192 MiB at 50,000 messages against 120 (BENCHMARKS.md).
 */
import { parseFetched, type FetchedHeaders } from '../../mail/sync/folder-sync';
import type { MailStore } from '../../store/mail-store';
import type { InvitationStore } from '../../store/invitation-store';
import type { Store } from '../../store/store';
import type { FolderMessage, FolderState, MessageFolderRole } from '../../../shared/model';

/** The folder a batch belongs to. */
export interface FolderTarget {
  accountId: string;
  path: string;
  role: MessageFolderRole;
  /** Queue the new messages for the invitation check (inbox, when invitations are on). */
  queueInvitations: boolean;
  /**
   * A folder read for replies besides the inbox (its path): its messages get ids of their own,
   * so a copy of an inbox message there is a row of its own, removed with its folder, and never
   * overwrites the inbox's. Matching counts the two once, by Message-ID.
   */
  idScope?: string;
}

export interface WriterStores {
  store: Pick<Store, 'transaction'>;
  mailStore: Pick<MailStore, 'writeBatch'>;
  invitationStore: Pick<InvitationStore, 'queueChecks'>;
}

export function writeFetched(
  stores: WriterStores,
  target: FolderTarget,
  fetched: readonly FetchedHeaders[],
  state: FolderState,
  at: number,
): void {
  const { accountId, path, role } = target;
  const source = {
    accountId,
    role,
    uidValidity: state.uidValidity,
    ...(target.idScope !== undefined ? { idScope: target.idScope } : {}),
  };
  // Parsed one at a time as the store writes them: a batch of parsed messages never lives at
  // once, so the garbage stays young and the heap small (the first sync of a large folder
  // parses tens of thousands).
  const queued: Array<{ uid: number; messageId: string }> = [];
  function* parsed(): Generator<FolderMessage> {
    for (const f of fetched) {
      const message = parseFetched(f, source);
      if (target.queueInvitations) queued.push({ uid: message.uid, messageId: message.id });
      yield message;
    }
  }
  stores.store.transaction(() => {
    stores.mailStore.writeBatch(accountId, path, role, parsed(), state, at);
    if (queued.length > 0) {
      stores.invitationStore.queueChecks(
        queued.map(({ uid, messageId }) => ({
          accountId,
          folderPath: path,
          uidValidity: state.uidValidity,
          uid,
          messageId,
        })),
      );
    }
  });
}
