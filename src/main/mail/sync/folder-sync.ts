/**
 * Incremental, restartable header sync of one IMAP folder.
 *
 * Invariants the caller relies on:
 * - `sink.writeBatch(messages, state)` is the only way state advances, and the caller stores
 *   both in one transaction: after a crash or a dropped connection the next sync resumes at
 *   `state.lastUid` and neither loses nor repeats a message.
 * - The sink gets the header bytes as fetched and parses them (`parseFetched`), so parsing
 *   can happen on the thread that writes, beside this one reading the next batch.
 * - Only the last write of a sync carries the server's uidNext, message count and
 *   HIGHESTMODSEQ; earlier batches keep the old ones, so an interrupted sync never looks
 *   finished to the cheap "anything new?" check.
 * - Only header fields are fetched (SYNC_HEADER_FIELDS), never bodies or `source`, and at most
 *   HEADER_BUDGET_BYTES of them per message (a partial FETCH, see header-fetch.ts).
 * - A folder that takes longer than its deadline is cut off: the client is closed and the
 *   sync ends with a FolderDeadlineError; every batch written before that stays written.
 */
import type { ExpungeEvent, ImapFlow } from 'imapflow';
import type { FolderMessage, FolderState, MessageFolderRole } from '../../../shared/model';
import { fetchHeaderFields } from './header-fetch';
import { HEADER_BUDGET_BYTES, SYNC_HEADER_FIELDS, toKnownMessage } from '../headers';

/** A message read over IMAP: always with its UID in the folder (needed to apply expunges). */
export interface ImapFolderMessage extends FolderMessage {
  uid: number;
}

/** One message as the server sent it: its UID, arrival time and header block. */
export interface FetchedHeaders {
  uid: number;
  /** INTERNALDATE in epoch ms; 0 when the server gave none. */
  internalDate: number;
  headers: Uint8Array;
}

export interface FolderSink {
  /** Parse (`parseFetched`) and store the messages, and the state, in one transaction. */
  writeBatch(messages: FetchedHeaders[], state: FolderState): void | Promise<void>;
  /** UIDVALIDITY changed: forget every message of this folder (they come again). */
  reset(): void | Promise<void>;
  /** These UIDs are gone from the folder. */
  removeUids?(uids: number[]): void | Promise<void>;
  /** UIDs stored for this folder; lets expunges be found on servers without QRESYNC. */
  knownUids?(): number[] | Promise<number[]>;
}

export interface FolderSyncOptions {
  path: string;
  /** Only messages that arrived on or after this day (IMAP SEARCH SINCE); null for all. */
  since: Date | null;
  state: FolderState | null;
  /** UIDs per FETCH and per write. Default 500. */
  batchSize?: number;
  onProgress?: (folder: string, done: number, total: number) => void;
  /** Milliseconds the whole folder may take; the connection is closed after that. Default none. */
  deadline?: number;
}

/**
 * A folder sync ran past its deadline (a server sending, but too slowly to finish). `path` is
 * null when it was the folder list (LIST) that took too long.
 */
export class FolderDeadlineError extends Error {
  override readonly name = 'FolderDeadlineError';
  constructor(
    readonly path: string | null,
    readonly deadline: number,
  ) {
    super(
      `${path === null ? 'The folder list' : `The sync of "${path}"`} did not finish within ` +
        `${Math.round(deadline / 1000)} s`,
    );
  }
}

/**
 * Runs `work` on the client with a deadline: when it passes, the client is closed (which fails
 * the command waiting) and a FolderDeadlineError for `path` is thrown instead of that failure.
 */
