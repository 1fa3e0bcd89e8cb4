/**
 * The opening text of inbox replies, fetched without reading whole messages.
 *
 * For the given UIDs the BODYSTRUCTURE says where the first text part is (text/plain
 * preferred, text/html otherwise; attachments and forwarded messages skipped). Only the first
 * `MAX_REPLY_TEXT_BYTES` of that part cross the wire, as a partial fetch
 * (`BODY.PEEK[part]<0.8192>`), one FETCH per part number for all messages that share it. The
 * bytes are decoded by the pure `decodeTextPart` (transfer encoding, charset, HTML), the same
 * code local mailboxes use.
 */
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import libmime from 'libmime';
import { toSequenceSet } from './sync/folder-sync';
import {
  decodeTextPart,
  MAX_REPLY_TEXT_BYTES,
  pickTextPart,
  type MimeNode,
  type TextPartFormat,
  type TextPartResult,
} from './mime-text';

export interface ReplyText extends TextPartResult {
  uid: number;
}

/** The first bytes of a message's first text part, as they came, with how to decode them. */
export interface ReplyPart {
  uid: number;
  body: Buffer;
  format: TextPartFormat;
}

export interface ReplyTextFetchResult {
  /** The folder's UIDVALIDITY when it was read; UIDs are only meaningful under it. */
  uidValidity: string;
  /** One entry per UID that has a text part, in UID order. */
  texts: ReplyText[];
}

interface StructureNode extends MimeNode {
  children?: StructureNode[];
  /** The section to fetch: the part number, or `TEXT` for a single-part message. */
  section: string;
  format: TextPartFormat;
}

/** Finds, downloads and decodes the first text part of these messages; see the module comment. */
export async function fetchReplyTexts(
  client: ImapFlow,
  path: string,
  uids: number[],
): Promise<ReplyTextFetchResult> {
  const { uidValidity, parts } = await fetchReplyParts(client, path, uids);
  const texts = parts.map(({ uid, body, format }) => ({ uid, ...decodeTextPart(body, format) }));
  return { uidValidity, texts };
}

/**
 * The same parts undecoded, for a caller that decodes them elsewhere (the sync hands them to
 * the untrusted-parsing worker, so no stranger's HTML is read on the main thread).
 */
export async function fetchReplyParts(
  client: ImapFlow,
  path: string,
  uids: number[],
): Promise<{ uidValidity: string; parts: ReplyPart[] }> {
  if (client.mailbox && client.mailbox.path === path) await client.mailboxClose();
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
    if (uids.length === 0) return { uidValidity, parts: [] };

    // Collected before any download: no command may run inside a fetch loop.
    const wanted = new Map<string, { uid: number; format: TextPartFormat }[]>();
    for await (const message of client.fetch(
      toSequenceSet(uids),
      { uid: true, bodyStructure: true },
      { uid: true },
    )) {
      if (!message.bodyStructure) continue;
      const picked = pickTextPart(toStructureNode(message.bodyStructure, true));
      if (!picked) continue;
      const list = wanted.get(picked.section) ?? [];
      list.push({ uid: message.uid, format: picked.format });
      wanted.set(picked.section, list);
    }

    const parts: ReplyPart[] = [];
    for (const [section, messages] of wanted) {
      const formats = new Map(messages.map((m) => [m.uid, m.format]));
      // One more byte than the cap tells a part cut at the cap from one that just fits.
      const request = { key: section, start: 0, maxLength: MAX_REPLY_TEXT_BYTES + 1 };
      for await (const message of client.fetch(
        toSequenceSet([...formats.keys()]),
        { uid: true, bodyParts: [request] },
        { uid: true },
      )) {
        const format = formats.get(message.uid);
        const body = message.bodyParts ? firstValue(message.bodyParts) : undefined;
        if (!format || !body) continue;
        parts.push({ uid: message.uid, body, format });
      }
    }
    parts.sort((a, b) => a.uid - b.uid);
    return { uidValidity, parts };
  } finally {
    lock.release();
    // Leave the folder unselected, as the folder sync does, so its next STATUS is current.
    if (client.usable && client.mailbox && client.mailbox.path === path) {
      await client.mailboxClose().catch(() => undefined);
    }
  }
}

function firstValue(parts: Map<string, Buffer>): Buffer | undefined {
  for (const value of parts.values()) return value;
  return undefined;
}

/** BODYSTRUCTURE to the tree `pickTextPart` reads; message/rfc822 parts are leaves. */
export function toStructureNode(node: MessageStructureObject, isRoot: boolean): StructureNode {
  const type = node.type.toLowerCase();
  const rawName = node.dispositionParameters?.['filename'] ?? node.parameters?.['name'] ?? null;
  const isMultipart = type.startsWith('multipart/');
  return {
    type,
    disposition: node.disposition,
    fileName: rawName ? decodeName(rawName) : null,
    // A single-part message's body is TEXT; BODY[1] works on most servers, TEXT on all.
    section: node.part ?? (isRoot ? 'TEXT' : ''),
    format: {
      type,
      charset: node.parameters?.['charset'],
      encoding: node.encoding,
      format: node.parameters?.['format'],
      delsp: node.parameters?.['delsp'],
    },
    children:
      isMultipart && node.childNodes
        ? node.childNodes.map((child) => toStructureNode(child, false))
        : undefined,
  };
}

function decodeName(raw: string): string {
  try {
    return libmime.decodeWords(raw);
  } catch {
    return raw;
  }
}
