/**
 * How the command line prints obligations: a readable list for people, and the JSON shape
 * documented in README.md for scripts.
 */
import { DateTime } from 'luxon';
import type { ObligationView, StatusSummary } from '../../shared/contract';
import type { ObligationKind, ObligationState, ReplyClass } from '../../shared/model';

const KIND_WORDS: Record<ObligationKind, string> = {
  'thank-you': 'thank-you note',
  'arranger-thanks': 'thanks for arranging',
  'check-in': 'check-in about the decision',
  'respond-promptly': 'reply to their message',
  'get-address': 'find their email address',
  'after-rejection': 'thank-you after the decision (optional)',
};

const REPLY_WORDS: Partial<Record<ReplyClass, string>> = {
  scheduling: 'answer about the next step',
  offer: 'answer their offer',
};

/** What is owed, in words: a reply read as a next step or an offer says so. */
function kindWords(o: ObligationView): string {
  const reply = o.kind === 'respond-promptly' && o.reply?.sure ? o.reply.replyClass : null;
  return (reply === null ? undefined : REPLY_WORDS[reply]) ?? KIND_WORDS[o.kind];
}

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
    problems: summary.problems,
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
      // The reply an answer is owed to, as read: class null before it is read.
      reply:
        o.reply === undefined
          ? null
          : {
              messageId: o.reply.messageId,
              class: o.reply.replyClass,
              sentence: o.reply.sentence,
              sure: o.reply.sure,
            },
    })),
    suggestions: summary.suggestions,
  };
}

function line(o: ObligationView, zone: string): string[] {
  const head = `  ${o.personName} · ${o.company}, ${o.roleTitle}: ${kindWords(o)}`;
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
  if (o.reply !== undefined && o.reply.sentence !== '') rows.push(`    “${o.reply.sentence}”`);
  for (const w of o.warnings) rows.push(`    ! ${w.message}`);
  return rows;
}

/** The applications that could not be worked out, last, so the list above stays readable. */
function problemLines(summary: StatusSummary): string[] {
  if (summary.problems.length === 0) return [];
  const n = summary.problems.length;
  return [
    '',
    `Could not be worked out (${n}): ${n === 1 ? 'its notes are' : 'their notes are'} missing above`,
    ...summary.problems.map((p) => `  ! ${p.message}`),
  ];
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
    const problems = problemLines(summary);
    const empty =
      problems.length === 0
        ? 'Nobody is owed a note. Add an interview with its interviewers to start tracking.\n'
        : `Nobody else is owed a note.\n${problems.join('\n')}\n`;
    return review === null ? empty : `${empty}\n${review}\n`;
  }
  const out: string[] = [`As of ${human(summary.at, summary.timeZone)} (${summary.timeZone})`];
  for (const state of ORDER) {
    const group = summary.obligations.filter((o) => o.state === state);
    if (group.length === 0) continue;
    out.push('', `${STATE_HEADINGS[state]} (${group.length})`);
    for (const o of group) out.push(...line(o, summary.timeZone));
  }
  out.push(...problemLines(summary));
  if (summary.suggestions.length > 0) {
    out.push('', `Suggested (${summary.suggestions.length})`);
    for (const s of summary.suggestions) out.push(`  ${s.reason}`);
  }
  if (review !== null) out.push('', review);
  return `${out.join('\n')}\n`;
}