export async function withDeadline<T>(
  client: ImapFlow,
  path: string | null,
  deadline: number | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (deadline === undefined || !Number.isFinite(deadline)) return work();
  let expired = false;
  // Closing the client fails whatever command is waiting; a batch being written finishes.
  const timer = setTimeout(() => {
    expired = true;
    client.close();
  }, deadline);
  try {
    return await work();
  } catch (error) {
    if (expired) throw new FolderDeadlineError(path, deadline);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export interface FolderSyncResult {
  /** False when the STATUS check showed nothing new and nothing else was done. */
  changed: boolean;
  /** UIDVALIDITY changed and the folder was read again from scratch. */
  reset: boolean;
  /** Messages written (UIDs expunged between SEARCH and FETCH are not counted). */
  added: number;
  removed: number;
  state: FolderState;
}

/** Syncs the headers of one folder into the sink; see the module comment for the guarantees. */
export async function syncFolder(
  client: ImapFlow,
  options: FolderSyncOptions,
  sink: FolderSink,
): Promise<FolderSyncResult> {
  return withDeadline(client, options.path, options.deadline, () =>
    syncFolderUnbounded(client, options, sink),
  );
}

async function syncFolderUnbounded(
  client: ImapFlow,
  options: FolderSyncOptions,
  sink: FolderSink,
): Promise<FolderSyncResult> {
  const { path } = options;
  const batchSize = Math.max(1, options.batchSize ?? 500);
  // STATUS on the selected mailbox answers from the session's stale view (seen with Dovecot):
  // the folder must not be selected for the cheap check to see new mail.
  if (client.mailbox && client.mailbox.path === path) await client.mailboxClose();
  const status = await client.status(path, {
    uidNext: true,
    uidValidity: true,
    messages: true,
  });
  if (!status || status.uidValidity === undefined || status.uidNext === undefined) {
    throw new Error(`STATUS of "${path}" gave no UIDVALIDITY/UIDNEXT`);
  }
  const previous = options.state;
  if (
    previous &&
    previous.uidValidity === String(status.uidValidity) &&
    isUnchanged(previous, status.uidNext, status.messages)
  ) {
    return { changed: false, reset: false, added: 0, removed: 0, state: previous };
  }

  const vanished: number[] = [];
  const onExpunge = (event: ExpungeEvent): void => {
    if (event.path === path && event.vanished && event.uid !== undefined) vanished.push(event.uid);
  };
  client.on('expunge', onExpunge);
  const useQresync =
    client.enabled.has('QRESYNC') && previous !== null && previous.highestModseq !== null;
  const lock = await client.getMailboxLock(path, {
    readOnly: true,
    ...(useQresync
      ? { changedSince: previous.highestModseq ?? undefined, uidValidity: previous.uidValidity }
      : {}),
  });
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`"${path}" could not be opened`);
    const uidValidity = String(mailbox.uidValidity);
    // The counts as of SELECT: later arrivals and expunges then show up as a change next time.
    const opened = {
      uidNext: mailbox.uidNext,
      exists: mailbox.exists,
      highestModseq: mailbox.highestModseq !== undefined ? String(mailbox.highestModseq) : null,
    };
    const reset = previous !== null && previous.uidValidity !== uidValidity;
    if (reset) await sink.reset();
    const base: FolderState | null = reset ? null : previous;
    const lastUid = base?.lastUid ?? 0;

    // New UIDs, then the ones inside the date window.
    const newUids =
      opened.exists === 0 ? [] : await searchUids(client, { uid: `${lastUid + 1}:*` }, lastUid);
    const wanted =
      options.since && newUids.length > 0
        ? await searchUids(client, { uid: `${lastUid + 1}:*`, since: options.since }, lastUid)
        : newUids;

    let removed = 0;
    if (base !== null) {
      const gone = await findRemoved(client, sink, base, opened.exists, newUids.length, {
        qresyncUsed: useQresync && (mailbox as { qresync?: boolean }).qresync === true,
        vanished,
      });
      if (gone.length > 0 && sink.removeUids) {
        await sink.removeUids(gone);
        removed = gone.length;
      }
    }

    const keep = {
      highestModseq: base?.highestModseq ?? null,
      uidNext: base?.uidNext ?? 0,
      messages: base?.messages ?? 0,
    };
    // Everything below UIDNEXT-at-SELECT and every UID the search found has been looked at.
    const final: FolderState = {
      uidValidity,
      lastUid: Math.max(lastUid, opened.uidNext - 1, newUids[newUids.length - 1] ?? 0),
      highestModseq: opened.highestModseq,
      uidNext: opened.uidNext,
      messages: opened.exists,
    };
    let done = 0;
    let added = 0;
    options.onProgress?.(path, 0, wanted.length);
    // Collect each whole FETCH before doing anything else on the connection. Only the header
    // bytes of each message are kept, so imapflow's objects die young instead of piling up
    // per batch (that halves the sync's peak memory).
    const fetchChunk = async (chunk: number[]): Promise<FetchedHeaders[]> => {
      const chunkSet = new Set(chunk);
      const answered = await fetchHeaderFields(
        client,
        toSequenceSet(chunk),
        SYNC_HEADER_FIELDS,
        HEADER_BUDGET_BYTES,
      );
      const fetched: FetchedHeaders[] = [];
      const seen = new Set<number>();
      for (const message of answered) {
        // A UID twice (a server sending a row again) is written once.
        if (chunkSet.has(message.uid) && message.uid > lastUid && !seen.has(message.uid)) {
          seen.add(message.uid);
          fetched.push(message);
        }
      }
      return fetched.sort((a, b) => a.uid - b.uid);
    };
    const chunks: number[][] = [];
    for (let start = 0; start < wanted.length; start += batchSize) {
      chunks.push(wanted.slice(start, start + batchSize));
    }
    // The next batch is asked for before this one is parsed and written, so the server reads
    // and sends it meanwhile (one FETCH in flight at a time, and no other command during it).
    // A FETCH that fails while the previous batch is still being written is seen when it is
    // awaited; until then it must not count as unhandled.
    const ahead = (chunk: number[] | undefined): Promise<FetchedHeaders[]> | null => {
      if (!chunk) return null;
      const fetching = fetchChunk(chunk);
      fetching.catch(() => undefined);
      return fetching;
    };
    let next = ahead(chunks[0]);
    try {
      for (let k = 0; k < chunks.length; k++) {
        const chunk = chunks[k]!;
        const messages = await next!;
        next = ahead(chunks[k + 1]);
        done += chunk.length;
        added += messages.length;
        const isLast = k === chunks.length - 1;
        const chunkEnd = chunk[chunk.length - 1] ?? lastUid;
        await sink.writeBatch(
          messages,
          isLast ? final : { uidValidity, lastUid: chunkEnd, ...keep },
        );
        options.onProgress?.(path, done, wanted.length);
      }
    } finally {
      // A write that failed leaves the next FETCH running: let it end before the lock goes.
      if (next !== null) await next.catch(() => undefined);
    }
    if (wanted.length === 0) await sink.writeBatch([], final);
    return { changed: true, reset, added, removed, state: final };
  } finally {
    lock.release();
    client.off('expunge', onExpunge);
    // Leave the folder unselected, so the next sync's STATUS sees the server's current counts.
    if (client.usable && client.mailbox && client.mailbox.path === path) {
      await client.mailboxClose().catch(() => undefined);
    }
  }
}

