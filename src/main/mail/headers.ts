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

/** Splits a header block (bytes as received) into unfolded fields. */
export function parseHeaderBlock(block: Buffer | string): HeaderMap {
  const text = typeof block === 'string' ? block : decodeHeaderBytes(block);
  const end = text.search(/\r?\n\r?\n/);
  const head = end >= 0 ? text.slice(0, end) : text;
  const decoded = libmime.decodeHeaders(head, { skipPrototypeKeys: true });
  const map: HeaderMap = new Map();
  for (const [key, values] of Object.entries(decoded)) {
    map.set(
      key.toLowerCase(),
      values.map((v) => String(v)),
    );
  }
  return map;
}

/** Builds the `KnownMessage` for one message from its header block. */
export function toKnownMessage(
  block: Buffer | string | HeaderMap,
  source: MessageSource,
): KnownMessage {
  const headers = block instanceof Map ? block : parseHeaderBlock(block);
  const first = (name: string): string | null => headers.get(name)?.[0] ?? null;
  const all = (name: string): string[] => headers.get(name) ?? [];

  const messageId = firstMessageId(first('message-id'));
  const from = all('from').flatMap(parseAddressList);
  const contentType = parseContentType(first('content-type'));
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
    subject: collapseSpace(decodeWords(first('subject') ?? '')),
    autoReply: isAutoReply(headers, contentType),
    bounce: isBounce(from, contentType),
  };
}

/** Lower-cased, trimmed addresses with decoded display names; group syntax is flattened. */
export function parseAddressList(value: string): MailAddress[] {
  const result: MailAddress[] = [];
  for (const entry of addressparser(value, { flatten: true })) {
    const address = entry.address.trim().toLowerCase();
    if (!address) continue;
    const name = collapseSpace(decodeWords(entry.name));
    result.push({ name: name === '' ? null : name, address });
  }
  return result;
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
  if (value === null) return null;
  const parsed = libmime.parseHeaderValue(value);
  const params: Record<string, string> = {};
  for (const [key, param] of Object.entries(parsed.params)) {
    params[key.toLowerCase()] = String(param).toLowerCase();
  }
  return { type: String(parsed.value).trim().toLowerCase(), params };
}

const AUTO_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk']);

function isAutoReply(headers: HeaderMap, contentType: ContentType | null): boolean {
  const first = (name: string): string | undefined => headers.get(name)?.[0]?.trim().toLowerCase();
  const autoSubmitted = first('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted !== '' && !autoSubmitted.startsWith('no')) {
    return true;
  }
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return true;
  const precedence = first('precedence');
  if (precedence !== undefined && AUTO_PRECEDENCE.has(precedence)) return true;
  // A read receipt (message disposition notification) is machine-made as well.
  return (
    contentType?.type === 'multipart/report' &&
    contentType.params['report-type'] === 'disposition-notification'
  );
}

function isBounce(from: MailAddress[], contentType: ContentType | null): boolean {
  if (
    contentType?.type === 'multipart/report' &&
    contentType.params['report-type'] === 'delivery-status'
  ) {
    return true;
  }
  return from.some((a) => /^(mailer-daemon|postmaster)@/.test(a.address));
}

function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

function collapseSpace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Raw 8-bit headers are UTF-8 (RFC 6532) or, from old clients, Latin-1. */
function decodeHeaderBytes(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}
