/**
 * Stores what a folder sync fetched: parses each header block, then writes the messages, the
 * folder state that covers them and (for the inbox) the messages still to be looked into for
 * calendar invitations, in one transaction. The same function runs on the main thread
 * (`directWriter`) or on the sync's writer thread (`sync-writer.ts`).
 */
import { parseFetched, type FetchedHeaders } from '../../mail/sync/folder-sync';
import type { MailStore } from '../../store/mail-store';
import type { InvitationStore } from '../../store/invitation-store';
import type { Store } from '../../store/store';
import type { FolderState, MessageFolderRole } from '../../../shared/model';

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

/** Where a sync's batches go; `close` once the sync is over. */
export interface SyncWriter {
  /** A folder's batches are coming, `total` messages in all: get ready while the first is fetched. */
  prepare(total: number): void;
  write(
    target: FolderTarget,
    fetched: FetchedHeaders[],
    state: FolderState,
    at: number,
  ): Promise<void>;
  close(): Promise<void>;
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
  const messages = fetched.map((f) => parseFetched(f, source));
  stores.store.transaction(() => {
    stores.mailStore.writeBatch(accountId, path, role, messages, state, at);
    if (target.queueInvitations) {
      stores.invitationStore.queueChecks(
        messages.map((m) => ({
          accountId,
          folderPath: path,
          uidValidity: state.uidValidity,
          uid: m.uid,
          messageId: m.id,
        })),
      );
    }
  });
}

/** Writes on the caller's thread and connection (in-memory databases, small tools). */
export function directWriter(stores: WriterStores): SyncWriter {
  return {
    prepare: () => undefined,
    write: (target, fetched, state, at) => {
      writeFetched(stores, target, fetched, state, at);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}
