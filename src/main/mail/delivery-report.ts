/**
 * Delivery status reports (bounces) to plain values: which message came back, for which
 * recipients, and why. Reads only what a report is made for: its message/delivery-status part
 * (RFC 3464), the returned headers (text/rfc822-headers, or the head of a message/rfc822
 * part) and, for reports with neither (qmail, old sendmail), the first text part.
 *
 * Pure and synchronous: text in, a plain value out, no I/O, so it can run wherever untrusted
 * mail is parsed. Every input is cut to `MAX_REPORT_PART_CHARS` first.
 */
import libmime from 'libmime';
import libqp from 'libqp';
import type { DeliveryReportFacts } from '../../shared/model';
import { messageIdTokens, parseHeaderBlock, type HeaderMap } from './headers';

/** Most of one report part that is read; real ones are a few kilobytes. */
export const MAX_REPORT_PART_CHARS = 48 * 1024;
/** Most of a whole message read when a report is parsed from its full source (local mail). */
export const MAX_REPORT_MESSAGE_CHARS = 512 * 1024;
/** A diagnostic is kept to this many characters. */
export const MAX_DIAGNOSTIC_CHARS = 300;

/** What was read of one report, each decoded to text; null where the report has no such part. */
export interface ReportParts {
  /** The message/delivery-status part. */
  deliveryStatus: string | null;
  /** text/rfc822-headers, or a returned message/rfc822 (its head is what counts). */
  returnedHeaders: string | null;
  /** The first text/plain part, read only when there is no delivery-status part. */
  text: string | null;
}

export type DeliveryAction =
  'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded' | 'unknown';

export interface RecipientOutcome {
  /** Final-Recipient (or Original-Recipient), lower-cased. */
  address: string;
  action: DeliveryAction;
  /** The enhanced status code, e.g. `5.1.1`. */
  status: string | null;
  /** Diagnostic-Code without its type, whitespace collapsed, at most `MAX_DIAGNOSTIC_CHARS`. */
  diagnostic: string | null;
}

export interface DeliveryReport {
  /** The Message-ID of the message that came back, when the report names it. */
  originalMessageId: string | null;
  recipients: RecipientOutcome[];
}

const ACTIONS = new Set<DeliveryAction>(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);
const STATUS = /\b([245]\.\d{1,3}\.\d{1,3})\b/;
const ADDRESS = /^[^\s<>@,;:"]+@[^\s<>@,;:"]+$/;

/** Reads a report from its parts; null when none of them says anything about a recipient. */
export function parseDeliveryReport(parts: ReportParts): DeliveryReport | null {
  const deliveryStatus = cap(parts.deliveryStatus);
  const returned = cap(parts.returnedHeaders);
  let originalMessageId = returned === null ? null : returnedMessageId(returned);

  if (deliveryStatus !== null) {
    const blocks = fieldBlocks(deliveryStatus);
    const perMessage = blocks[0];
    // Gmail names the original in the report itself.
    originalMessageId ??= firstId(perMessage?.get('x-original-message-id')?.[0]);
    const recipients: RecipientOutcome[] = [];
    for (const block of blocks) {
      const recipient = recipientOf(block);
      if (recipient !== null) recipients.push(recipient);
    }
    if (recipients.length > 0) return { originalMessageId, recipients };
  }

  const text = cap(parts.text);
  if (text !== null) {
    const plain = parsePlainReport(text);
    if (plain !== null) {
      return {
        originalMessageId: originalMessageId ?? plain.originalMessageId,
        recipients: plain.recipients,
      };
    }
  }
  return null;
}

/** Reads a report from a whole message (as a local mailbox holds it); null when it is none. */
export function parseReportMessage(raw: Uint8Array | string): DeliveryReport | null {
  const source =
    typeof raw === 'string'
      ? raw.slice(0, MAX_REPORT_MESSAGE_CHARS)
      : Buffer.from(raw.subarray(0, MAX_REPORT_MESSAGE_CHARS)).toString('latin1');
  return parseDeliveryReport(reportPartsOf(source));
}

/** What is kept of a report: the outcome and the first failed recipient's status and reason. */
export function summarizeReport(report: DeliveryReport | null): DeliveryReportFacts {
  if (report === null) {
    return {
      outcome: 'unreadable',
      originalMessageId: null,
      failedRecipients: [],
      status: null,
      diagnostic: null,
    };
  }
  const failed = report.recipients.filter((r) => r.action === 'failed');
  const first = failed[0] ?? report.recipients[0] ?? null;
  const outcome: DeliveryReportFacts['outcome'] =
    failed.length > 0
      ? 'failed'
      : report.recipients.some((r) => r.action === 'delayed')
        ? 'delayed'
        : 'other';
  return {
    outcome,
    originalMessageId: report.originalMessageId,
    failedRecipients: [...new Set(failed.map((r) => r.address))],
    status: first?.status ?? null,
    diagnostic: first?.diagnostic ?? null,
  };
}

