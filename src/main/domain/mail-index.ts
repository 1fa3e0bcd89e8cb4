/**
 * What the rules need of the user's mail that depends on the messages alone, worked out once:
 * each message's ids, addresses and recipient names normalised (its facts), and, per list of
 * messages, which copies count and who each message is to and from, indexed both ways.
 *
 * Matching then visits only the messages that concern someone tracked, instead of reading every
 * address of every message on every run: with 100,000 messages the reading costs far more than
 * the matching. Callers that keep their messages (the workspace service) keep a `MailCache`;
 * without one everything is built afresh, with the same results.
 *
 * Pure: no I/O, and the cache only remembers what pure functions of the messages gave.
 */
import type { KnownMessage, MailAddress } from '../../shared/model';
import { addressDomain, normalizeAddress, normalizeMessageId } from './addresses';
import { BOUNCE_LINK_WINDOW_MS } from './bounces';

/** What one message says, normalised. Shared between runs: never modify. */
export interface MessageFacts {
  /** The normalised Message-ID, or null. */
  readonly headerId: string | null;
  /** The normalised In-Reply-To, or null. */
  readonly inReplyToId: string | null;
  /** In-Reply-To, then References, normalised, each once. */
  readonly referenced: readonly string[];
  /** From, normalised, each once. */
  readonly senders: readonly string[];
  /** The mail domain of each of `senders` (null where it has none). */
  readonly senderDomains: readonly (string | null)[];
  /** To, Cc and Bcc, normalised, each once, in that order. */
  readonly recipients: readonly string[];
  /** Per entry of To, Cc and Bcc, in that order: its normalised address, or null. */
  readonly entryAddresses: readonly (string | null)[];
  /** Per entry of To, Cc and Bcc, in that order: its display name's key (`nameKey`), or null; empty when none has one. */
  readonly entryNames: readonly (string | null)[];
}

/**
 * A list of messages, once each, indexed. Positions are into `sent` and `inbox`; every list of
 * positions is ascending. Shared between runs: never modify.
 */
export interface MailIndex {
  /** Messages once each (a copy in a second folder or account is dropped), in input order. */
  readonly sent: readonly KnownMessage[];
  readonly sentFacts: readonly MessageFacts[];
  readonly inbox: readonly KnownMessage[];
  readonly inboxFacts: readonly MessageFacts[];
  /** The id of a dropped copy to the id of the message kept. */
  readonly aliasOf: ReadonlyMap<string, string>;
  /** A kept message by id: `i` for `sent[i]`, `-1 - j` for `inbox[j]`. */
  readonly positionById: ReadonlyMap<string, number>;
  readonly sentByHeaderId: ReadonlyMap<string, number>;
  readonly inboxByHeaderId: ReadonlyMap<string, number>;
  /** The From addresses of sent messages: the user's own. */
  readonly sentSenders: ReadonlySet<string>;
  readonly sentByRecipient: ReadonlyMap<string, readonly number[]>;
  /** Sent messages by the name key of a recipient's display name. */
  readonly sentByName: ReadonlyMap<string, readonly number[]>;
  /** Sent messages by a Message-ID they refer to (In-Reply-To or References). */
  readonly sentByReferenced: ReadonlyMap<string, readonly number[]>;
  readonly sentByInReplyTo: ReadonlyMap<string, readonly number[]>;
  /** Received messages that may be replies (no bounce, no auto-reply), by sender, domain and reference. */
  readonly inboxBySender: ReadonlyMap<string, readonly number[]>;
  readonly inboxByDomain: ReadonlyMap<string, readonly number[]>;
  readonly inboxByReferenced: ReadonlyMap<string, readonly number[]>;
  /**
   * Where each kept message comes among all of them in the order matches are listed: by date,
   * sent before received, then in input order. `sentRank[i]` is `sent[i]`'s, `inboxRank[j]`
   * `inbox[j]`'s.
   */
  readonly sentRank: Int32Array;
  readonly inboxRank: Int32Array;
  /**
   * Received bounces of a sent message (by its id), dated after it (made on first use). A
   * report read as delayed (or delivered) is none; see `bouncesByOriginal`.
   */
  bouncesOf(sentId: string): readonly KnownMessage[] | undefined;
  /** Sent messages to an address, by date then id (made on first use, then kept). */
  sentTo(address: string): readonly KnownMessage[];
  /** Sent messages whose In-Reply-To is this Message-ID, by date then id (made on first use). */
  sentInReplyTo(headerId: string): readonly KnownMessage[];
}

/**
 * Keeps facts per message object and the index of the last message lists seen. A message must
 * not be changed once seen (a changed address list is noticed and read again), nor a list
 * once indexed: pass a new array when the messages change.
 */
