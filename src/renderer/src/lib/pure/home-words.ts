/** What a home row says in its chip and, once done, where the proof came from. */
import type { ObligationView } from '../../../../shared/contract';
import { CHANNEL_PHRASE, formatMoment, formatRelative, formatTime } from './format';
import { GROUP_WORDS, isSnoozed, type GroupId } from './obligation-groups';

const formatters = new Map<string, Intl.DateTimeFormat>();
function format(at: number, zone: string, options: Intl.DateTimeFormatOptions): string {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f.format(at);
}

const WEEK_MS = 7 * 86_400_000;

/** "Tue 18:10" within a week of `now`, else "Tue 17 Nov": short enough for a row. */
export function shortMoment(at: number, now: number, zone: string): string {
  if (Math.abs(now - at) < WEEK_MS - 86_400_000)
    return `${format(at, zone, { weekday: 'short' })} ${formatTime(at, zone)}`;
  return format(at, zone, { weekday: 'short', day: 'numeric', month: 'short' }).replace(',', '');
}

/** The row's chip: its group's word and when, e.g. "Overdue · yesterday", "Today · 23:59". */
export function chipText(o: ObligationView, group: GroupId, now: number, zone: string): string {
  if (isSnoozed(o) && o.snoozedUntil !== null)
    return `Snoozed until ${formatMoment(o.snoozedUntil, zone)}`;
  const word = GROUP_WORDS[group];
  switch (group) {
    case 'overdue':
      return o.dueAt === null ? word : `${word} · ${formatRelative(o.dueAt, now, zone)}`;
    case 'today':
      return o.dueAt === null ? word : `${word} · ${formatTime(o.dueAt, zone)}`;
    case 'upcoming':
      return o.dueAt === null ? word : `${word} · ${shortMoment(o.dueAt, now, zone)}`;
    case 'waiting':
      return o.openFrom === null ? word : `${word} · ${shortMoment(o.openFrom, now, zone)}`;
    case 'done':
    case 'skipped':
      return word;
  }
}

/** The words of each note's chip, worked out once: the dates in them cost a home row most to draw. */
const chips = new WeakMap<ObligationView, { key: string; text: string }>();

/**
 * A row's chip: `chipText`, or for a done note `proofText`, kept per note (its object is
 * replaced when the note changes) for as long as the time and zone stay the same.
 */
export function rowChip(o: ObligationView, group: GroupId, now: number, zone: string): string {
  const key = `${group} ${now} ${zone}`;
  const known = chips.get(o);
  if (known?.key === key) return known.text;
  const text = o.state === 'done' ? proofText(o, now, zone) : chipText(o, group, now, zone);
  chips.set(o, { key, text });
  return text;
}

/**
 * Where the proof of a done note came from, in a few words: "Found in Sent, Tue 18:10",
 * "Sent from Followthrough, Tue 18:10", "Marked by hand: sent on LinkedIn, Sat 21 Nov".
 */
export function proofText(o: ObligationView, now: number, zone: string): string {
  const e = o.evidence;
  if (!e) return o.reason ?? 'Done';
  const when = shortMoment(e.at, now, zone);
  if (e.type === 'manual') return `Marked by hand: ${CHANNEL_PHRASE[e.channel]}, ${when}`;
  return o.sentFromApp ? `Sent from Followthrough, ${when}` : `Found in Sent, ${when}`;
}

/** The proof's longer form, for its tooltip: the message's subject and recipients. */
export function proofDetail(o: ObligationView, zone: string): string | null {
  const e = o.evidence;
  if (!e) return null;
  if (e.type === 'manual') return `Marked by hand on ${formatMoment(e.at, zone)}`;
  const subject = e.subject.trim() === '' ? '(no subject)' : `“${e.subject.trim()}”`;
  return `${subject} to ${e.to.join(', ')}, ${formatMoment(e.at, zone)}`;
}

/** Whether the proof is one message to several interviewers at once (a group note). */
export function isGroupNote(o: ObligationView): boolean {
  return o.warnings.some((w) => w.code === 'group-note');
}
