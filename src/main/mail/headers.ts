/**
 * Message headers to `KnownMessage`: the one parser for IMAP fetches and local mailboxes, so
 * a message gets the same fields (and the same id) from either source. Pure: no I/O.
 */
import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';
import type { KnownMessage, MailAddress, MessageFolderRole } from '../../shared/model';

/** The header fields sync reads; nothing else of a message is ever fetched. */
export const SYNC_HEADER_FIELDS = [
  'message-id',
  'in-reply-to',
  'references',
  'date',
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'precedence',
  'content-type',
  // An empty envelope sender (`<>`) marks delivery reports that say little else about themselves.
  'return-path',
] as const;

export interface MessageSource {
  /** Prefix of every id from this source, e.g. `${accountId}:${folderRole}`. */
  idPrefix: string;
  folderRole: MessageFolderRole;
  /** Key used in the id when the message has no Message-ID; must be stable for the message. */
  fallbackKey: string;
  /** Epoch ms used when the Date header is missing or unreadable (the server's arrival time). */
  fallbackDate: number;
}

/** Header name (lower case) to its unfolded raw values, in order. */
export type HeaderMap = Map<string, string[]>;

/** Names libmime leaves out (`__proto__`, `constructor` and the like); kept the same here. */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
const LINE_BREAK = /\r?\n|\r/;
const FOLD = /(?:\r?\n|\r)[ \t]*/g;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * Splits a header block (bytes as received) into unfolded fields: what libmime's
 * decodeHeaders gives (with skipPrototypeKeys), in one pass without its per-line objects.
 * The header tests hold the two to the same results.
 */
export function parseHeaderBlock(block: Uint8Array | string): HeaderMap {
  const text = typeof block === 'string' ? block : decodeHeaderBytes(block);
  const end = text.search(/\r?\n\r?\n/);
  const head = end >= 0 ? text.slice(0, end) : text;
  const lines = head.split(LINE_BREAK);
  let i = 0;
  while (i < lines.length && lines[i] === '') i++;
  // An empty line ends the block; a line starting with a space or tab continues the last.
  const fields: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') break;
    const first = line.charCodeAt(0);
    if (fields.length > 0 && (first === 0x20 || first === 0x09)) {
      fields[fields.length - 1] += `\r\n${line}`;
    } else {
      fields.push(line);
    }
  }
  const map: HeaderMap = new Map();
  for (const field of fields) {
    const line = (
      field.includes('\n') || field.includes('\r') ? field.replace(FOLD, ' ') : field
    ).trim();
    // As /^\s*([^:]+):(.*)$/ reads it: a name before the first colon, and no line break after.
    const colon = line.indexOf(':');
    const rest = colon > 0 ? line.slice(colon + 1) : '';
    const valid = colon > 0 && !LINE_TERMINATOR.test(rest);
    const key = valid ? line.slice(0, colon).trim().toLowerCase() : '';
    const value = valid ? rest.trim() : '';
    if (PROTOTYPE_KEYS.has(key)) continue;
    const values = map.get(key);
    if (values === undefined) map.set(key, [value]);
    else values.push(value);
  }
  return map;
}

/** Builds the `KnownMessage` for one message from its header block. */
export function toKnownMessage(
  block: Uint8Array | string | HeaderMap,
  source: MessageSource,
): KnownMessage {
  const headers = block instanceof Map ? block : parseHeaderBlock(block);
  const first = (name: string): string | null => headers.get(name)?.[0] ?? null;
  const all = (name: string): string[] => headers.get(name) ?? [];

  const messageId = firstMessageId(first('message-id'));
  const from = all('from').flatMap(parseAddressList);
  const contentType = parseContentType(first('content-type'));
  const subject = collapseSpace(decodeWords(first('subject') ?? ''));
  const report = isIgnoredReport(headers, contentType, subject);
  return {
    id: `${source.idPrefix}:${messageId ?? source.fallbackKey}`,
    folderRole: source.folderRole,
    messageId,
    inReplyTo: firstMessageId(first('in-reply-to')),
    references: all('references').flatMap(messageIdTokens),
    date: parseMailDate(first('date')) ?? source.fallbackDate,
    from,
    to: all('to').flatMap(parseAddressList),
    cc: all('cc').flatMap(parseAddressList),
    bcc: all('bcc').flatMap(parseAddressList),
    subject,
    // Feedback (ARF) and DMARC reports are machine-made, neither bounces nor replies.
    autoReply: report || isAutoReply(headers, contentType, subject),
    bounce: !report && isBounce(headers, from, contentType, subject),
  };
}

