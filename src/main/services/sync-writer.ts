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
import type { FetchedHeaders } from '../mail/folder-sync';
import type { FolderState } from '../store/mail-store';
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

export type WriterReply = { id: number; error: string | null };

export interface ThreadWriterOptions {
  /** The built `sync-writer-thread` script (out/main/sync-writer.js in the app). */
  script: string;
  /** The database file; the thread opens its own connection. */
  file: string;
  nativeBinding?: string;
}

export function pack(fetched: readonly FetchedHeaders[]): PackedBatch {
  let total = 0;
  for (const f of fetched) total += f.headers.byteLength;
  const batch: PackedBatch = {
    bytes: new Uint8Array(total),
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
    prepare() {
      worker ??= start();
    },
    write(target, fetched, state, at) {
      const thread = (worker ??= start());
      const id = nextId++;
      const batch = pack(fetched);
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
