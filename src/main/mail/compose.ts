/**
 * A note as an RFC 5322 message: plain text, UTF-8, quoted-printable, with the headers a mail
 * program expects (Date, Message-ID, MIME-Version, encoded words for non-ASCII names and
 * subjects). Builds bytes only: no network, nothing written anywhere.
 */
import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer';

export interface NoteAddress {
  /** Display name; empty or null for a bare address. */
  name: string | null;
  address: string;
}

export interface NoteToCompose {
  from: NoteAddress;
  to: NoteAddress[];
  cc?: NoteAddress[];
  bcc?: NoteAddress[];
  subject: string;
  text: string;
  /** `<id@domain>`; a new one is made from the sender's domain when missing. */
  messageId?: string;
  /** Message-ID of the message this note answers, `<id@domain>`. */
  inReplyTo?: string;
  /** Message-IDs of the thread, oldest first. */
  references?: string[];
  /** The Date header; now when missing. */
  date?: Date;
}

export interface ComposeOptions {
  /**
   * Keep the Bcc header in the message. Only for the user's own copy (Sent, Drafts): the copy
   * handed to SMTP must not carry it, or every recipient would see the Bcc list.
   */
  keepBcc?: boolean;
}

export interface ComposedNote {
  raw: Buffer;
  /** The Message-ID header of `raw`, with angle brackets. */
  messageId: string;
}

/** The SMTP envelope for a note: every To, Cc and Bcc recipient, each once. */
export interface NoteEnvelope {
  from: string;
  to: string[];
}

/** Builds the message bytes for a note (CRLF line ends, ready for SMTP or IMAP APPEND). */
export async function composeNote(
  note: NoteToCompose,
  options: ComposeOptions = {},
): Promise<ComposedNote> {
  const messageId = note.messageId ?? newMessageId(note.from.address);
  if (!/^<[^<>\s]+@[^<>\s]+>$/.test(messageId)) {
    throw new Error(`Not a Message-ID: ${messageId}`);
  }
  const composer = new MailComposer({
    from: toNodemailerAddress(note.from),
    to: note.to.map(toNodemailerAddress),
    ...(note.cc?.length ? { cc: note.cc.map(toNodemailerAddress) } : {}),
    ...(note.bcc?.length ? { bcc: note.bcc.map(toNodemailerAddress) } : {}),
    subject: note.subject,
    text: note.text,
    messageId,
    date: note.date ?? new Date(),
    ...(note.inReplyTo ? { inReplyTo: note.inReplyTo } : {}),
    ...(note.references?.length ? { references: note.references } : {}),
    // Quoted-printable keeps the text readable in the raw source and survives 7-bit relays.
    encoding: 'quoted-printable',
    textEncoding: 'Q',
    newline: 'win',
    // A note is typed text; nothing in it may make the composer read files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const node = composer.compile();
  // Must be set on the compiled node: the composer itself ignores it.
  node.keepBcc = options.keepBcc === true;
  const raw = await node.build();
  return { raw, messageId };
}

/** A new Message-ID, `<random@domain>` with the domain of the sender's address. */
export function newMessageId(fromAddress: string): string {
  const at = fromAddress.lastIndexOf('@');
  const domain =
    at >= 0
      ? domainToASCII(
          fromAddress
            .slice(at + 1)
            .trim()
            .toLowerCase(),
        )
      : '';
  const right = /^[a-z0-9.-]+$/.test(domain) ? domain : 'followthrough.invalid';
  return `<${randomBytes(16).toString('hex')}@${right}>`;
}

/** Envelope recipients for sending `note`: To, Cc and Bcc, deduplicated ignoring case. */
export function noteEnvelope(
  note: Pick<NoteToCompose, 'from' | 'to' | 'cc' | 'bcc'>,
): NoteEnvelope {
  const seen = new Set<string>();
  const to: string[] = [];
  for (const a of [...note.to, ...(note.cc ?? []), ...(note.bcc ?? [])]) {
    const address = a.address.trim();
    const key = address.toLowerCase();
    if (address === '' || seen.has(key)) continue;
    seen.add(key);
    to.push(address);
  }
  return { from: note.from.address.trim(), to };
}

/** The Message-ID header of a raw message (with angle brackets), or null. */
export function readMessageId(raw: Buffer): string | null {
  // Headers of a note fit easily; the body is never needed here.
  const text = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = end >= 0 ? text.slice(0, end) : text;
  return /^message-id:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>)/im.exec(head)?.[1] ?? null;
}

function toNodemailerAddress(a: NoteAddress): { name: string; address: string } {
  return { name: a.name?.trim() ?? '', address: a.address.trim() };
}