/** Lower-cased, trimmed addresses with decoded display names; group syntax is flattened. */
export function parseAddressList(value: string): MailAddress[] {
  const result: MailAddress[] = [];
  for (const entry of simpleAddressList(value) ?? addressparser(value, { flatten: true })) {
    const address = entry.address.trim().toLowerCase();
    if (!address) continue;
    const name = collapseSpace(decodeWords(entry.name));
    result.push({ name: name === '' ? null : name, address });
  }
  return result;
}

// Quotes, comments, groups, escapes and domain literals make a list more than plain entries.
const SPECIALS = /["():;[\\\]]/;

/** Whitespace other than space and tab, and control characters: left to addressparser. */
function hasOddSpace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 : c >= 0x7f && c <= 0xa0) return true;
    if (
      c >= 0x1680 &&
      (c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200b) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff)
    ) {
      return true;
    }
  }
  return false;
}
const SIMPLE_ENTRY = /^(?:([^<>@,]*?)[ \t]*<([^\s<>@,]+@[^\s<>@,]+)>|([^\s<>@,]+@[^\s<>@,]+))$/;

/**
 * The entries of a plain address list, as addressparser gives them (name trimmed, address as
 * written), or null for anything else: most of what Sent holds is plain, and reading it
 * directly is several times faster. The header tests check both agree.
 */
function simpleAddressList(value: string): { name: string; address: string }[] | null {
  if (SPECIALS.test(value) || hasOddSpace(value)) return null;
  const entries: { name: string; address: string }[] = [];
  for (const part of value.split(',')) {
    const match = SIMPLE_ENTRY.exec(part.trim());
    if (match === null) return null;
    entries.push(
      match[2] === undefined
        ? { name: '', address: match[3]! }
        : { name: (match[1] ?? '').trim(), address: match[2] },
    );
  }
  return entries;
}

/** All `<…>` message ids in a header value (References, In-Reply-To). */
export function messageIdTokens(value: string): string[] {
  return value.match(/<[^<>\s]+>/g) ?? [];
}

function firstMessageId(value: string | null): string | null {
  if (value === null) return null;
  const token = messageIdTokens(value)[0];
  if (token) return token;
  // Some clients write the id without brackets; keep it in the bracketed form used elsewhere.
  const bare = value.trim();
  return /^[^\s<>()]+@[^\s<>()]+$/.test(bare) ? `<${bare}>` : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  edt: -4 * 60,
  est: -5 * 60,
  cdt: -5 * 60,
  cst: -6 * 60,
  mdt: -6 * 60,
  mst: -7 * 60,
  pdt: -7 * 60,
  pst: -8 * 60,
};

/**
 * RFC 5322 date (with the obsolete forms seen in practice: two-digit years, named zones,
 * missing seconds, comments) or ISO 8601, to epoch ms; null when it is not a date.
 */
export function parseMailDate(value: string | null): number | null {
  if (value === null) return null;
  const text = value
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const rfc =
    /^(?:[a-z]{3},?\s*)?(\d{1,2})[\s-]+([a-z]{3})[a-z]*[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{4}|[a-z]{1,3}))?$/i.exec(
      text,
    );
  if (rfc) {
    const [, day, monthName, yearText, hour, minute, second, zone] = rfc;
    const month = MONTHS.indexOf((monthName ?? '').toLowerCase());
    if (month < 0) return null;
    let year = Number(yearText);
    if ((yearText ?? '').length === 2) year += year < 50 ? 2000 : 1900;
    else if ((yearText ?? '').length === 3) year += 1900;
    const offset = zoneOffsetMinutes(zone);
    if (offset === null) return null;
    const d = Number(day);
    const h = Number(hour);
    const m = Number(minute);
    const s = Number(second ?? 0);
    if (d < 1 || d > 31 || h > 23 || m > 59 || s > 60) return null;
    const utc = Date.UTC(year, month, d, h, m, Math.min(s, 59)) - offset * 60_000;
    return plausible(utc);
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    const parsed = Date.parse(text.replace(' ', 'T'));
    return Number.isNaN(parsed) ? null : plausible(parsed);
  }
  return null;
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined) return 0;
  const numeric = /^([+-])(\d{2})(\d{2})$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const named = ZONES[zone.toLowerCase()];
  // RFC 5322 says unknown (military) zones are to be read as -0000.
  return named ?? (/^[a-z]$/i.test(zone) ? 0 : null);
}

function plausible(ms: number): number | null {
  const year = new Date(ms).getUTCFullYear();
  return year >= 1980 && year <= 9999 ? ms : null;
}

interface ContentType {
  type: string;
  params: Record<string, string>;
}

