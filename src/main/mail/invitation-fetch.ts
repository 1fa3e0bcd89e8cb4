/**
 * Calendar invitations in inbox messages, fetched without reading whole messages.
 *
 * For the given UIDs only the Content-Type header is fetched first; a message that is neither
 * multipart nor a calendar cannot hold an invitation and nothing more of it is read. For the
 * others the BODYSTRUCTURE tells where the text/calendar parts (or application/ics and
 * `*.ics` attachments) are, and only those parts are downloaded, with their transfer
 * encoding removed and their charset decoded.
 */
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import libmime from 'libmime';
import { toSequenceSet } from './sync/folder-sync';

export interface InvitationPart {
  uid: number;
  /** The body part number, e.g. `1.3`. */
  part: string;
  fileName: string | null;
  /** The calendar text, decoded. */
  text: string;
}

export interface InvitationFetchResult {
  /** The folder's UIDVALIDITY when it was read; UIDs are only meaningful under it. */
  uidValidity: string;
  parts: InvitationPart[];
  /** UIDs whose top-level Content-Type could hold an invitation (and whose structure was read). */
  candidates: number[];
}

/** Largest calendar part downloaded; real invitations are a few kilobytes. */
export const MAX_INVITATION_BYTES = 1_000_000;

/** Finds and downloads the calendar parts of these messages; see the module comment. */
export async function fetchInvitationParts(
  client: ImapFlow,
  path: string,
  uids: number[],
): Promise<InvitationFetchResult> {
  if (client.mailbox && client.mailbox.path === path) await client.mailboxClose();
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
    if (uids.length === 0) return { uidValidity, parts: [], candidates: [] };

    const candidates: number[] = [];
    for await (const message of client.fetch(
      toSequenceSet(uids),
      { uid: true, headers: ['content-type'] },
      { uid: true },
    )) {
      if (couldHoldInvitation(message.headers)) candidates.push(message.uid);
    }
    candidates.sort((a, b) => a - b);
    if (candidates.length === 0) return { uidValidity, parts: [], candidates };

    const wanted: { uid: number; node: MessageStructureObject; part: string }[] = [];
    for await (const message of client.fetch(
      toSequenceSet(candidates),
      { uid: true, bodyStructure: true },
      { uid: true },
    )) {
      if (!message.bodyStructure) continue;
      for (const found of calendarParts(message.bodyStructure)) {
        wanted.push({ uid: message.uid, ...found });
      }
    }

    const parts: InvitationPart[] = [];
    for (const { uid, node, part } of wanted) {
      const download = await client.download(String(uid), part, {
        uid: true,
        maxBytes: MAX_INVITATION_BYTES,
        decodeText: false,
      });
      if (!download.content) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of download.content) chunks.push(chunk as Buffer);
      const charset = node.parameters?.['charset'] ?? download.meta.charset ?? 'utf-8';
      parts.push({
        uid,
        part,
        fileName: fileNameOf(node),
        text: decodeText(Buffer.concat(chunks), charset),
      });
    }
    return { uidValidity, parts, candidates };
  } finally {
    lock.release();
    // Leave the folder unselected, as the folder sync does, so its next STATUS is current.
    if (client.usable && client.mailbox && client.mailbox.path === path) {
      await client.mailboxClose().catch(() => undefined);
    }
  }
}

/** A top-level Content-Type that may carry a calendar: multipart/*, text/calendar, application/ics. */
export function couldHoldInvitation(headers: Buffer | undefined): boolean {
  if (!headers || headers.length === 0) return false;
  const text = headers.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const match = /^content-type:\s*([^;\s]+)/im.exec(text);
  // No Content-Type means text/plain (RFC 2045).
  const type = match?.[1]?.toLowerCase() ?? 'text/plain';
  return type.startsWith('multipart/') || type === 'text/calendar' || type === 'application/ics';
}

function fileNameOf(node: MessageStructureObject): string | null {
  const raw = node.dispositionParameters?.['filename'] ?? node.parameters?.['name'] ?? null;
  if (raw === null) return null;
  try {
    return libmime.decodeWords(raw);
  } catch {
    return raw;
  }
}

function isIcsName(name: string | null): boolean {
  return name !== null && /\.ics$/i.test(name.trim());
}

/**
 * The parts to download: every text/calendar part; when there is none, application/ics parts
 * and attachments named `*.ics`. (Outlook sends the same event both ways.)
 */
export function calendarParts(
  root: MessageStructureObject,
): { node: MessageStructureObject; part: string }[] {
  const calendars: { node: MessageStructureObject; part: string }[] = [];
  const files: { node: MessageStructureObject; part: string }[] = [];
  const visit = (node: MessageStructureObject, isRoot: boolean) => {
    if (node.childNodes && node.childNodes.length > 0) {
      for (const child of node.childNodes) visit(child, false);
      return;
    }
    const type = node.type.toLowerCase();
    // A single-part message's body is part 1.
    const part = node.part ?? (isRoot ? '1' : null);
    if (part === null) return;
    if ((node.size ?? 0) > MAX_INVITATION_BYTES) return;
    if (type === 'text/calendar') calendars.push({ node, part });
    else if (type === 'application/ics' || isIcsName(fileNameOf(node))) files.push({ node, part });
  };
  visit(root, true);
  return calendars.length > 0 ? calendars : files;
}

/** Bytes in a named charset to text; an unknown charset is read as UTF-8. */
export function decodeText(bytes: Buffer, charset: string): string {
  const label = charset.trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
