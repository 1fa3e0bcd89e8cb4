/**
 * The untrusted-parsing worker, seen from the services. Text a stranger wrote (calendar
 * invitations now) is parsed in a worker thread with a time budget per task and a memory
 * limit, so a file built to make a parser loop or grow cannot freeze the app or the command
 * line: the worker is terminated when a task overruns, the task fails with a plain reason,
 * and the next task starts a fresh worker. One worker serves task after task while it lives.
 *
 * Tasks run one at a time, so each one's clock measures that task alone; the clock starts
 * when the worker has loaded its parsers, not while it starts.
 */
import { Worker } from 'node:worker_threads';
import {
  runUntrustedTask,
  type UntrustedReply,
  type UntrustedRequest,
  type UntrustedTaskInput,
  type UntrustedTaskKind,
  type UntrustedTaskOutput,
} from './untrusted-tasks';

/**
 * Why a text could not be read: the parser refused it, it overran, or the parser broke; or
 * the worker could not start at all, which says nothing about the text (try again later).
 */
export type UnreadableReason = 'refused' | 'too-slow' | 'too-large' | 'fault' | 'unavailable';

/** Input that could not be read; `message` is one line for the user, without a prefix. */
export class UnreadableInputError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableInputError';
  }
}

/** What services depend on: run a parser of `untrusted-tasks.ts` on a stranger's text. */
export interface UntrustedParser {
  /** Resolves with the parser's value; rejects with UnreadableInputError, never hangs. */
  run<K extends UntrustedTaskKind>(
    kind: K,
    input: UntrustedTaskInput<K>,
  ): Promise<UntrustedTaskOutput<K>>;
  /** Stops the worker; a later `run` starts another. */
  close(): Promise<void>;
}

export interface WorkerParserOptions {
  /** The built `untrusted-parser-thread` script (out/main/untrusted-parser.js in the app). */
  script: string;
  /** Time one task may take, in ms. Default 2,000. */
  timeLimit?: number;
  /** Heap the worker may use, in MB. Default 192. */
  memoryLimit?: number;
}

export const DEFAULT_TIME_LIMIT = 2_000;
export const DEFAULT_MEMORY_LIMIT = 192;

const TOO_SLOW = 'it took too long to read, so reading it was stopped';
const TOO_LARGE = 'reading it needed too much memory, so reading it was stopped';

/** The worker-backed parser the app, the command line and the test bridge use. */
export function workerParser(options: WorkerParserOptions): UntrustedParser {
  const timeLimit = options.timeLimit ?? DEFAULT_TIME_LIMIT;
  const memoryLimit = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
  let worker: { thread: Worker; ready: Promise<void>; gone: Promise<void> } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;
  /** The task in flight: what to do with its reply, or with the worker's end. */
  let current: {
    id: number;
    thread: Worker;
    settle: (reply: UntrustedReply | UnreadableInputError) => void;
  } | null = null;

  const start = () => {
    const thread = new Worker(options.script, {
      // No loader flags of the parent (tsx in tests): the script is plain bundled JavaScript.
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: memoryLimit,
        maxYoungGenerationSizeMb: Math.max(8, Math.round(memoryLimit / 8)),
      },
    });
    let outOfMemory = false;
    const ready = new Promise<void>((resolve) => {
      thread.on('message', (message: UntrustedReply | { ready: true }) => {
        if ('ready' in message) {
          resolve();
          return;
        }
        if (current && message.id === current.id) current.settle(message);
      });
    });
    thread.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true;
    });
    const gone = new Promise<void>((resolve) =>
      thread.once('exit', () => {
        if (worker?.thread === thread) worker = null;
        if (current?.thread === thread)
          current.settle(
            outOfMemory
              ? new UnreadableInputError('too-large', TOO_LARGE)
              : new UnreadableInputError('fault', 'the reader stopped before it finished'),
          );
        resolve();
      }),
    );
    // An idle worker does not keep the command line (or a test) running.
    thread.unref();
    return { thread, ready, gone };
  };

  const runOne = async (request: UntrustedRequest): Promise<unknown> => {
    const live = (worker ??= start());
    live.thread.ref();
    try {
      // A worker that cannot even start (a missing script) fails the task, not the caller.
      await Promise.race([live.ready, live.gone]);
      const reply = await new Promise<UntrustedReply | UnreadableInputError>((resolve) => {
        const timer = setTimeout(() => {
          current = null;
          resolve(new UnreadableInputError('too-slow', TOO_SLOW));
          if (worker === live) worker = null;
          void live.thread.terminate();
        }, timeLimit);
        current = {
          id: request.id,
          thread: live.thread,
          settle: (result) => {
            clearTimeout(timer);
            current = null;
            resolve(result);
          },
        };
        if (worker !== live) {
          current.settle(
            new UnreadableInputError('unavailable', 'the reader could not be started'),
          );
        } else live.thread.postMessage(request);
      });
      return unwrap(reply);
    } finally {
      if (worker === live) live.thread.unref();
    }
  };

  return {
    run(kind, input) {
      const request = { id: nextId++, kind, input } as UntrustedRequest;
      const result = queue.then(() => runOne(request));
      queue = result.catch(() => undefined);
      return result as Promise<UntrustedTaskOutput<typeof kind>>;
    },
    async close() {
      await queue;
      const live = worker;
      if (!live) return;
      worker = null;
      // Held while it closes: an unreferenced worker would let the process end mid-close,
      // before the caller's own code after `close()` runs (the command line's exit code).
      live.thread.ref();
      live.thread.postMessage({ kind: 'close' });
      await live.gone;
    },
  };
}

/**
 * Runs the parsers on the calling thread, without a budget: only for tests and tools that
 * build no worker script and feed it their own files. The app, the command line and the test
 * bridge always use `workerParser`.
 */
export function inlineParser(): UntrustedParser {
  let nextId = 1;
  return {
    run(kind, input) {
      const request = { id: nextId++, kind, input } as UntrustedRequest;
      return Promise.resolve().then(
        () => unwrap(runUntrustedTask(request)) as UntrustedTaskOutput<typeof kind>,
      );
    },
    close: () => Promise.resolve(),
  };
}

function unwrap(reply: UntrustedReply | UnreadableInputError): unknown {
  if (reply instanceof UnreadableInputError) throw reply;
  if (reply.outcome === 'value') return reply.value;
  throw new UnreadableInputError(
    reply.outcome,
    reply.outcome === 'refused' ? reply.message : `the reader failed (${reply.message})`,
  );
}