function parseContentType(value: string | null): ContentType | null {
  // Only multipart/report (bounces, read receipts, feedback) and zipped reports matter here.
  if (value === null || !/report|zip/i.test(value)) return null;
  const parsed = libmime.parseHeaderValue(value);
  const params: Record<string, string> = {};
  for (const [key, param] of Object.entries(parsed.params)) {
    params[key.toLowerCase()] = String(param).toLowerCase();
  }
  return { type: String(parsed.value).trim().toLowerCase(), params };
}

const AUTO_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk']);

/** Subjects of out-of-office replies that carry no header saying so (Outlook, many webmails). */
const AUTO_REPLY_SUBJECT =
  /^(?:automatic reply|auto[- ]?reply|auto[- ]?response|automatische antwort|réponse automatique)\s*:|^out of (?:the )?office(?:\s*[:\-–(]|$)/i;

function isAutoReply(
  headers: HeaderMap,
  contentType: ContentType | null,
  subject: string,
): boolean {
  const first = (name: string): string | undefined => headers.get(name)?.[0]?.trim().toLowerCase();
  const autoSubmitted = first('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted !== '' && !autoSubmitted.startsWith('no')) {
    return true;
  }
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return true;
  const precedence = first('precedence');
  if (precedence !== undefined && AUTO_PRECEDENCE.has(precedence)) return true;
  if (AUTO_REPLY_SUBJECT.test(subject)) return true;
  // A read receipt (message disposition notification) is machine-made as well.
  return (
    contentType?.type === 'multipart/report' &&
    contentType.params['report-type'] === 'disposition-notification'
  );
}

/**
 * A feedback report (ARF: a recipient marked a message as spam) or a DMARC aggregate report:
 * about mail in general, never a reply from anyone, nor a bounce even when sent by postmaster.
 */
function isIgnoredReport(
  headers: HeaderMap,
  contentType: ContentType | null,
  subject: string,
): boolean {
  if (
    contentType?.type === 'multipart/report' &&
    contentType.params['report-type'] === 'feedback-report'
  ) {
    return true;
  }
  // RFC 7489: "Report Domain: … Submitter: … Report-ID: …", the data zipped and named
  // "receiver!policy-domain!begin!end".
  if (/^report domain:.*\bsubmitter:/i.test(subject)) return true;
  const name = contentType?.params['name'] ?? '';
  return (
    /^application\/(?:x-)?(?:gzip|zip)$/.test(contentType?.type ?? '') &&
    /^[^!]+![^!]+!\d+!\d+\./.test(name) &&
    !headers.has('in-reply-to')
  );
}

/** Who delivery reports come from, with or without a domain. */
const REPORT_SENDER =
  /^(?:mailer-daemon|postmaster|mail-daemon|microsoftexchange[0-9a-f]{32})(?:@|$)/;
/** Display names of report senders, whatever their address. */
const REPORT_SENDER_NAME = /^mail delivery (?:system|subsystem|service)$/i;
/** Subjects of delivery failures, for reports with an empty sender. */
const FAILURE_SUBJECT =
  /^(?:undeliverable|undelivered mail|undeliverable mail|delivery (?:status notification|failure|has failed)|mail delivery failed|failure notice|returned mail|delivery notification|non-delivery|message not delivered|delayed mail)/i;

function isBounce(
  headers: HeaderMap,
  from: MailAddress[],
  contentType: ContentType | null,
  subject: string,
): boolean {
  if (
    contentType?.type === 'multipart/report' &&
    contentType.params['report-type'] === 'delivery-status'
  ) {
    return true;
  }
  if (from.some((a) => REPORT_SENDER.test(a.address))) return true;
  if (from.some((a) => a.name !== null && REPORT_SENDER_NAME.test(a.name))) return true;
  // No sender at all (`From: <>`, or none) or an empty envelope sender, with a failure subject.
  const returnPath = headers.get('return-path')?.[0]?.trim();
  const emptySender = from.length === 0 || returnPath === '<>';
  return emptySender && FAILURE_SUBJECT.test(subject);
}

// The same display names and subjects come back in message after message: decode each once.
const decodedWords = new Map<string, string>();
const DECODED_WORDS_LIMIT = 20_000;

function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  let decoded = decodedWords.get(value);
  if (decoded !== undefined) return decoded;
  try {
    decoded = libmime.decodeWords(value);
  } catch {
    decoded = value;
  }
  if (decodedWords.size >= DECODED_WORDS_LIMIT) decodedWords.clear();
  decodedWords.set(value, decoded);
  return decoded;
}

function collapseSpace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Raw 8-bit headers are UTF-8 (RFC 6532) or, from old clients, Latin-1. */
function decodeHeaderBytes(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}
