/**
 * How the command line prints obligations: a readable list for people, and the JSON shape
 * documented in README.md for scripts.
 */
import { DateTime } from 'luxon';
import type { ObligationView, StatusSummary } from '../../shared/contract';
import type { ObligationKind, ObligationState } from '../../shared/model';

const KIND_WORDS: Record<ObligationKind, string> = {
  'thank-you': 'thank-you note',
  'arranger-thanks': 'thanks for arranging',
  'check-in': 'check-in about the decision',
  'respond-promptly': 'reply to their message',
  'get-address': 'find their email address',
};

const STATE_HEADINGS: Record<ObligationState, string> = {
  overdue: 'Overdue',
  due: 'Due now',
  upcoming: 'Coming up',
  done: 'Done',
  skipped: 'Not needed',
};

const ORDER: ObligationState[] = ['overdue', 'due', 'upcoming', 'done', 'skipped'];

function iso(ms: number | null, zone: string): string | null {
  return ms === null
    ? null
    : DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
}

function human(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL yyyy, HH:mm');
}

export function statusAsJson(summary: StatusSummary): unknown {
  const zone = summary.timeZone;
  return {
    at: iso(summary.at, zone),
    timeZone: zone,
    counts: summary.counts,
    obligations: summary.obligations.map((o) => ({
      id: o.id,
      kind: o.kind,
      state: o.state,
      person: o.personName,
      personId: o.personId,
      company: o.company,
      role: o.roleTitle,
      applicationId: o.applicationId,
      interviewId: o.interviewId,
      openFrom: iso(o.openFrom, zone),
      dueAt: iso(o.dueAt, zone),
      rule: o.rule,
      reason: o.reason,
      evidence: o.evidence ? { ...o.evidence, at: iso(o.evidence.at, zone) } : null,
      warnings: o.warnings.map((w) => ({
        code: w.code,
        message: w.message,
        // A bounce: when the report came, for which address, and what the server said.
        ...(w.bounce ? { bounce: { ...w.bounce, at: iso(w.bounce.at, zone) } } : {}),
      })),
    })),
  };
}

function line(o: ObligationView, zone: string): string[] {
  const head = `  ${o.personName} · ${o.company}, ${o.roleTitle}: ${KIND_WORDS[o.kind]}`;
  const when =
    o.state === 'done' && o.evidence
      ? `sent ${human(o.evidence.at, zone)}`
      : o.state === 'skipped'
        ? (o.reason ?? 'not needed')
        : o.state === 'upcoming' && o.openFrom !== null
          ? `from ${human(o.openFrom, zone)}${o.dueAt !== null ? `, due ${human(o.dueAt, zone)}` : ''}`
          : o.dueAt !== null
            ? `${o.state === 'overdue' ? 'was due' : 'due'} ${human(o.dueAt, zone)}`
            : '';
  const rows = [head, `    ${when}${when ? ' · ' : ''}${o.rule.text}`];
  for (const w of o.warnings) rows.push(`    ! ${w.message}`);
  return rows;
}

/** The line that says messages wait on the review list, or null when none does. */
export function reviewLine(waiting: number): string | null {
  if (waiting <= 0) return null;
  return waiting === 1
    ? '1 message waits for your review: followthrough review'
    : `${waiting} messages wait for your review: followthrough review`;
}

/** The status for people; `waiting` is how many messages wait on the review list. */
export function statusAsText(summary: StatusSummary, waiting = 0): string {
  const review = reviewLine(waiting);
  if (summary.obligations.length === 0) {
    const empty =
      'Nobody is owed a note. Add an interview with its interviewers to start tracking.\n';
    return review === null ? empty : `${empty}\n${review}\n`;
  }
  const out: string[] = [`As of ${human(summary.at, summary.timeZone)} (${summary.timeZone})`];
  for (const state of ORDER) {
    const group = summary.obligations.filter((o) => o.state === state);
    if (group.length === 0) continue;
    out.push('', `${STATE_HEADINGS[state]} (${group.length})`);
    for (const o of group) out.push(...line(o, summary.timeZone));
  }
  if (review !== null) out.push('', review);
  return `${out.join('\n')}\n`;
}