export interface MailCache {
  factsOf(message: KnownMessage): MessageFacts;
  indexOf(messages: readonly KnownMessage[]): MailIndex;
}

interface CachedFacts extends MessageFacts {
  /** What the facts were read from, to notice a message object changed after all. */
  readonly from: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly references: readonly string[];
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly entryCount: number;
}

const NONE: readonly never[] = Object.freeze([]);
/** Distinct spellings remembered before the lookup tables start again (they only save work). */
const SPELLINGS_LIMIT = 500_000;

const HONORIFICS = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'sir', 'dame']);

/**
 * A name as display names are compared: without accents, case, punctuation, titles, initials
 * or a bracketed remark, in any word order ("Okafor, Ada (Acme)" is "Ada Okafor"). Null when
 * no word is left.
 */
export function nameKey(raw: string): string | null {
  const words = raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !HONORIFICS.has(w));
  return words.length === 0 ? null : words.sort().join(' ');
}

/** A new, empty cache; see `MailCache`. */
export function createMailCache(): MailCache {
  const byMessage = new WeakMap<KnownMessage, CachedFacts>();
  const byList = new WeakMap<readonly KnownMessage[], { length: number; index: MailIndex }>();
  // One string per normalised spelling, so equal addresses are one object: cheap to look up.
  const addresses = new Map<string, string | null>();
  const names = new Map<string, string | null>();
  const domains = new Map<string, string | null>();
  const ids = new Map<string, string | null>();
  const bounded = (): void => {
    if (addresses.size + names.size + domains.size + ids.size < SPELLINGS_LIMIT) return;
    addresses.clear();
    names.clear();
    domains.clear();
    ids.clear();
  };
  const address = (raw: string): string | null => {
    let found = addresses.get(raw);
    if (found === undefined) addresses.set(raw, (found = normalizeAddress(raw)));
    return found;
  };
  const name = (raw: string): string | null => {
    let found = names.get(raw);
    if (found === undefined) names.set(raw, (found = nameKey(raw)));
    return found;
  };
  const domain = (normalized: string): string | null => {
    let found = domains.get(normalized);
    if (found === undefined) domains.set(normalized, (found = addressDomain(normalized)));
    return found;
  };
  const messageId = (raw: string): string | null => {
    let found = ids.get(raw);
    if (found === undefined) ids.set(raw, (found = normalizeMessageId(raw)));
    return found;
  };

  const read = (message: KnownMessage): CachedFacts => {
    const { from, to, cc, bcc, references, inReplyTo } = message;
    const senders: string[] = [];
    for (const entry of from) {
      const a = address(entry.address);
      if (a !== null && !senders.includes(a)) senders.push(a);
    }
    const entryCount = to.length + cc.length + bcc.length;
    const recipients: string[] = [];
    const entryAddresses = new Array<string | null>(entryCount);
    let entryNames: (string | null)[] | null = null;
    let i = 0;
    for (const entries of [to, cc, bcc]) {
      for (const entry of entries) {
        const a = address(entry.address);
        entryAddresses[i] = a;
        if (a !== null && !recipients.includes(a)) recipients.push(a);
        const key = entry.name === null ? null : name(entry.name);
        if (key !== null) (entryNames ??= new Array<string | null>(entryCount).fill(null))[i] = key;
        i++;
      }
    }
    const inReplyToId = inReplyTo === null ? null : messageId(inReplyTo);
    let referenced: readonly string[] = NONE;
    if (inReplyToId !== null || references.length > 0) {
      const list: string[] = inReplyToId === null ? [] : [inReplyToId];
      for (const raw of references) {
        const id = messageId(raw);
        if (id !== null && !list.includes(id)) list.push(id);
      }
      referenced = exact(list);
    }
    return {
      // Message-IDs are mostly unique: not worth remembering the spelling.
      headerId: message.messageId === null ? null : normalizeMessageId(message.messageId),
      inReplyToId,
      referenced,
      senders: senders.length === 0 ? NONE : exact(senders),
      senderDomains: senders.length === 0 ? NONE : senders.map(domain),
      recipients: recipients.length === 0 ? NONE : exact(recipients),
      entryAddresses: entryCount === 0 ? NONE : entryAddresses,
      entryNames: entryNames ?? NONE,
      from,
      to,
      cc,
      bcc,
      references,
      messageId: message.messageId,
      inReplyTo,
      entryCount,
    };
  };

  const cache: MailCache = {
    factsOf(message) {
      const cached = byMessage.get(message);
      if (
        cached !== undefined &&
        cached.from === message.from &&
        cached.to === message.to &&
        cached.cc === message.cc &&
        cached.bcc === message.bcc &&
        cached.references === message.references &&
        cached.messageId === message.messageId &&
        cached.inReplyTo === message.inReplyTo &&
        cached.entryCount === message.to.length + message.cc.length + message.bcc.length
      ) {
        return cached;
      }
      bounded();
      const facts = read(message);
      byMessage.set(message, facts);
      return facts;
    },
    indexOf(messages) {
      const kept = byList.get(messages);
      if (kept !== undefined && kept.length === messages.length) return kept.index;
      const index = buildMailIndex(messages, cache);
      byList.set(messages, { length: messages.length, index });
      return index;
    },
  };
  return cache;
}

