/**
 * What follows a reply (RULES.md, "They wrote back"): how sure a reading must be to act on,
 * and the words that say who wrote and when.
 *
 * Pure.
 */
import { DateTime } from 'luxon';
import { UNSURE_BELOW } from './reply-classifier';
import type {
  KnownMessage,
  ObligationReply,
  Person,
  ReplyClass,
  ReplyReading,
} from '../../shared/model';

/**
 * A classifier's reading at or above this confidence is acted on; below it the reply is
 * treated as one the app cannot tell (answer it if it asks for something) and waits on the
 * review list. The classifier's own threshold, so "sure" means one thing everywhere. The
 * user's own reading is always acted on.
 */
export const SURE_READING_CONFIDENCE = UNSURE_BELOW;

/** Whether a reading is sure enough to decide what follows. */
export function isSureReading(reading: ReplyReading): boolean {
  return reading.source === 'user' || reading.confidence >= SURE_READING_CONFIDENCE;
}

/** The class that decides what follows a reply, or null when the app cannot tell (none, unsure, `other`). */
export function replyNews(reading: ReplyReading | undefined): Exclude<ReplyClass, 'other'> | null {
  if (reading === undefined || !isSureReading(reading) || reading.replyClass === 'other') {
    return null;
  }
  return reading.replyClass;
}

/** The reply and its reading as an obligation carries them. */
export function obligationReply(
  messageId: string,
  reading: ReplyReading | undefined,
): ObligationReply {
  return {
    messageId,
    replyClass: reading?.replyClass ?? null,
    sentence: reading?.sentence ?? '',
    sure: reading !== undefined && isSureReading(reading),
  };
}

/** A day as reasons say it, in the user's zone: "Thu 12 Nov". */
export function dayWords(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).setLocale('en-GB').toFormat('ccc d LLL');
}

/**
 * Who wrote a reply, by name: the tracked person, else the sender's display name (or address)
 * "at" the company. Never "they".
 */
export function writerWords(
  message: KnownMessage,
  person: Person | undefined,
  company: string,
): string {
  if (person !== undefined && person.name.trim() !== '') return person.name.trim();
  const from = message.from[0];
  const name = from?.name?.trim() || from?.address || 'Someone';
  return company.trim() === '' ? name : `${name} at ${company.trim()}`;
}

/** "Ada Okafor wrote back on Thu 12 Nov". */
export function wroteBackWords(
  message: KnownMessage,
  person: Person | undefined,
  company: string,
  zone: string,
): string {
  return `${writerWords(message, person, company)} wrote back on ${dayWords(message.date, zone)}`;
}
