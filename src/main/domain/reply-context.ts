/**
 * Which received messages are sure replies, worked out without every message in memory.
 *
 * A reply is sure from its sender (someone who took part), its sender's mail domain, the
 * user's link, or the sent note it answers (matching.ts, `matchReplies`); a sent note's own
 * match reads that note alone. So the rules give the same sure replies on every received
 * message, the sent messages they refer to (In-Reply-To, References) and the linked ones as on
 * the whole mailbox, provided the user's own addresses still include every sender found in
 * Sent (a copy of the user's own mail is never a reply). With a Sent folder of 50,000 messages
 * and a few hundred replies that is a few hundred messages instead of 50,000: what a sync needs
 * to choose the replies worth reading, where nothing else has the rules' full work at hand.
 *
 * Received mail is thinned the same way: a message can be a sure reply only if it answers
 * something (In-Reply-To, References), was linked by the user, or comes from the mail domain of
 * someone tracked or of a company (`receivedForReplies`); newsletters and notifications, most of
 * an inbox, are none of these.
 *
 * Pure: the caller reads the messages (store/mail-store.ts) and runs the rules on the result.
 */
import type { Application, KnownMessage, MailAddress, Person } from '../../shared/model';
import { addressDomain, companyDomain, normalizeAddress, normalizeMessageId } from './addresses';
import { messageOrder } from './row-order';

/** What the rules need of a sent message no reply answers: its id, Message-ID and From. */
export interface SentHeader {
  id: string;
  messageId: string | null;
  from: MailAddress[];
}

export interface ReplyContext {
  /** Received, linked and referred-to sent messages, once each, by date, then id. */
  messages: KnownMessage[];
  /**
   * The senders of every sent message the rules count once (a copy elsewhere is skipped):
   * pass them as the user's own addresses, which they are on the whole mailbox.
   */
  sentSenders: string[];
}

/**
 * Reads the sent headers once, in the rules' order (date, then id), for the sent messages the
 * received and linked messages refer to, every copy of each (the index keeps the first, as on
 * everything), which `read` then gives whole; and the senders of the sent messages counted once.
 */
export function replyContext(
  received: readonly KnownMessage[],
  linked: readonly KnownMessage[],
  sent: Iterable<SentHeader>,
  read: (ids: string[]) => readonly KnownMessage[],
): ReplyContext {
  const wanted = new Set<string>();
  const want = (raw: string | null): void => {
    const id = raw === null ? null : normalizeMessageId(raw);
    if (id !== null) wanted.add(id);
  };
  for (const message of received) {
    want(message.inReplyTo);
    for (const raw of message.references) want(raw);
  }
  const linkedIds = new Set<string>();
  for (const message of linked) {
    linkedIds.add(message.id);
    // A link on one copy applies to the copy kept, which may be another.
    if (message.folderRole === 'sent') want(message.messageId);
  }
  const sentIds = new Set<string>();
  const senders = new Set<string>();
  const counted = new Set<string>();
  for (const { id, messageId, from } of sent) {
    const headerId = messageId === null ? null : normalizeMessageId(messageId);
    if (linkedIds.has(id) || (headerId !== null && wanted.has(headerId))) sentIds.add(id);
    if (headerId !== null) {
      if (counted.has(headerId)) continue;
      counted.add(headerId);
    }
    for (const entry of from) {
      const address = normalizeAddress(entry.address);
      if (address !== null) senders.add(address);
    }
  }
  const byId = new Map<string, KnownMessage>();
  for (const list of [received, linked, read([...sentIds])]) {
    for (const message of list) byId.set(message.id, message);
  }
  return { messages: [...byId.values()].sort(messageOrder), sentSenders: [...senders] };
}

/**
 * The mail domains a sure reply can come from: those of every person's addresses (a reply
 * from someone tracked is from their address) and every application's company domains, written
 * as matching reads them.
 */
export function replyDomains(
  people: readonly Pick<Person, 'emails'>[],
  applications: readonly Pick<Application, 'companyDomains'>[],
): Set<string> {
  const out = new Set<string>();
  for (const person of people) {
    for (const email of person.emails) {
      const domain = addressDomain(email);
      if (domain !== null) out.add(domain);
    }
  }
  for (const application of applications) {
    for (const raw of application.companyDomains) {
      const domain = companyDomain(raw);
      if (domain !== null) out.add(domain);
    }
  }
  return out;
}

/**
 * The received messages that may be sure replies, read one at a time: those that answer
 * something, were linked, or come from one of `domains`; and every other copy (same
 * Message-ID) of one of those, fetched with `read`, so the rules keep the same copy as on the
 * whole mailbox. Of the rest only the id and Message-ID are held while reading.
 */
export function receivedForReplies(
  received: Iterable<KnownMessage>,
  domains: ReadonlySet<string>,
  linkedIds: ReadonlySet<string>,
  read: (ids: string[]) => readonly KnownMessage[],
): KnownMessage[] {
  const kept: KnownMessage[] = [];
  const keptHeaders = new Set<string>();
  const others: { id: string; headerId: string }[] = [];
  for (const message of received) {
    const headerId = message.messageId === null ? null : normalizeMessageId(message.messageId);
    const may =
      message.inReplyTo !== null ||
      message.references.length > 0 ||
      linkedIds.has(message.id) ||
      message.from.some((entry) => {
        const domain = addressDomain(entry.address);
        return domain !== null && domains.has(domain);
      });
    if (may) {
      kept.push(message);
      if (headerId !== null) keptHeaders.add(headerId);
    } else if (headerId !== null) {
      others.push({ id: message.id, headerId });
    }
  }
  const copies = others.filter((o) => keptHeaders.has(o.headerId)).map((o) => o.id);
  return copies.length === 0 ? kept : [...kept, ...read(copies)].sort(messageOrder);
}
