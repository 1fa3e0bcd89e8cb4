/** A FolderSink in memory that applies each batch and its state together, like one transaction. */
import {
  parseFetched,
  type FetchedHeaders,
  type ImapFolderMessage,
  type FolderSink,
} from '../../src/main/mail/sync/folder-sync';
import type { FolderState, MessageFolderRole } from '../../src/shared/model';

export class MemorySink implements FolderSink {
  readonly byUid = new Map<number, ImapFolderMessage>();
  state: FolderState | null = null;
  /** Every writeBatch call: how many messages and the state it carried. */
  readonly batches: { count: number; state: FolderState }[] = [];
  /** How often each UID was written, across all syncs since the last reset. */
  readonly writesPerUid = new Map<number, number>();
  resets = 0;
  removed: number[] = [];
  /** Called after a batch is applied; lets a test cut the connection at a known point. */
  afterBatch: ((batchIndex: number) => void) | null = null;

  constructor(
    private readonly source: { accountId: string; role: MessageFolderRole } = {
      accountId: 'acct-1',
      role: 'sent',
    },
  ) {}

  writeBatch(fetched: FetchedHeaders[], state: FolderState): void {
    const messages = fetched.map((f) =>
      parseFetched(f, { ...this.source, uidValidity: state.uidValidity }),
    );
    for (const message of messages) {
      this.byUid.set(message.uid, message);
      this.writesPerUid.set(message.uid, (this.writesPerUid.get(message.uid) ?? 0) + 1);
    }
    this.state = state;
    this.batches.push({ count: messages.length, state });
    this.afterBatch?.(this.batches.length - 1);
  }

  reset(): void {
    this.resets++;
    this.byUid.clear();
    this.writesPerUid.clear();
    this.state = null;
  }

  removeUids(uids: number[]): void {
    for (const uid of uids) this.byUid.delete(uid);
    this.removed.push(...uids);
  }

  knownUids(): number[] {
    return [...this.byUid.keys()];
  }

  uids(): number[] {
    return [...this.byUid.keys()].sort((a, b) => a - b);
  }

  messageIds(): string[] {
    return [...this.byUid.values()].map((m) => m.messageId ?? `none:${m.uid}`).sort();
  }
}
