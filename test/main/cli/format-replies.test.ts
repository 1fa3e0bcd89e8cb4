import { describe, expect, it } from 'vitest';
import type { ObligationView, StatusSummary } from '../../../src/shared/contract';
import { statusAsJson, statusAsText } from '../../../src/main/cli/format';

const AT = Date.parse('2026-12-02T09:00:00Z');

function view(overrides: Partial<ObligationView>): ObligationView {
  return {
    id: 'respond-promptly:app:m1',
    kind: 'respond-promptly',
    state: 'due',
    applicationId: 'app',
    interviewId: 'iv',
    personId: 'ada',
    openFrom: AT,
    dueAt: AT + 3_600_000,
    rule: { id: 'respond-promptly.offer', text: 'The reply is an offer.' },
    reason: null,
    evidence: null,
    warnings: [],
    personName: 'Ada Okafor',
    company: 'Northwind',
    roleTitle: 'Data Engineer',
    interviewKind: 'panel',
    interviewStartsAt: AT - 86_400_000,
    snoozedUntil: null,
    ...overrides,
  };
}

const summary: StatusSummary = {
  at: AT,
  problems: [],
  timeZone: 'Europe/Berlin',
  obligations: [
    view({
      reply: {
        messageId: 'm1',
        replyClass: 'offer',
        sentence: 'We are delighted to offer you the role.',
        sure: true,
      },
    }),
    view({ id: 'check-in:app:iv:ada', kind: 'check-in', state: 'skipped', reason: 'Skipped.' }),
  ],
  counts: { overdue: 0, due: 1, upcoming: 0, done: 0, skipped: 1 },
  suggestions: [
    {
      applicationId: 'app',
      status: 'offer',
      messageId: 'm1',
      reason: 'Ada Okafor wrote back on Wed 2 Dec with an offer; mark the application as an offer?',
    },
  ],
};

describe('followthrough status and replies', () => {
  it('says what the reply is, quotes its sentence and lists the suggestions', () => {
    const text = statusAsText(summary);
    expect(text).toContain('Ada Okafor · Northwind, Data Engineer: answer their offer');
    expect(text).toContain('“We are delighted to offer you the role.”');
    expect(text).toContain(
      'Suggested (1)\n  Ada Okafor wrote back on Wed 2 Dec with an offer; mark the application as an offer?',
    );
  });

  it('--json carries each reply with its class and sentence, and null where there is none', () => {
    const json = statusAsJson(summary) as {
      obligations: { reply: unknown }[];
      suggestions: unknown[];
    };
    expect(json.obligations.map((o) => o.reply)).toEqual([
      {
        messageId: 'm1',
        class: 'offer',
        sentence: 'We are delighted to offer you the role.',
        sure: true,
      },
      null,
    ]);
    expect(json.suggestions).toEqual(summary.suggestions);
  });
});
