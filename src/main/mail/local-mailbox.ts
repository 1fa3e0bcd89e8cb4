/**
 * Local mail to `KnownMessage`: an mbox file (Thunderbird, Google Takeout), a Maildir
 * (cur/ and new/) or a folder of .eml files. Only header blocks are read, except of delivery
 * reports (bounces), whose first `MAX_REPORT_MESSAGE_CHARS` are read for their report parts;
 * an mbox is streamed line by line, each line cut at HEADER_BUDGET_BYTES, so neither a large
 * file nor a huge line is ever held in memory. Ids depend only on the message (Message-ID, or
 * a hash of its headers), so reading the same mail again gives the same ids.
 *
 * In a folder, only regular files are opened (a named pipe would block the read forever, a
 * device never ends); they, dangling links and files that are not mail are skipped and counted.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { lstat, open, readdir, readlink, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { normalizeAddresses } from '../domain/addresses';
import type { KnownMessage, MessageFolderRole } from '../../shared/model';
import { MAX_REPORT_MESSAGE_CHARS, parseReportMessage, summarizeReport } from './delivery-report';
import {
  HEADER_BUDGET_BYTES,
  type HeaderMap,
  parseHeaderBlock,
  parseMailDate,
  toKnownMessage,
} from './headers';

export interface LocalReadOptions {
  /** Names the source in ids, e.g. `local:takeout`. */
  sourceId: string;
  /** Role for every message; when absent, decided per message from `userAddresses`. */
  role?: MessageFolderRole;
  /** The user's own addresses: a message from one of them is 'sent', any other 'inbox'. */
  userAddresses?: string[];
  /** Told of every file in a folder that was not read as a message, and why. */
  onSkip?: (file: string, reason: SkipReason) => void;
}

/** Why a file in a Maildir or .eml folder was not read. */
export type SkipReason = 'not-a-file' | 'dangling-link' | 'not-mail';

export interface LocalMailboxRead {
  messages: KnownMessage[];
  /** Files in the folder that were not messages (pipes, devices, broken links, other files). */
  skipped: number;
}

export type LocalMailboxKind = 'mbox' | 'maildir' | 'eml-folder';

/** The file or folder is not a mailbox this reader understands; the message says why. */
export class LocalMailboxError extends Error {
  override readonly name = 'LocalMailboxError';
}

/** An mbox separator: "From <sender> <asctime date>", e.g. "From - Tue Nov  3 17:42:10 2026". */
const FROM_LINE =
  /^From \S+\s+[A-Z][a-z]{2},? +[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d{2}(?::\d{2})?(?: +[+-]\d{4})? +\d{4}/;

/**
 * Largest header block read from one local message (local files keep every header, Received
 * lines and all, so this is wider than the IMAP fetch budget); anything longer is cut.
 */
const MAX_HEADER_BYTES = 4 * HEADER_BUDGET_BYTES;
/** Longest mbox line kept; the rest of a longer line is read past, never held. */
const MAX_LINE_CHARS = HEADER_BUDGET_BYTES;

/** Reads any of the three kinds into a list, with the count of files skipped. */
export async function readLocalMailbox(
  path: string,
  options: LocalReadOptions,
): Promise<LocalMailboxRead> {
  const kind = await detectLocalMailbox(path);
  const messages: KnownMessage[] = [];
  let skipped = 0;
  const counting: LocalReadOptions = {
    ...options,
    onSkip: (file, reason) => {
      skipped++;
      options.onSkip?.(file, reason);
    },
  };
  const source =
    kind === 'mbox'
      ? readMbox(path, counting)
      : kind === 'maildir'
        ? readMaildir(path, counting)
        : readEmlFolder(path, counting);
  for await (const message of source) messages.push(message);
  // Nothing at all is more likely a wrong path or a broken file than an empty mailbox, and
  // reading nothing would replace what an earlier read of the same path gave.
  if (messages.length === 0) {
    throw new LocalMailboxError(
      kind === 'mbox'
        ? 'the file holds no messages.'
        : kind === 'maildir'
          ? `the Maildir holds no messages (cur/ and new/ are empty${skippedWords(skipped)}).`
          : `the folder holds no .eml files${skipped > 0 ? ` that are mail${skippedWords(skipped)}` : ''}.`,
    );
  }
  return { messages, skipped };
}

function skippedWords(skipped: number): string {
  if (skipped === 0) return '';
  return `; ${skipped} file${skipped === 1 ? ' was' : 's were'} skipped as not mail`;
}

/**
 * A file is an mbox; a directory with cur/ is a Maildir; any other directory holds .eml files.
 * A link to nothing, and anything that is neither a file nor a folder, is refused in words.
 */
export async function detectLocalMailbox(path: string): Promise<LocalMailboxKind> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const dangling =
      (error as { code?: string }).code === 'ENOENT' ? await danglingLink(path) : null;
    if (dangling !== null) {
      throw new LocalMailboxError(
        `it is a link to ${dangling}, which does not exist (moved, renamed or on a drive that ` +
          'is not connected?). Choose the mailbox itself, or reconnect the drive.',
      );
    }
    throw error;
  }
  if (info.isFile()) return 'mbox';
  if (!info.isDirectory()) {
    throw new LocalMailboxError(
      'it is neither a file nor a folder (a named pipe, socket or device), so it was not opened.',
    );
  }
  const entries = await readdir(path);
  return entries.includes('cur') ? 'maildir' : 'eml-folder';
}

