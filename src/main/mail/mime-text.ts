/**
 * The first text part of a message, as plain text: pure and synchronous, so it can run in the
 * untrusted-parsing worker. Used on parts fetched from IMAP (`reply-text.ts`) and on whole raw
 * messages from local mailboxes (mbox, Maildir, .eml).
 *
 * Only the first `MAX_REPLY_TEXT_BYTES` of the part's encoded body are ever decoded: the
 * opening of a reply is what says what it is, and a cap keeps a hostile message cheap.
 */
import { convert } from 'html-to-text';
import libmime from 'libmime';
import libqp from 'libqp';

/** Most encoded bytes of a text part read or downloaded. */
export const MAX_REPLY_TEXT_BYTES = 8 * 1024;

/** What is needed to decode a text part's body. */
export interface TextPartFormat {
  /** `text/plain` or `text/html`. */
  type: string;
  charset?: string | undefined;
  /** Content-Transfer-Encoding: base64, quoted-printable, 7bit, 8bit, binary. */
  encoding?: string | undefined;
  /** Content-Type's `format` parameter (`flowed`, RFC 3676). */
  format?: string | undefined;
  delsp?: string | undefined;
}

export interface TextPartResult {
  text: string;
  /** The part's type: `text/plain`, or `text/html` converted to text. */
  from: 'text/plain' | 'text/html';
  /** The part was longer than the cap and only its start was read. */
  truncated: boolean;
}

/** One node of a message's MIME tree, the shape shared by IMAP's BODYSTRUCTURE and our parser. */
export interface MimeNode {
  type: string;
  disposition?: string | undefined;
  fileName?: string | null | undefined;
  children?: MimeNode[] | undefined;
}

/**
 * The leaf to read in a tree: the first text/plain that is not an attachment, else the first
 * such text/html. Forwarded messages (message/rfc822) are not looked into: their text is
 * somebody else's.
 */
export function pickTextPart<T extends MimeNode>(root: T): T | null {
  let plain: T | null = null;
  let html: T | null = null;
  const visit = (node: T) => {
    if (plain) return;
    const type = node.type.toLowerCase();
    if (node.children && node.children.length > 0) {
      for (const child of node.children as T[]) visit(child);
      return;
    }
    if (node.disposition?.toLowerCase() === 'attachment') return;
    // A named text part is a file (a CV.txt), not the message.
    if (node.fileName) return;
    if (type === 'text/plain') plain = node;
    else if (type === 'text/html' && !html) html = node;
  };
  visit(root);
  return plain ?? html;
}

/** A text part's encoded body to plain text: transfer encoding, charset, flowed text, HTML. */
export function decodeTextPart(body: Buffer, format: TextPartFormat): TextPartResult {
  const truncated = body.length > MAX_REPLY_TEXT_BYTES;
  const bytes = truncated ? body.subarray(0, MAX_REPLY_TEXT_BYTES) : body;
  const encoding = (format.encoding ?? '7bit').trim().toLowerCase();
  let decoded: Buffer;
  if (encoding === 'base64') {
    // Node's decoder skips line breaks and drops an incomplete last quantum (a cut body).
    decoded = Buffer.from(bytes.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  } else if (encoding === 'quoted-printable') {
    // A cut body may end inside an escape ("=", "=4"): drop that tail rather than keep it raw.
    const text = bytes.toString('latin1').replace(/=[0-9A-Fa-f]?$/, '');
    decoded = libqp.decode(text);
  } else {
    decoded = bytes;
  }
  let text = decodeCharset(decoded, format.charset);
  // A cut inside a multi-byte character leaves a replacement character at the end.
  if (truncated) text = text.replace(/\uFFFD+$/, '');
  const isHtml = format.type.toLowerCase() === 'text/html';
  if (!isHtml && format.format?.toLowerCase() === 'flowed') {
    text = libmime.decodeFlowed(text, format.delsp?.toLowerCase() === 'yes');
  }
  return {
    text: isHtml ? htmlToPlainText(text) : text.replace(/\r\n?/g, '\n'),
    from: isHtml ? 'text/html' : 'text/plain',
    truncated,
  };
}

/**
 * Bytes in a named charset to text, through libmime's charset tables (iconv-lite, plus the
 * Japanese charsets). libmime exposes its synchronous decoder through encoded words only, so
 * the bytes go in as a base64 word; an unknown charset is read as UTF-8.
 */
export function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const name = charset?.trim() || 'utf-8';
  try {
    return libmime.decodeWord(name, 'B', bytes.toString('base64'));
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * HTML mail to text with html-to-text (htmlparser2 underneath, tolerant of the cut-off HTML a
 * capped download gives). Quoted mail that clients mark in their HTML (Gmail's
 * `gmail_quote`, Apple Mail's `blockquote type=cite`, Outlook's reply header block) is left
 * out here already; a blockquote without a mark becomes `>` lines for the cleaner to remove.
 */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    preserveNewlines: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'head', format: 'skip' },
      { selector: 'title', format: 'skip' },
      { selector: 'div.gmail_quote', format: 'skip' },
      { selector: 'blockquote.gmail_quote', format: 'skip' },
      { selector: 'blockquote[type=cite]', format: 'skip' },
      { selector: 'div#divRplyFwdMsg', format: 'skip' },
      { selector: 'div#appendonsend', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'block' },
      { selector: 'tr', format: 'block' },
      { selector: 'td', format: 'inline' },
      { selector: 'th', format: 'inline' },
    ],
  });
}

