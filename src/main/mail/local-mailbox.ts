/**
 * Local mail to `KnownMessage`: an mbox file (Thunderbird, Google Takeout), a Maildir
 * (cur/ and new/) or a folder of .eml files. Only header blocks are read, except of delivery
 * reports (bounces), whose first `MAX_REPORT_MESSAGE_CHARS` are read for their report parts;
 * an mbox is streamed line by line so a large file is never held in memory. Ids depend only on the message
 * (Message-ID, or a hash of its headers), so reading the same mail again gives the same ids.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { normalizeAddresses } from '../domain/addresses';
import type { KnownMessage, MessageFolderRole } from '../../shared/model';
import { MAX_REPORT_MESSAGE_CHARS, parseReportMessage, summarizeReport } from './delivery-report';
import { parseHeaderBlock, parseMailDate, toKnownMessage } from './headers';

export interface LocalReadOptions {
  /** Names the source in ids, e.g. `local:takeout`. */
  sourceId: string;
  /** Role for every message; when absent, decided per message from `userAddresses`. */
  role?: MessageFolderRole;
  /** The user's own addresses: a message from one of them is 'sent', any other 'inbox'. */
  userAddresses?: string[];
}

export type LocalMailboxKind = 'mbox' | 'maildir' | 'eml-folder';

/** The file or folder is not a mailbox this reader understands; the message says why. */
export class LocalMailboxError extends Error {
  override readonly name = 'LocalMailboxError';
}

/** An mbox separator: "From <sender> <asctime date>", e.g. "From - Tue Nov  3 17:42:10 2026". */
const FROM_LINE =
  /^From \S+\s+[A-Z][a-z]{2},? +[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d{2}(?::\d{2})?(?: +[+-]\d{4})? +\d{4}/;

/** Largest header block read from one file; anything longer is not a sane message. */
const MAX_HEADER_BYTES = 1024 * 1024;

/** Reads any of the three kinds into a list. */
export async function readLocalMailbox(
  path: string,
  options: LocalReadOptions,
): Promise<KnownMessage[]> {
  const kind = await detectLocalMailbox(path);
  const messages: KnownMessage[] = [];
  const source =
    kind === 'mbox'
      ? readMbox(path, options)
      : kind === 'maildir'
        ? readMaildir(path, options)
        : readEmlFolder(path, options);
  for await (const message of source) messages.push(message);
  // Nothing at all is more likely a wrong path or a broken file than an empty mailbox, and
  // reading nothing would replace what an earlier read of the same path gave.
  if (messages.length === 0) {
    throw new LocalMailboxError(
      kind === 'mbox'
        ? 'the file holds no messages.'
        : kind === 'maildir'
          ? 'the Maildir holds no messages (cur/ and new/ are empty).'
          : 'the folder holds no .eml files.',
    );
  }
  return messages;
}

/** A file is an mbox; a directory with cur/ is a Maildir; any other directory holds .eml files. */
export async function detectLocalMailbox(path: string): Promise<LocalMailboxKind> {
  const info = await stat(path);
  if (info.isFile()) return 'mbox';
  const entries = await readdir(path);
  return entries.includes('cur') ? 'maildir' : 'eml-folder';
}

/** Streams an mbox (From_-line separated). */
export async function* readMbox(
  file: string,
  options: LocalReadOptions,
): AsyncGenerator<KnownMessage> {
  const roleOf = roleDecider(options);
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'latin1' }),
    crlfDelay: Infinity,
  });
  let previousBlank = true;
  let inHeaders = false;
  let header: string[] = [];
  let headerBytes = 0;
  let fromLineDate: number | null = null;
  // A bounce waits for its body (capped), which holds its report.
  let bounce: KnownMessage | null = null;
  let bounceBody: string[] = [];
  let bounceBytes = 0;
  let bounceHead = '';
  const finishBounce = (): KnownMessage | null => {
    if (bounce === null) return null;
    const done = withReport(bounce, `${bounceHead}${bounceBody.join('\r\n')}`);
    bounce = null;
    bounceBody = [];
    bounceBytes = 0;
    return done;
  };
  const finish = (): KnownMessage | null => {
    if (header.length === 0) return null;
    // latin1 kept the bytes; turn them back into a buffer so UTF-8 headers decode right.
    const block = Buffer.from(header.join('\r\n') + '\r\n\r\n', 'latin1');
    header = [];
    headerBytes = 0;
    return buildMessage(block, options, roleOf, fromLineDate ?? 0);
  };
  let lineNumber = 0;
  let started = false;
  for await (const line of lines) {
    lineNumber++;
    if (!started) {
      // An mbox starts with its first "From " line (blank lines and a byte order mark aside);
      // anything else is some other file, which would otherwise read as no messages at all.
      const text = lineNumber === 1 ? line.replace(/^\u00ef\u00bb\u00bf/, '') : line;
      if (text.trim() === '') continue;
      if (!text.startsWith('From ')) {
        throw new LocalMailboxError(
          `this is not an mbox file: it should start with a "From " line, but line ${lineNumber} ` +
            `reads "${printable(text.slice(0, 40))}".`,
        );
      }
      started = true;
      inHeaders = true;
      fromLineDate = parseAsctime(text);
      previousBlank = false;
      continue;
    }
    if (previousBlank && FROM_LINE.test(line)) {
      const held = finishBounce();
      if (held) yield held;
      const done = finish();
      if (done) yield done;
      inHeaders = true;
      fromLineDate = parseAsctime(line);
      previousBlank = false;
      continue;
    }
    if (inHeaders) {
      if (line === '') {
        inHeaders = false;
        const head = header.join('\r\n') + '\r\n\r\n';
        const done = finish();
        if (done?.bounce) {
          bounce = done;
          bounceHead = head;
        } else if (done) {
          yield done;
        }
      } else if (headerBytes < MAX_HEADER_BYTES) {
        header.push(line);
        headerBytes += line.length + 2;
      }
    } else if (bounce !== null && bounceBytes < MAX_REPORT_MESSAGE_CHARS) {
      bounceBody.push(line);
      bounceBytes += line.length + 2;
    }
    previousBlank = line === '';
  }
  const held = finishBounce();
  if (held) yield held;
  const last = finish();
  if (last) yield last;
}

