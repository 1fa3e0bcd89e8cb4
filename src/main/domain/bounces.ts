/**
 * Bounces in the user's words: which of a person's messages came back, and the warning that
 * says when and why. Pure; the linking of reports to sent messages is in mail-index.ts.
 */
import { DateTime } from 'luxon';
import type { BounceDetails, KnownMessage, ObligationWarning } from '../../shared/model';

/** A report not naming its original is taken to be about a message sent this long before it. */
export const BOUNCE_LINK_WINDOW_MS = 4 * 86_400_000;

/** One of the user's messages that bounced for a person, and the latest report saying so. */
export interface BouncedMessage {
  readonly sent: KnownMessage;
  readonly bounce: KnownMessage;
  /** The address that failed: from the report, or the person's address the message went to. */
  readonly address: string;
}

/**
 * The latest bounce of `sent` that concerns someone with these addresses: a report naming one
 * of them as failed, or one naming no recipient at all. Undefined when none does.
 */
export function bounceFor(
  sent: KnownMessage,
  bounces: readonly KnownMessage[] | undefined,
  addresses: readonly string[],
): BouncedMessage | undefined {
  if (bounces === undefined) return undefined;
  let found: BouncedMessage | undefined;
  for (const bounce of bounces) {
    const failed = bounce.deliveryReport?.failedRecipients ?? [];
    const address =
      failed.length === 0
        ? (sent.to.map((a) => a.address.toLowerCase()).find((a) => addresses.includes(a)) ??
          addresses[0] ??
          '')
        : failed.find((a) => addresses.includes(a));
    if (address === undefined) continue;
    if (found === undefined || bounce.date >= found.bounce.date) found = { sent, bounce, address };
  }
  return found;
}

/** What the status code says, in plain words. */
function statusWords(status: string | null): string {
  if (status === null) return 'it could not be delivered';
  const [, subject, detail] = status.split('.');
  if (subject === '1') {
    return detail === '1' || detail === '10' || detail === '0'
      ? 'the address does not exist'
      : 'the address was rejected';
  }
  if (subject === '2')
    return detail === '2' ? 'their mailbox is full' : 'their mailbox is not accepting mail';
  if (subject === '4') return 'their mail server could not be reached';
  if (subject === '7') return 'their mail server refused it';
  return 'it could not be delivered';
}

const MAX_REASON_CHARS = 140;

/** Why it bounced: the status in words and the server's own, shortened. */
export function bounceReason(status: string | null, diagnostic: string | null): string {
  const words = statusWords(status);
  if (diagnostic === null || diagnostic === '')
    return status === null ? words : `${words}: ${status}`;
  const said =
    diagnostic.length > MAX_REASON_CHARS
      ? `${diagnostic.slice(0, MAX_REASON_CHARS - 1).trimEnd()}…`
      : diagnostic;
  return `${words}: ${said}`;
}

/** The warning for a person whose latest messages bounced; `name` is theirs, `zone` the user's. */
export function bounceWarning(
  bounced: readonly BouncedMessage[],
  name: string,
  zone: string,
): ObligationWarning {
  const latest = bounced.reduce((a, b) => (b.bounce.date >= a.bounce.date ? b : a));
  const report = latest.bounce.deliveryReport;
  const status = report?.status ?? null;
  const diagnostic = report?.diagnostic ?? null;
  const day = DateTime.fromMillis(latest.bounce.date, { zone }).toFormat('ccc d LLL');
  const bounce: BounceDetails = {
    at: latest.bounce.date,
    address: latest.address,
    status,
    diagnostic,
  };
  return {
    code: 'address-bounced',
    message: `Your note to ${name} bounced on ${day} (${bounceReason(status, diagnostic)}); check the address (${latest.address}) and send it again.`,
    messageIds: [...new Set(bounced.flatMap((b) => [b.sent.id, b.bounce.id]))],
    bounce,
  };
}