/** The target of a symbolic link at `path` whose target is missing; null for anything else. */
async function danglingLink(path: string): Promise<string | null> {
  try {
    const info = await lstat(path);
    if (!info.isSymbolicLink()) return null;
    return resolve(join(path, '..'), await readlink(path));
  } catch {
    return null;
  }
}

/** Streams an mbox (From_-line separated). */
export async function* readMbox(
  file: string,
  options: LocalReadOptions,
): AsyncGenerator<KnownMessage> {
  const roleOf = roleDecider(options);
  const lines = cappedLines(file, MAX_LINE_CHARS);
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

/**
 * The lines of a file (LF or CRLF), each cut at `maxChars`: the rest of a longer line is read
 * past in chunks and dropped, so memory stays bounded whatever the file holds. latin1 keeps
 * every byte as one character.
 */
async function* cappedLines(file: string, maxChars: number): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'latin1', highWaterMark: 64 * 1024 });
  let line = '';
  let cut = false;
  const done = (): string => (!cut && line.endsWith('\r') ? line.slice(0, -1) : line);
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      const end = newline < 0 ? chunk.length : newline;
      if (!cut) {
        const room = maxChars - line.length;
        if (end - start > room) {
          line += chunk.slice(start, start + room);
          cut = true;
        } else {
          line += chunk.slice(start, end);
        }
      }
      if (newline < 0) break;
      yield done();
      line = '';
      cut = false;
      start = newline + 1;
    }
  }
  if (line !== '') yield done();
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

/**
 * Whether a folder entry is a regular file (following a link), without opening it: a named
 * pipe would block the open until a writer comes. Anything else is reported as skipped.
 */
async function isRegularFile(file: string, options: LocalReadOptions): Promise<boolean> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    options.onSkip?.(file, 'dangling-link');
    return false;
  }
  if (info.isFile()) return true;
  if (!info.isDirectory()) options.onSkip?.(file, 'not-a-file');
  return false;
}

/** Reads every `.eml` file in a directory (not recursive). */
export async function* readEmlFolder(
  dir: string,
  options: LocalReadOptions,
): AsyncGenerator<KnownMessage> {
  const roleOf = roleDecider(options);
  const names = (await readdir(dir))
    .filter((n) => n.toLowerCase().endsWith('.eml') && !n.startsWith('.'))
    .sort();
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
    throw new LocalMailboxError(
      'your own email address is needed to tell the mail you sent from the mail you received ' +
        '(a folder role was not given either), and none is set. Enter it in Settings, under ' +
        '"Your signature", or add a mail account, then import again.',
    );
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
  if (!(await isRegularFile(file, options))) return null;
  // O_NONBLOCK: should the entry have been swapped for a pipe since, the open does not wait.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      options.onSkip?.(file, 'not-a-file');
      return null;
    }
    // File times carry fractions of a millisecond; dates are whole milliseconds.
    const fileTime = Math.trunc(info.mtimeMs);
    const chunks: Buffer[] = [];
    let total = 0;
    let block: Buffer | null = null;
    while (total < MAX_HEADER_BYTES) {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, total);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      const soFar = Buffer.concat(chunks);
      const end = headerEnd(soFar);
      if (end >= 0) {
        block = soFar.subarray(0, end);
        break;
      }
    }
    block ??= Buffer.concat(chunks).subarray(0, MAX_HEADER_BYTES);
    const headers = block.length > 0 ? parseHeaderBlock(block) : null;
    if (headers === null || !looksLikeMail(block, headers)) {
      options.onSkip?.(file, 'not-mail');
      return null;
    }
    const message = buildMessage(block, options, roleOf, fileTime, headers);
    if (!message.bounce) return message;
    // A bounce's report is in its body: read it from the start, up to the cap.
    const whole = Buffer.alloc(MAX_REPORT_MESSAGE_CHARS);
    const read = (await handle.read(whole, 0, whole.length, 0)).bytesRead;
    return withReport(message, whole.subarray(0, read).toString('latin1'));
  } finally {
    await handle.close();
  }
}

/** Fields of which a message has at least one; a file with none of them is not mail. */
const MAIL_FIELDS = ['from', 'date', 'message-id', 'subject', 'to', 'received', 'return-path'];

/**
 * Whether a header block is mail: text (no NUL byte), starting with a header field, and with
 * at least one field every message has. Random binary files and notes are not.
 */
function looksLikeMail(block: Buffer, headers: HeaderMap): boolean {
  if (block.includes(0)) return false;
  const firstLine = block
    .subarray(0, 1000)
    .toString('latin1')
    .replace(/^\s+/, '')
    .split(/\r?\n/)[0];
  if (firstLine === undefined || !/^[!-9;-~]+:/.test(firstLine)) return false;
  return MAIL_FIELDS.some((name) => headers.has(name));
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
  parsed?: HeaderMap,
): KnownMessage {
  const headers = parsed ?? parseHeaderBlock(block);
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
