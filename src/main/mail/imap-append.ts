/**
 * Putting the user's own copies on the server: a sent note into Sent (when the provider did
 * not file one itself), a draft into Drafts (replacing the previous version), and finding a
 * message by its Message-ID. Each function runs on a connected client; one at a time per
 * connection.
 */
import type { ImapFlow } from 'imapflow';
import { readMessageId } from './compose';

/** Where a stored copy is: its UID and the folder's UIDVALIDITY (as a decimal string). */
export interface StoredCopy {
  uid: number | null;
  uidValidity: string | null;
}

export interface ReplacedDraft extends StoredCopy {
  /** True when the previous draft was found and removed. */
  previousRemoved: boolean;
}

/**
 * APPENDs a message to a folder. UID and UIDVALIDITY come from the server's APPENDUID
 * (UIDPLUS); without it they are null unless the folder is the selected one.
 */
export async function appendMessage(
  client: ImapFlow,
  path: string,
  raw: Buffer,
  flags: string[],
): Promise<StoredCopy> {
  const result = await client.append(path, raw, flags);
  if (result === false) {
    throw new Error(`The server did not store the message in "${path}".`);
  }
  const uid = result.uid ?? null;
  let uidValidity = result.uidValidity ?? null;
  if (uid !== null && uidValidity === null) {
    // imapflow found the UID by sequence number in the selected folder.
    const mailbox = client.mailbox;
    if (mailbox && mailbox.path === result.destination) uidValidity = mailbox.uidValidity;
  }
  return { uid, uidValidity: uidValidity === null ? null : uidValidity.toString() };
}

/**
 * Saves a new version of a draft: APPENDs it (flagged \Draft and \Seen), then removes the
 * previous version by UID if the folder's UIDVALIDITY still matches. The new copy is stored
 * first so a failure never leaves the user with no draft at all; at worst with two.
 */
export async function replaceDraft(
  client: ImapFlow,
  draftsPath: string,
  raw: Buffer,
  previous: { uid: number; uidValidity: string } | null,
): Promise<ReplacedDraft> {
  const stored = await appendMessage(client, draftsPath, raw, ['\\Draft', '\\Seen']);
  const lock = await client.getMailboxLock(draftsPath);
  try {
    const mailbox = client.mailbox;
    const currentValidity = mailbox ? mailbox.uidValidity.toString() : null;
    let { uid } = stored;
    let uidValidity = stored.uidValidity ?? currentValidity;
    if (uid === null) {
      // No UIDPLUS: find the copy just stored by its Message-ID (the newest one wins).
      const messageId = readMessageId(raw);
      uid = messageId ? await searchMessageId(client, messageId) : null;
      uidValidity = uid === null ? null : currentValidity;
    }
    let previousRemoved = false;
    if (
      previous !== null &&
      previous.uid !== uid &&
      currentValidity !== null &&
      previous.uidValidity === currentValidity
    ) {
      // UID EXPUNGE removes only this message. Without UIDPLUS imapflow falls back to EXPUNGE,
      // which also removes anything else already flagged \Deleted in Drafts.
      previousRemoved = await client.messageDelete(String(previous.uid), { uid: true });
    }
    return { uid, uidValidity, previousRemoved };
  } finally {
    lock.release();
  }
}

/**
 * UID of the message with this Message-ID in a folder (the highest if there are several), or
 * null. Used after sending, to see whether the provider filed its own Sent copy.
 */
export async function findByMessageId(
  client: ImapFlow,
  path: string,
  messageId: string,
): Promise<number | null> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    return await searchMessageId(client, messageId);
  } finally {
    lock.release();
  }
}

async function searchMessageId(client: ImapFlow, messageId: string): Promise<number | null> {
  // SEARCH HEADER matches substrings: with the angle brackets on, that is the whole id.
  const id = messageId.trim();
  const bracketed = id.startsWith('<') ? id : `<${id}>`;
  const uids = await client.search({ header: { 'message-id': bracketed } }, { uid: true });
  if (!uids || uids.length === 0) return null;
  return Math.max(...uids);
}