function cap(text: string | null): string | null {
  if (text === null) return null;
  return text.length > MAX_REPORT_PART_CHARS ? text.slice(0, MAX_REPORT_PART_CHARS) : text;
}

/** The blocks of fields a delivery-status part is made of: per message, then per recipient. */
function fieldBlocks(text: string): HeaderMap[] {
  return text
    .split(/(?:\r?\n)[ \t]*(?:\r?\n)+/)
    .map((block) => block.replace(/^(?:[ \t]*\r?\n)+/, ''))
    .filter((block) => block.trim() !== '')
    .map((block) => parseHeaderBlock(block));
}

function recipientOf(block: HeaderMap): RecipientOutcome | null {
  const address =
    addressOf(block.get('final-recipient')?.[0]) ?? addressOf(block.get('original-recipient')?.[0]);
  if (address === null) return null;
  const actionWord =
    (block.get('action')?.[0] ?? '')
      .trim()
      .toLowerCase()
      .split(/[\s(;]/)[0] ?? '';
  const action: DeliveryAction = ACTIONS.has(actionWord as DeliveryAction)
    ? (actionWord as DeliveryAction)
    : 'unknown';
  const diagnostic = diagnosticOf(block.get('diagnostic-code')?.[0]);
  const status = STATUS.exec(block.get('status')?.[0] ?? '')?.[1] ?? statusIn(diagnostic);
  return { address, action, status, diagnostic };
}

/** `rfc822; Name@Host` (the type is optional in practice) to `name@host`. */
function addressOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const semicolon = value.indexOf(';');
  const raw = (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim().replace(/^<|>$/g, '');
  const address = raw.trim().toLowerCase();
  return ADDRESS.test(address) ? address : null;
}

function diagnosticOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const semicolon = value.indexOf(';');
  // "smtp; 550 …": the type before the semicolon says nothing to the user.
  const withoutType =
    semicolon >= 0 && semicolon < 20 && /^[\w-]+$/.test(value.slice(0, semicolon).trim())
      ? value.slice(semicolon + 1)
      : value;
  return clean(withoutType);
}

function clean(text: string): string | null {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return null;
  return collapsed.length > MAX_DIAGNOSTIC_CHARS
    ? `${collapsed.slice(0, MAX_DIAGNOSTIC_CHARS - 1)}…`
    : collapsed;
}

function statusIn(text: string | null): string | null {
  return text === null ? null : (STATUS.exec(text)?.[1] ?? null);
}

function firstId(value: string | undefined): string | null {
  if (value === undefined) return null;
  return messageIdTokens(value)[0] ?? null;
}

function returnedMessageId(text: string): string | null {
  return firstId(parseHeaderBlock(text.replace(/^(?:[ \t]*\r?\n)+/, '')).get('message-id')?.[0]);
}

/** Where a plain-text report starts its copy of the message that came back. */
const COPY_MARKER =
  /^[ \t]*-{2,}[ \t]*(?:Below this line is a copy of the message|This is a copy of the message|Original message follows|Undelivered message follows|Returned message follows|Original message)\b.*$/im;
const DELAY_WORDS =
  /warning only|will (?:be )?retr|still (?:being )?(?:retried|trying)|temporar(?:y|ily)|has not (?:yet )?been delivered|delayed/i;
const PERMANENT_WORDS =
  /permanent|given up|giving up|fatal|could not be delivered|wasn't able to deliver|was not able to deliver|failed/i;

/**
 * A report in prose: qmail's "<address>:" paragraphs, sendmail's and Exim's address lines,
 * then a copy of the message after a marker line.
 */