/**
 * A new message moves UIDNEXT; an expunge lowers the count, and an expunge plus an arrival
 * moves UIDNEXT as well. So equal UIDNEXT and count mean nothing was added or removed.
 * (HIGHESTMODSEQ also moves on flag changes, which sync does not care about.)
 */
function isUnchanged(state: FolderState, uidNext: number, messages: number | undefined): boolean {
  return state.uidNext > 0 && state.uidNext === uidNext && state.messages === messages;
}

async function searchUids(
  client: ImapFlow,
  query: { uid: string; since?: Date },
  above: number,
): Promise<number[]> {
  const found = await client.search(query, { uid: true });
  if (!Array.isArray(found)) throw new Error('UID SEARCH failed');
  // "n:*" matches the highest existing UID even when it is below n.
  return found.filter((uid) => uid > above).sort((a, b) => a - b);
}

async function findRemoved(
  client: ImapFlow,
  sink: FolderSink,
  base: FolderState,
  exists: number,
  newCount: number,
  qresync: { qresyncUsed: boolean; vanished: number[] },
): Promise<number[]> {
  if (qresync.qresyncUsed) {
    return [...new Set(qresync.vanished.filter((uid) => uid <= base.lastUid))].sort(
      (a, b) => a - b,
    );
  }
  // The count adds up: nothing of what was there before has gone.
  if (base.uidNext > 0 && exists === base.messages + newCount) return [];
  if (!sink.knownUids) return [];
  const known = await sink.knownUids();
  if (known.length === 0) return [];
  const all = await client.search({ all: true }, { uid: true });
  if (!Array.isArray(all)) throw new Error('UID SEARCH ALL failed');
  const present = new Set(all);
  return known.filter((uid) => uid <= base.lastUid && !present.has(uid)).sort((a, b) => a - b);
}

/** Where fetched messages come from: gives each its id and role. */
export interface FetchedSource {
  accountId: string;
  role: MessageFolderRole;
  uidValidity: string;
  /** A folder read for replies besides the inbox: part of each id, so its copies stay apart. */
  idScope?: string;
}

/** The message a sink stores for fetched headers (the same id and fields on every thread). */
export function parseFetched(fetched: FetchedHeaders, source: FetchedSource): ImapFolderMessage {
  const known = toKnownMessage(fetched.headers, {
    // Inbox ids sort before a reply folder's (`…:inbox:` < `…:replies:`), so where a message is
    // in both, the inbox copy is the one matching keeps and the user's corrections name.
    idPrefix:
      source.idScope === undefined
        ? `${source.accountId}:${source.role}`
        : `${source.accountId}:replies:${source.idScope}`,
    folderRole: source.role,
    fallbackKey: `uid:${source.uidValidity}:${fetched.uid}`,
    fallbackDate: fetched.internalDate,
  });
  // Field by field rather than a spread: V8 keeps spread copies of this many fields in its
  // slow dictionary form, and every later reader (the SQLite write first) pays for it.
  const message: ImapFolderMessage = {
    id: known.id,
    folderRole: known.folderRole,
    messageId: known.messageId,
    inReplyTo: known.inReplyTo,
    references: known.references,
    date: known.date,
    from: known.from,
    to: known.to,
    cc: known.cc,
    bcc: known.bcc,
    subject: known.subject,
    autoReply: known.autoReply,
    bounce: known.bounce,
    uid: fetched.uid,
  };
  if (known.massMailing) message.massMailing = known.massMailing;
  return message;
}

/** Ascending UIDs as a compact IMAP sequence set: 1,2,3,7,9,10 → "1:3,7,9:10". */
export function toSequenceSet(uids: number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] as number;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) {
      end++;
      i++;
    }
    parts.push(start === end ? String(start) : `${start}:${end}`);
    i++;
  }
  return parts.join(',');
}