/** Reads a Maildir's cur/ and new/ (not tmp/). */
export async function* readMaildir(
  dir: string,
  options: LocalReadOptions,
): AsyncGenerator<KnownMessage> {
  const roleOf = roleDecider(options);
  for (const sub of ['cur', 'new']) {
    const names = await readdir(join(dir, sub)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      if (name.startsWith('.')) continue;
      const message = await readMessageFile(join(dir, sub, name), options, roleOf);
      if (message) yield message;
    }
  }
}

/** Reads every `.eml` file in a directory (not recursive). */
export async function* readEmlFolder(
  dir: string,
  options: LocalReadOptions,
): AsyncGenerator<KnownMessage> {
  const roleOf = roleDecider(options);
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.eml')).sort();
  for (const name of names) {
    const message = await readMessageFile(join(dir, name), options, roleOf);
    if (message) yield message;
  }
}

type RoleOf = (from: string[]) => MessageFolderRole;

function roleDecider(options: LocalReadOptions): RoleOf {
  if (options.role) {
    const role = options.role;
    return () => role;
  }
  if (!options.userAddresses || options.userAddresses.length === 0) {
    throw new Error('Give either a folder role or the user’s addresses to read local mail.');
  }
  // Every address of the user's (profile, aliases, accounts), spelt as the rules compare them.
  const mine = new Set(normalizeAddresses(options.userAddresses));
  return (from) => (from.some((a) => mine.has(a)) ? 'sent' : 'inbox');
}

async function readMessageFile(
  file: string,
  options: LocalReadOptions,
  roleOf: RoleOf,
): Promise<KnownMessage | null> {
  const handle = await open(file, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) return null;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, total);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      const soFar = Buffer.concat(chunks);
      const end = headerEnd(soFar);
      if (end >= 0) {
        const message = buildMessage(soFar.subarray(0, end), options, roleOf, info.mtimeMs);
        if (!message.bounce) return message;
        // A bounce's report is in its body: read on, up to the cap.
        const rest = Buffer.alloc(Math.max(0, MAX_REPORT_MESSAGE_CHARS - total));
        const more =
          rest.length === 0 ? 0 : (await handle.read(rest, 0, rest.length, total)).bytesRead;
        return withReport(
          message,
          Buffer.concat([soFar, rest.subarray(0, more)]).toString('latin1'),
        );
      }
      if (total >= MAX_HEADER_BYTES) break;
    }
    const whole = Buffer.concat(chunks);
    if (whole.length === 0) return null;
    const message = buildMessage(whole, options, roleOf, info.mtimeMs);
    return message.bounce ? withReport(message, whole.toString('latin1')) : message;
  } finally {
    await handle.close();
  }
}

function headerEnd(buffer: Buffer): number {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + 4;
  return lf >= 0 ? lf + 2 : -1;
}

function buildMessage(
  block: Buffer,
  options: LocalReadOptions,
  roleOf: RoleOf,
  fallbackDate: number,
): KnownMessage {
  const headers = parseHeaderBlock(block);
  // The role is part of the id, so it is decided before the message is built.
  const probe = toKnownMessage(headers, {
    idPrefix: '',
    folderRole: 'inbox',
    fallbackKey: '',
    fallbackDate,
  });
  const role = roleOf(probe.from.map((a) => a.address));
  const hash = createHash('sha256').update(block).digest('hex').slice(0, 32);
  return {
    ...probe,
    id: `${options.sourceId}:${role}:${probe.messageId ?? `sha256:${hash}`}`,
    folderRole: role,
  };
}

/** The bounce with what its report says (the whole message, as latin1 bytes). */
function withReport(message: KnownMessage, source: string): KnownMessage {
  return { ...message, deliveryReport: summarizeReport(parseReportMessage(source)) };
}

/** Text safe to show in a message: control characters as `?`. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, '?');
}

/** The date in an mbox From_ line: "From sender Tue Nov  3 17:42:10 2026". */
function parseAsctime(line: string): number | null {
  const m =
    /([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s+(?:[+-]\d{4}\s+)?(\d{4})/.exec(
      line,
    );
  if (!m) return null;
  return parseMailDate(`${m[2]} ${m[1]} ${m[4]} ${m[3]} +0000`);
}