function parsePlainReport(text: string): DeliveryReport | null {
  const marker = COPY_MARKER.exec(text);
  const notice = marker === null ? text : text.slice(0, marker.index);
  const copy = marker === null ? null : text.slice(marker.index + marker[0].length);
  const originalMessageId = copy === null ? null : returnedMessageId(copy);
  const returnedFrom =
    copy === null ? [] : (parseHeaderBlock(copy.replace(/^\s+/, '')).get('from') ?? []);
  const own = new Set(
    returnedFrom.flatMap((v) =>
      (v.match(/[^\s<>"]+@[^\s<>"]+/g) ?? []).map((a) => a.toLowerCase()),
    ),
  );

  const lines = notice.split(/\r?\n/);
  const delayed = DELAY_WORDS.test(notice) && !PERMANENT_WORDS.test(notice);
  const action: DeliveryAction = delayed ? 'delayed' : 'failed';
  const recipients: RecipientOutcome[] = [];
  for (let i = 0; i < lines.length; i++) {
    // "<name@host>:" (qmail), "<name@host>" (sendmail) or "  name@host" alone on a line (Exim).
    const match =
      /^\s*<([^<>\s]+@[^<>\s]+)>:?\s*$/.exec(lines[i]!) ??
      /^\s{1,8}([^<>\s]+@[^<>\s]+)\s*$/.exec(lines[i]!);
    if (match === null) continue;
    const address = match[1]!.toLowerCase();
    if (!ADDRESS.test(address) || own.has(address)) continue;
    if (recipients.some((r) => r.address === address)) continue;
    const paragraph: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j]!.trim() !== ''; j++) paragraph.push(lines[j]!);
    const said = paragraph.find((line) => /\b[45]\d\d\b/.test(line)) ?? paragraph[0] ?? null;
    const diagnostic =
      said === null
        ? null
        : clean(said.replace(/^\s*(?:Remote host said:|\(reason:)\s*/i, '').replace(/\)\s*$/, ''));
    recipients.push({
      address,
      action,
      status: statusIn(paragraph.join(' ')),
      diagnostic,
    });
  }
  return recipients.length === 0 ? null : { originalMessageId, recipients };
}

interface MimeLeaf {
  type: string;
  headers: HeaderMap;
  /** The body as bytes in latin1 (undecoded). */
  body: string;
}

/** The report parts of a whole message: a small MIME walk, for local mail read in full. */
export function reportPartsOf(source: string): ReportParts {
  const leaves: MimeLeaf[] = [];
  collectLeaves(source, leaves, 0);
  const find = (...types: string[]): MimeLeaf | undefined =>
    leaves.find((leaf) => types.includes(leaf.type));
  const status = find('message/delivery-status', 'message/global-delivery-status');
  const returned = find(
    'text/rfc822-headers',
    'message/rfc822',
    'message/global',
    'message/global-headers',
  );
  const text = status === undefined ? find('text/plain') : undefined;
  return {
    deliveryStatus: status === undefined ? null : decodeLeaf(status),
    returnedHeaders: returned === undefined ? null : decodeLeaf(returned),
    text: text === undefined ? null : decodeLeaf(text),
  };
}

/** Deeper than this, a message is not a report but a trap. */
const MAX_MIME_DEPTH = 6;

function collectLeaves(source: string, leaves: MimeLeaf[], depth: number): void {
  const split = /\r?\n\r?\n/.exec(source);
  const head = split === null ? source : source.slice(0, split.index);
  const body = split === null ? '' : source.slice(split.index + split[0].length);
  const headers = parseHeaderBlock(head);
  const { type, boundary } = contentTypeOf(headers.get('content-type')?.[0]);
  if (type.startsWith('multipart/') && boundary !== null && depth < MAX_MIME_DEPTH) {
    for (const part of multipartBodies(body, boundary)) collectLeaves(part, leaves, depth + 1);
    return;
  }
  leaves.push({ type, headers, body });
}

function contentTypeOf(value: string | undefined): { type: string; boundary: string | null } {
  if (value === undefined) return { type: 'text/plain', boundary: null };
  const parsed = libmime.parseHeaderValue(value);
  const boundary = parsed.params['boundary'];
  return {
    type: String(parsed.value).trim().toLowerCase() || 'text/plain',
    boundary: typeof boundary === 'string' && boundary !== '' ? boundary : null,
  };
}

function multipartBodies(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const delimiter = `--${boundary}`;
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current !== null) parts.push(current.join('\r\n'));
      if (line.slice(delimiter.length).startsWith('--')) return parts;
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current !== null) parts.push(current.join('\r\n'));
  return parts;
}

function decodeLeaf(leaf: MimeLeaf): string {
  const encoding = (leaf.headers.get('content-transfer-encoding')?.[0] ?? '').trim().toLowerCase();
  let bytes: Buffer;
  if (encoding === 'base64')
    bytes = Buffer.from(leaf.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  else if (encoding === 'quoted-printable') bytes = libqp.decode(leaf.body);
  else bytes = Buffer.from(leaf.body, 'latin1');
  const charset = libmime.parseHeaderValue(leaf.headers.get('content-type')?.[0] ?? '').params[
    'charset'
  ];
  return decodeCharset(
    bytes.subarray(0, MAX_REPORT_PART_CHARS),
    typeof charset === 'string' ? charset : 'utf-8',
  );
}

/** Bytes in a named charset to text; an unknown charset is read as UTF-8. */
export function decodeCharset(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset.trim().toLowerCase() || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
