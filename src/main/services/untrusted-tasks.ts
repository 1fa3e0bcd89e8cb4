/**
 * The parsers the untrusted-parsing worker runs: pure, synchronous functions over text a
 * stranger wrote. Adding a parser is one entry here; the worker (`untrusted-parser-thread.ts`)
 * dispatches on the key, and the host (`untrusted-parser.ts`) takes its types from it.
 *
 * `refusal` is the error class a parser throws for input it will not read; its message is
 * shown to the user. Any other error is a fault in the parser, reported as such.
 */
import { IcsError, parseIcs, type ParseIcsOptions } from '../calendar/ics';
import { classifyReply } from '../domain/reply-classifier';
import { parseDeliveryReport, summarizeReport, type ReportParts } from '../mail/delivery-report';
import { decodeTextPart, firstTextOfMessage, type TextPartFormat } from '../mail/mime-text';

/** A part nobody could read as what it claims to be; the message says why. */
export class UnreadablePartError extends Error {}

/** What a reply said, from its first text part (fetched) or its whole raw message (local). */
export interface ReplyToRead {
  part?: { body: Uint8Array; format: TextPartFormat };
  raw?: Uint8Array;
  subject: string;
}

function readReply(input: ReplyToRead) {
  // Buffers cross to the worker as plain Uint8Arrays: view them as Buffers again, no copy.
  const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const decoded = input.part
    ? decodeTextPart(view(input.part.body), input.part.format)
    : input.raw
      ? firstTextOfMessage(view(input.raw))
      : null;
  if (decoded === null || decoded.text.trim() === '') {
    throw new UnreadablePartError('the reply has no text to read');
  }
  return classifyReply(decoded.text, { subject: input.subject });
}

export const UNTRUSTED_TASKS = {
  ics: {
    run: (input: { text: string; options: ParseIcsOptions }) => parseIcs(input.text, input.options),
    refusal: IcsError,
  },
  'delivery-report': {
    run: (input: ReportParts) => summarizeReport(parseDeliveryReport(input)),
    refusal: UnreadablePartError,
  },
  reply: { run: readReply, refusal: UnreadablePartError },
} as const;

export type UntrustedTaskKind = keyof typeof UNTRUSTED_TASKS;
export type UntrustedTaskInput<K extends UntrustedTaskKind> = Parameters<
  (typeof UNTRUSTED_TASKS)[K]['run']
>[0];
export type UntrustedTaskOutput<K extends UntrustedTaskKind> = ReturnType<
  (typeof UNTRUSTED_TASKS)[K]['run']
>;

/** One task as it crosses to the worker. */
export type UntrustedRequest = {
  [K in UntrustedTaskKind]: { id: number; kind: K; input: UntrustedTaskInput<K> };
}[UntrustedTaskKind];

/** The worker's answer: a value, a refusal (the parser's own message) or a fault. */
export type UntrustedReply =
  | { id: number; outcome: 'value'; value: unknown }
  | { id: number; outcome: 'refused' | 'fault'; message: string };

/**
 * Runs one task here, on the calling thread, with the worker's reply shape. The worker uses
 * it; so does the inline parser of tests that build no worker script.
 */
export function runUntrustedTask(request: UntrustedRequest): UntrustedReply {
  const task = UNTRUSTED_TASKS[request.kind];
  // The request pairs each kind with its own input; TypeScript cannot follow that through
  // the index, so the run is called through one plain function type.
  const run = task.run as (input: UntrustedRequest['input']) => unknown;
  try {
    const value = run(request.input);
    return { id: request.id, outcome: 'value', value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      id: request.id,
      outcome: error instanceof task.refusal ? 'refused' : 'fault',
      message: message.split('\n')[0]!.slice(0, 300),
    };
  }
}