/**
 * The same list in as much memory as it needs. An array grown by `push` keeps room for about
 * 16 more entries; kept for every message and every address of a large mailbox, that room was
 * a third of the rules' memory.
 */
function exact<T>(list: T[]): T[] {
  return list.length > 1 ? list.slice() : list;
}

function compactLists(map: Map<string, number[]>): void {
  for (const [key, list] of map) if (list.length > 1) map.set(key, list.slice());
}

function pushPosition(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [position]);
  else if (list[list.length - 1] !== position) list.push(position);
}

function byDate(a: KnownMessage, b: KnownMessage): number {
  return a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Indexes a list of messages; see `MailIndex`. */
function buildMailIndex(messages: readonly KnownMessage[], cache: MailCache): MailIndex {
  // Messages, once each: the same message seen in two places (two accounts, a copy in another
  // folder) counts once, by its Message-ID; a correction made on a copy applies to the one kept.
  const aliasOf = new Map<string, string>();
  const idsWithoutHeader = new Set<string>();
  const sent: KnownMessage[] = [];
  const sentFacts: MessageFacts[] = [];
  const inbox: KnownMessage[] = [];
  const inboxFacts: MessageFacts[] = [];
  const sentByHeaderId = new Map<string, number>();
  const inboxByHeaderId = new Map<string, number>();
  for (const message of messages) {
    const isSent = message.folderRole === 'sent';
    const byHeader = isSent ? sentByHeaderId : inboxByHeaderId;
    const facts = cache.factsOf(message);
    const { headerId } = facts;
    if (headerId !== null) {
      const kept = byHeader.get(headerId);
      if (kept !== undefined) {
        const keptId = (isSent ? sent[kept] : inbox[kept])!.id;
        if (keptId !== message.id) aliasOf.set(message.id, keptId);
        continue;
      }
    } else {
      if (idsWithoutHeader.has(message.id)) continue;
      idsWithoutHeader.add(message.id);
    }
    const list = isSent ? sent : inbox;
    if (headerId !== null) byHeader.set(headerId, list.length);
    list.push(message);
    (isSent ? sentFacts : inboxFacts).push(facts);
  }

  // The same id twice (kept under two roles) resolves to the last, as a scan would find it.
  const positionById = new Map<string, number>();
  sent.forEach((message, i) => positionById.set(message.id, i));
  inbox.forEach((message, j) => positionById.set(message.id, -1 - j));

  const sentSenders = new Set<string>();
  const sentByRecipient = new Map<string, number[]>();
  const sentByName = new Map<string, number[]>();
  const sentByReferenced = new Map<string, number[]>();
  const sentByInReplyTo = new Map<string, number[]>();
  sentFacts.forEach((facts, i) => {
    for (const address of facts.senders) sentSenders.add(address);
    // A mass mailing is no note to anyone in particular: never found by recipient or name.
    if (sent[i]!.massMailing === undefined) {
      for (const address of facts.recipients) pushPosition(sentByRecipient, address, i);
      for (const key of facts.entryNames) if (key !== null) pushPosition(sentByName, key, i);
    }
    for (const id of facts.referenced) pushPosition(sentByReferenced, id, i);
    if (facts.inReplyToId !== null) pushPosition(sentByInReplyTo, facts.inReplyToId, i);
  });

  const inboxBySender = new Map<string, number[]>();
  const inboxByDomain = new Map<string, number[]>();
  const inboxByReferenced = new Map<string, number[]>();
  const bounces: KnownMessage[] = [];
  inboxFacts.forEach((facts, j) => {
    const message = inbox[j]!;
    if (message.bounce) bounces.push(message);
    // A mass mailing received is no reply from a person either.
    if (message.bounce || message.autoReply || message.massMailing !== undefined) return;
    for (const address of facts.senders) pushPosition(inboxBySender, address, j);
    for (const domain of facts.senderDomains) {
      if (domain !== null) pushPosition(inboxByDomain, domain, j);
    }
    for (const id of facts.referenced) pushPosition(inboxByReferenced, id, j);
  });
  for (const map of [
    sentByRecipient,
    sentByName,
    sentByReferenced,
    sentByInReplyTo,
    inboxBySender,
    inboxByDomain,
    inboxByReferenced,
  ]) {
    compactLists(map);
  }

  const sortedTo = new Map<string, readonly KnownMessage[]>();
  const sortedReplies = new Map<string, readonly KnownMessage[]>();
  const sortedSent = (
    memo: Map<string, readonly KnownMessage[]>,
    positions: ReadonlyMap<string, readonly number[]>,
    key: string,
  ): readonly KnownMessage[] => {
    let list = memo.get(key);
    if (list === undefined) {
      const found = positions.get(key);
      list = found === undefined ? NONE : found.map((i) => sent[i]!).sort(byDate);
      memo.set(key, list);
    }
    return list;
  };

  let bouncesBySentId: Map<string, KnownMessage[]> | null = null;
  const { sentRank, inboxRank } = ranks(sent, inbox);

  return {
    sent,
    sentFacts,
    inbox,
    inboxFacts,
    aliasOf,
    positionById,
    sentByHeaderId,
    inboxByHeaderId,
    sentSenders,
    sentByRecipient,
    sentByName,
    sentByReferenced,
    sentByInReplyTo,
    inboxBySender,
    inboxByDomain,
    inboxByReferenced,
    sentRank,
    inboxRank,
    bouncesOf: (sentId) =>
      (bouncesBySentId ??= bouncesByOriginal(bounces, sent, sentByHeaderId, sentByRecipient)).get(
        sentId,
      ),
    sentTo: (address) => sortedSent(sortedTo, sentByRecipient, address),
    sentInReplyTo: (headerId) => sortedSent(sortedReplies, sentByInReplyTo, headerId),
  };
}

/** See `MailIndex.sentRank`. */
function ranks(
  sent: readonly KnownMessage[],
  inbox: readonly KnownMessage[],
): { sentRank: Int32Array; inboxRank: Int32Array } {
  const dates = new Float64Array(sent.length + inbox.length);
  sent.forEach((message, i) => (dates[i] = message.date));
  inbox.forEach((message, j) => (dates[sent.length + j] = message.date));
  // Sent first, each in input order: sorting stably by date gives the order of matches.
  const order = Array.from(dates.keys()).sort((a, b) => dates[a]! - dates[b]! || a - b);
  const rank = new Int32Array(order.length);
  order.forEach((position, r) => (rank[position] = r));
  return { sentRank: rank.subarray(0, sent.length), inboxRank: rank.subarray(sent.length) };
}

/**
 * Received bounces by the id of the sent message they are about, if it is not dated after them:
 * the original's Message-ID as the report names it, or In-Reply-To and References; failing
 * those, the latest message to a failed recipient within `BOUNCE_LINK_WINDOW_MS` before the
 * report (most servers' reports carry the original's headers only inside). A report read as
 * anything but failed (delayed, delivered) is no bounce; one not read (yet) counts as failed.
 */
function bouncesByOriginal(
  bounces: readonly KnownMessage[],
  sent: readonly KnownMessage[],
  sentByHeaderId: ReadonlyMap<string, number>,
  sentByRecipient: ReadonlyMap<string, readonly number[]>,
): Map<string, KnownMessage[]> {
  const out = new Map<string, KnownMessage[]>();
  const link = (original: KnownMessage, bounce: KnownMessage): void => {
    const list = out.get(original.id);
    if (list === undefined) out.set(original.id, [bounce]);
    else if (!list.includes(bounce)) list.push(bounce);
  };
  for (const bounce of bounces) {
    const report = bounce.deliveryReport;
    if (report !== undefined && report.outcome !== 'failed' && report.outcome !== 'unreadable') {
      continue;
    }
    let linked = false;
    for (const raw of [
      report?.originalMessageId ?? '',
      bounce.inReplyTo ?? '',
      ...bounce.references,
    ]) {
      const id = normalizeMessageId(raw);
      const position = id === null ? undefined : sentByHeaderId.get(id);
      const original = position === undefined ? undefined : sent[position]!;
      if (original === undefined || original.date > bounce.date) continue;
      link(original, bounce);
      linked = true;
    }
    if (linked || report === undefined) continue;
    for (const raw of report.failedRecipients) {
      const address = normalizeAddress(raw);
      let latest: KnownMessage | undefined;
      for (const position of (address === null ? undefined : sentByRecipient.get(address)) ?? []) {
        const candidate = sent[position]!;
        if (candidate.date > bounce.date || candidate.date < bounce.date - BOUNCE_LINK_WINDOW_MS) {
          continue;
        }
        if (latest === undefined || candidate.date >= latest.date) latest = candidate;
      }
      if (latest !== undefined) link(latest, bounce);
    }
  }
  return out;
}
