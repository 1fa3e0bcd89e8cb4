import { describe, expect, it } from 'vitest';
import type { ObligationView, StatusSummary } from '../../../src/shared/contract';
import { createAlerts } from '../../../src/main/shell/alerts';

function obligation(
  id: string,
  state: ObligationView['state'],
  kind: ObligationView['kind'] = 'thank-you',
): ObligationView {
  return {
    id,
    kind,
    state,
    applicationId: 'app',
    interviewId: 'i',
    personId: id,
    openFrom: 0,
    dueAt: 1,
    rule: { id: 'r', text: '' },
    reason: null,
    evidence: null,
    warnings: [],
    personName: `Person ${id}`,
    company: 'Acme',
    roleTitle: 'SRE',
    interviewKind: 'video',
    interviewStartsAt: 0,
    snoozedUntil: null,
  };
}

function summary(obligations: ObligationView[]): StatusSummary {
  const counts = { upcoming: 0, due: 0, overdue: 0, done: 0, skipped: 0 };
  for (const o of obligations) counts[o.state] += 1;
  return { at: 0, timeZone: 'UTC', obligations, counts };
}

function harness() {
  const shown: string[] = [];
  const badges: number[] = [];
  let current = summary([]);
  class FakeNotification {
    constructor(readonly options: { title: string; body: string }) {}
    static isSupported = () => true;
    on() {
      return this;
    }
    show() {
      shown.push(this.options.title);
    }
  }
  const alerts = createAlerts({
    app: { setBadgeCount: (n: number) => (badges.push(n), true) },
    Notification: FakeNotification,
    status: () => current,
    focus: () => {},
  });
  return { alerts, shown, badges, set: (s: StatusSummary) => (current = s) };
}

describe('alerts', () => {
  it('sums up at start, then notifies each note once when it becomes due and when overdue', () => {
    const h = harness();
    h.set(
      summary([
        obligation('a', 'overdue'),
        obligation('b', 'overdue'),
        obligation('c', 'upcoming'),
      ]),
    );
    h.alerts.refresh();
    expect(h.shown).toEqual(['Followthrough']);
    expect(h.badges.at(-1)).toBe(2);

    h.set(
      summary([obligation('a', 'overdue'), obligation('b', 'overdue'), obligation('c', 'due')]),
    );
    h.alerts.refresh();
    h.alerts.refresh();
    expect(h.shown).toEqual(['Followthrough', 'Due: a thank-you note for Person c']);

    h.set(
      summary([
        obligation('a', 'done'),
        obligation('b', 'overdue'),
        obligation('c', 'overdue'),
        obligation('r', 'due', 'respond-promptly'),
      ]),
    );
    h.alerts.refresh();
    expect(h.shown.slice(2)).toEqual([
      'Overdue: a thank-you note for Person c',
      'Person r wrote back',
    ]);
    expect(h.badges.at(-1)).toBe(2);
  });
});
