/**
 * The sync's writer thread, seen from the thread that reads IMAP. Parsing header blocks and
 * writing them to SQLite costs about as much as imapflow's own reading of the responses; on
 * one thread the first sync of a large Sent folder took twice as long as the fetch alone. The
 * writer thread (`sync-writer-thread.ts`, its own database connection) parses and writes
 * batch n while this thread reads batch n + 1. A batch crosses as four transferred buffers,
 * never as objects: structured cloning a header Buffer would copy the whole pool it views.
 *
 * The guarantees of a direct write hold: each batch is one transaction there, `write` settles
 * only after that transaction committed or failed, and the next batch waits for it.
 */
import { Worker } from 'node:worker_threads';
import type { FetchedHeaders } from '../../mail/sync/folder-sync';
import type { FolderState } from '../../../shared/model';
import type { FolderTarget, SyncWriter } from './folder-writer';

export interface WriterThreadData {
  file: string;
  nativeBinding: string | null;
}

/** A batch as the thread gets it: header blocks end to end, and per message its end, UID, date. */
export interface PackedBatch {
  bytes: Uint8Array;
  ends: Uint32Array;
  uids: Uint32Array;
  dates: Float64Array;
}

export type WriterRequest =
  | {
      kind: 'write';
      id: number;
      target: FolderTarget;
      batch: PackedBatch;
      state: FolderState;
      at: number;
    }
  | { kind: 'close' };

/** The answer to a write, with the batch's byte buffer handed back for the next batch. */
export type WriterReply = { id: number; error: string | null; bytes: ArrayBuffer };

export interface ThreadWriterOptions {
  /** The built `sync-writer-thread` script (out/main/sync-writer.js in the app). */
  script: string;
  /** The database file; the thread opens its own connection. */
  file: string;
  nativeBinding?: string;
}

/** `spare`: a buffer an earlier batch came back in, used again when it is large enough. */
export function pack(fetched: readonly FetchedHeaders[], spare?: ArrayBuffer): PackedBatch {
  let total = 0;
  for (const f of fetched) total += f.headers.byteLength;
  const batch: PackedBatch = {
    bytes:
      spare && spare.byteLength >= total ? new Uint8Array(spare, 0, total) : new Uint8Array(total),
    ends: new Uint32Array(fetched.length),
    uids: new Uint32Array(fetched.length),
    dates: new Float64Array(fetched.length),
  };
  let offset = 0;
  fetched.forEach((f, k) => {
    batch.bytes.set(f.headers, offset);
    offset += f.headers.byteLength;
    batch.ends[k] = offset;
    batch.uids[k] = f.uid;
    batch.dates[k] = f.internalDate;
  });
  return batch;
}

export function unpack(batch: PackedBatch): FetchedHeaders[] {
  const fetched: FetchedHeaders[] = [];
  let start = 0;
  for (let k = 0; k < batch.ends.length; k++) {
    const end = batch.ends[k]!;
    fetched.push({
      uid: batch.uids[k]!,
      internalDate: batch.dates[k]!,
      headers: batch.bytes.subarray(start, end),
    });
    start = end;
  }
  return fetched;
}

/** Starts the thread when asked to prepare or on the first write; `close` ends it once every write has settled. */
export function threadWriter(options: ThreadWriterOptions): SyncWriter {
  let worker: Worker | null = null;
  let stopped: Promise<void> = Promise.resolve();
  let nextId = 1;
  // Batch buffers go to the thread and come back: no new native memory per batch, which V8
  // would free only when it next collects garbage.
  let spare: ArrayBuffer | undefined;
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  const failAll = (error: Error): void => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    const data: WriterThreadData = {
      file: options.file,
      nativeBinding: options.nativeBinding ?? null,
    };
    // No loader flags of the parent (tsx in tests): the script is plain bundled JavaScript.
    const started = new Worker(options.script, { workerData: data, execArgv: [] });
    started.on('message', (reply: WriterReply) => {
      if (!spare || reply.bytes.byteLength > spare.byteLength) spare = reply.bytes;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.error === null) waiting?.resolve();
      else waiting?.reject(new Error(reply.error));
    });
    started.on('error', (error) =>
      failAll(new Error(`The sync's database writer stopped: ${error.message}`)),
    );
    stopped = new Promise((resolve) =>
      started.once('exit', () => {
        worker = null;
        failAll(new Error("The sync's database writer stopped before it finished."));
        resolve();
      }),
    );
    return started;
  };

  return {
    prepare(total) {
      if (total > 0) worker ??= start();
    },
    write(target, fetched, state, at) {
      const thread = (worker ??= start());
      const id = nextId++;
      const batch = pack(fetched, spare);
      if (batch.bytes.buffer === spare) spare = undefined;
      const request: WriterRequest = { kind: 'write', id, target, batch, state, at };
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const buffers = [batch.bytes, batch.ends, batch.uids, batch.dates].map(
          (view) => view.buffer as ArrayBuffer,
        );
        thread.postMessage(request, buffers);
      });
    },
    async close() {
      if (worker === null) return;
      const close: WriterRequest = { kind: 'close' };
      worker.postMessage(close);
      await stopped;
    },
  };
}

/** See threadWhenLarge: below this many messages a thread costs more than it saves. */
export const THREAD_FROM_MESSAGES = 5_000;

/**
 * Starting the thread costs about as much as parsing and writing 3,000 messages here, so a
 * folder with fewer to read is written directly; the first sync of a large one goes to the
 * thread. The choice is made per folder, when its sync knows how many messages it will read.
 */
export function threadWhenLarge(
  direct: SyncWriter,
  thread: () => SyncWriter,
  fromMessages: number,
): SyncWriter {
  let current = direct;
  let started: SyncWriter | null = null;
  return {
    prepare(total) {
      current = total >= fromMessages ? (started ??= thread()) : direct;
      current.prepare(total);
    },
    write: (target, fetched, state, at) => current.write(target, fetched, state, at),
    async close() {
      await started?.close();
    },
  };
}
