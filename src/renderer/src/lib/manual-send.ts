/**
 * The manual path for a note: what "Open in my mail program" and "Copy all" hand over, and
 * which note to offer once one went out.
 */
import type { ObligationView } from '../../../shared/contract';
import { canWrite, isSnoozed, mostUrgent } from './pure/obligation-groups';

export interface NoteParts {
  to: readonly string[];
  subject: string;
  body: string;
}

/** A mailto: link (RFC 6068) that opens a new message with the note's To, Subject and text. */
export function mailtoLink(note: NoteParts): string {
  const to = note.to.map((a) => encodeURIComponent(a).replace(/%40/g, '@')).join(',');
  // Line breaks in a mailto: body are CRLF.
  const body = note.body.replace(/\r?\n/g, '\r\n');
  return `mailto:${to}?subject=${encodeURIComponent(note.subject)}&body=${encodeURIComponent(body)}`;
}

/** The note as plain text to paste into any mail program: To, Subject, a blank line, the text. */
export function copyAllText(note: NoteParts): string {
  return `To: ${note.to.join(', ')}\nSubject: ${note.subject}\n\n${note.body}`;
}

/**
 * The note to offer after this one went out: the most pressing one of the same interview's
 * panel that is fitting now (due or overdue), else the most pressing open one of all, by due
 * moment (snoozed ones never).
 */
export function nextNote(
  obligations: readonly ObligationView[],
  current: Pick<ObligationView, 'id' | 'interviewId'>,
): ObligationView | null {
  const open = obligations.filter((o) => o.id !== current.id && canWrite(o) && !isSnoozed(o));
  const panel = current.interviewId
    ? open.filter((o) => o.interviewId === current.interviewId && o.state !== 'upcoming')
    : [];
  return mostUrgent(panel) ?? mostUrgent(open);
}
