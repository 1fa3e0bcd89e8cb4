/**
 * The rules behind each obligation, as a stable id and one sentence in the user's words.
 * Numbers in the sentences come from the user's settings, so the text always matches the
 * due moment shown next to it.
 */
import type { Settings, ThankYouWindow } from '../../shared/model';

export const RULE_IDS = [
  'thank-you.same-day',
  'thank-you.24h',
  'thank-you.next-business-day',
  'thank-you.48h',
  'arranger-thanks.same-day',
  'arranger-thanks.24h',
  'arranger-thanks.next-business-day',
  'arranger-thanks.48h',
  'get-address',
  'check-in.decision-date',
  'check-in.no-decision-date',
  'respond-promptly',
  'respond-promptly.next-step',
  'respond-promptly.offer',
  'after-rejection',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Business days given to send a check-in once it has become fitting (the app's choice). */
export const CHECK_IN_SEND_WITHIN_BUSINESS_DAYS = 3;

const WINDOW_WORDS: Record<ThankYouWindow, string> = {
  'same-day': 'before the end of the day the interview took place',
  '24h': 'within 24 hours of the end of the interview',
  'next-business-day': 'by the end of the first working day after the interview',
  '48h': 'within 48 hours of the end of the interview',
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function notBefore(settings: Settings): string {
  return settings.notBeforeHours > 0
    ? `, but not until ${plural(settings.notBeforeHours, 'hour', 'hours')} have passed`
    : '';
}

/** The rule id for a thank-you or arranger note under the user's chosen window. */
export function noteRuleId(kind: 'thank-you' | 'arranger-thanks', window: ThankYouWindow): RuleId {
  return `${kind}.${window}`;
}

/** One plain sentence that says what the rule asks of the user. */
export function ruleText(id: RuleId, settings: Settings): string {
  switch (id) {
    case 'thank-you.same-day':
    case 'thank-you.24h':
    case 'thank-you.next-business-day':
    case 'thank-you.48h':
      return `Send each interviewer a personal thank-you note of their own ${WINDOW_WORDS[settings.thankYouWindow]}${notBefore(settings)}.`;
    case 'arranger-thanks.same-day':
    case 'arranger-thanks.24h':
    case 'arranger-thanks.next-business-day':
    case 'arranger-thanks.48h':
      return `Thank the person who set up the interview with a short note ${WINDOW_WORDS[settings.thankYouWindow]}${notBefore(settings)}.`;
    case 'get-address':
      return 'You have no email address for this person yet: ask the coordinator for it, or send your note to the coordinator and ask them to pass it on.';
    case 'check-in.decision-date':
      return `Once the decision date they named has passed and ${plural(settings.checkInGraceBusinessDays, 'more working day has', 'more working days have')} gone by, one short check-in is fitting; send it within ${CHECK_IN_SEND_WITHIN_BUSINESS_DAYS} working days.`;
    case 'check-in.no-decision-date':
      return `They named no decision date, so one short check-in is fitting ${plural(settings.checkInFallbackDays, 'day', 'days')} after your thank-you note; send it within ${CHECK_IN_SEND_WITHIN_BUSINESS_DAYS} working days.`;
    case 'respond-promptly':
      return 'A reply came in: read it and, if it asks for something, answer by the end of the working day.';
    case 'respond-promptly.next-step':
      return 'The reply is about scheduling or a next step: answer it by the end of the working day.';
    case 'respond-promptly.offer':
      return 'The reply is an offer: answer it promptly, by the end of the working day, even if only to thank them and say when you will decide.';
    case 'after-rejection':
      return 'The company said no. A short thank-you is still worth sending by email, if you like asking for feedback; there is no deadline.';
  }
}

/** The rule as stored on an obligation: its id and its sentence. */
export function describeRule(id: RuleId, settings: Settings): { id: RuleId; text: string } {
  return { id, text: ruleText(id, settings) };
}
