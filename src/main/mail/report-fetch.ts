/**
 * The report parts of delivery reports in a folder, fetched without reading whole messages.
 *
 * The BODYSTRUCTURE of each report tells where its message/delivery-status part and its
 * returned headers (text/rfc822-headers, or a returned message/rfc822, of which only the first
 * kilobytes, its head, are read) are; a report with no delivery-status part (qmail, old
 * sendmail) gives its first text part instead. Each download is capped at
 * `MAX_REPORT_PART_BYTES`, with its transfer encoding removed and its charset decoded.
 * Parsing is left to `delivery-report.ts`.
 */
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { decodeCharset, type ReportParts } from './delivery-report';
import { toSequenceSet } from './sync/folder-sync';

/** Most of one report part downloaded: a delivery-status part is under a kilobyte. */
export const MAX_REPORT_PART_BYTES = 32 * 1024;

export interface ReportFetchResult {
  /** The folder's UIDVALIDITY when it was read; UIDs are only meaningful under it. */
  uidValidity: string;
  /** The parts of each message that was found (a message gone from the folder is absent). */
  reports: Map<number, ReportParts>;
}

type Wanted = { node: MessageStructureObject; part: string };

/** Where a report's parts are; see the module comment. */
export function reportPartsIn(root: MessageStructureObject): {
  deliveryStatus: Wanted | null;
  returnedHeaders: Wanted | null;
  text: Wanted | null;
} {
  let deliveryStatus: Wanted | null = null;
  let returnedHeaders: Wanted | null = null;
  let text: Wanted | null = null;
  const visit = (node: MessageStructureObject, isRoot: boolean): void => {
    const type = node.type.toLowerCase();
    // A single-part message's body is part 1.
    const part = node.part ?? (isRoot ? '1' : null);
    if (type.startsWith('multipart/')) {
      for (const child of node.childNodes ?? []) visit(child, false);
      return;
    }
    if (part === null) return;
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') {
      deliveryStatus ??= { node, part };
    } else if (
      type === 'text/rfc822-headers' ||
      type === 'message/global-headers' ||
      type === 'message/rfc822' ||
      type === 'message/global'
    ) {
      // The returned message's own parts are never looked into.
      returnedHeaders ??= { node, part };
    } else if (type === 'text/plain') {
      text ??= { node, part };
    }
  };
  visit(root, true);
  return { deliveryStatus, returnedHeaders, text: deliveryStatus === null ? text : null };
}

/** Downloads the report parts of these messages; see the module comment. */
export async function fetchReportParts(
  client: ImapFlow,
  path: string,
  uids: number[],
): Promise<ReportFetchResult> {
  if (client.mailbox && client.mailbox.path === path) await client.mailboxClose();
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
    const reports = new Map<number, ReportParts>();
    if (uids.length === 0) return { uidValidity, reports };

    const structures: { uid: number; root: MessageStructureObject }[] = [];
    for await (const message of client.fetch(
      toSequenceSet(uids),
      { uid: true, bodyStructure: true },
      { uid: true },
    )) {
      if (message.bodyStructure) structures.push({ uid: message.uid, root: message.bodyStructure });
    }

    // No other command may run inside the fetch loop: the downloads come after it.
    for (const { uid, root } of structures) {
      const where = reportPartsIn(root);
      const read = async (wanted: Wanted | null): Promise<string | null> => {
        if (wanted === null) return null;
        const download = await client.download(String(uid), wanted.part, {
          uid: true,
          maxBytes: MAX_REPORT_PART_BYTES,
          decodeText: false,
        });
        if (!download.content) return null;
        // maxBytes makes the server send no more than that: the stream ends by itself.
        const chunks: Buffer[] = [];
        for await (const chunk of download.content) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks).subarray(0, MAX_REPORT_PART_BYTES);
        const charset = wanted.node.parameters?.['charset'] ?? download.meta.charset ?? 'utf-8';
        return decodeCharset(bytes, charset);
      };
      reports.set(uid, {
        deliveryStatus: await read(where.deliveryStatus),
        returnedHeaders: await read(where.returnedHeaders),
        text: await read(where.text),
      });
    }
    return { uidValidity, reports };
  } finally {
    lock.release();
    // Leave the folder unselected, as the folder sync does, so its next STATUS is current.
    if (client.usable && client.mailbox && client.mailbox.path === path) {
      await client.mailboxClose().catch(() => undefined);
    }
  }
}