interface RawNode extends MimeNode {
  children?: RawNode[];
  headers: Map<string, string>;
  body: Buffer;
  format: TextPartFormat;
}

/** Deepest nesting of multiparts followed; real mail stays far below it. */
const MAX_DEPTH = 12;

/**
 * The first text part of a whole raw message (RFC 5322 bytes), capped like an IMAP download;
 * null when it has none.
 */
export function firstTextOfMessage(raw: Buffer): TextPartResult | null {
  const root = parseNode(raw, 0);
  const picked = pickTextPart(root);
  if (!picked) return null;
  return decodeTextPart(picked.body, picked.format);
}

function parseNode(raw: Buffer, depth: number): RawNode {
  const { headers, body } = splitHeaders(raw);
  const contentType = libmime.parseHeaderValue(headers.get('content-type') ?? 'text/plain');
  const type = (contentType.value || 'text/plain').toLowerCase();
  const params = contentType.params;
  const disposition = headers.has('content-disposition')
    ? libmime.parseHeaderValue(headers.get('content-disposition') ?? '')
    : null;
  const dispositionParams = (disposition?.params ?? {});
  const rawName = dispositionParams['filename'] ?? params['name'] ?? null;
  const node: RawNode = {
    type,
    disposition: disposition?.value,
    fileName: rawName ? safeDecodeWords(rawName) : null,
    headers,
    body,
    format: {
      type,
      charset: params['charset'],
      encoding: (headers.get('content-transfer-encoding') ?? '7bit').split(';')[0],
      format: params['format'],
      delsp: params['delsp'],
    },
  };
  const boundary = params['boundary'];
  if (type.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    node.children = splitMultipart(body, boundary).map((part) => parseNode(part, depth + 1));
  }
  return node;
}

function safeDecodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

/** Header block (unfolded, names lowercased, first occurrence kept) and body. */
function splitHeaders(raw: Buffer): { headers: Map<string, string>; body: Buffer } {
  let end = -1;
  let bodyStart = raw.length;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    // A line break followed by an empty line (LF LF or LF CR LF) ends the headers.
    if (raw[i + 1] === 0x0a) {
      end = i;
      bodyStart = i + 2;
      break;
    }
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) {
      end = i;
      bodyStart = i + 3;
      break;
    }
  }
  // A part that starts with an empty line has no headers at all.
  if (raw[0] === 0x0a || (raw[0] === 0x0d && raw[1] === 0x0a)) {
    return { headers: new Map(), body: raw.subarray(raw[0] === 0x0a ? 1 : 2) };
  }
  const headerText = raw.subarray(0, end === -1 ? raw.length : end).toString('latin1');
  const headers = new Map<string, string>();
  for (const line of headerText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body: end === -1 ? Buffer.alloc(0) : raw.subarray(bodyStart) };
}

/** The parts between `--boundary` lines, up to the closing `--boundary--`. */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let start = -1;
  let position = 0;
  while (position <= text.length) {
    const found = text.indexOf(delimiter, position);
    if (found === -1) break;
    const atLineStart = found === 0 || text[found - 1] === '\n';
    const lineEnd = text.indexOf('\n', found);
    const after = text.slice(found + delimiter.length, lineEnd === -1 ? text.length : lineEnd);
    if (!atLineStart || !/^(--)?[ \t\r]*$/.test(after)) {
      position = found + delimiter.length;
      continue;
    }
    if (start !== -1) {
      // The line break before the delimiter belongs to the delimiter.
      let partEnd = found - 1;
      if (partEnd > start && text[partEnd - 1] === '\r') partEnd -= 1;
      parts.push(body.subarray(start, Math.max(start, partEnd)));
    }
    if (after.startsWith('--')) return parts;
    start = lineEnd === -1 ? text.length : lineEnd + 1;
    position = start;
  }
  // No closing delimiter (a cut message): keep the last part as it is.
  if (start !== -1 && start < body.length) parts.push(body.subarray(start));
  return parts;
}
