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
  return { at: 0, timeZone: 'UTC', obligations, counts, problems: [], suggestions: [] };
}

function harness(platform: NodeJS.Platform = 'darwin') {
  const shown: string[] = [];
  const bodies: string[] = [];
  const errors: unknown[] = [];
  const badges: number[] = [];
  const counts: number[] = [];
  const opened: Array<string | null> = [];
  const clicks = new Map<string, () => void>();
  let current: StatusSummary | (() => StatusSummary) = summary([]);
  class FakeNotification {
    constructor(readonly options: { title: string; body: string }) {}
    static isSupported = () => true;
    on(_event: 'click', listener: () => void) {
      clicks.set(this.options.title, listener);
      return this;
    }
    show() {
      shown.push(this.options.title);
      bodies.push(this.options.body);
    }
  }
  const alerts = createAlerts({
    app: { setBadgeCount: (n: number) => (badges.push(n), true) },
    Notification: FakeNotification,
    status: () => (typeof current === 'function' ? current() : current),
    open: (id) => opened.push(id),
    onCount: (n) => counts.push(n),
    platform,
    onError: (error) => errors.push(error),
  });
  const click = (title: string) => clicks.get(title)?.();
  return {
    alerts,
    shown,
    bodies,
    errors,
    badges,
    counts,
    opened,
    click,
    set: (s: StatusSummary | (() => StatusSummary)) => (current = s),
  };
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

  it('opens the item whose notification was clicked, and the home list for the summary', () => {
    const h = harness();
    h.set(summary([obligation('a', 'overdue')]));
    h.alerts.refresh();
    h.set(summary([obligation('a', 'overdue'), obligation('b', 'due')]));
    h.alerts.refresh();
    h.click('Followthrough');
    h.click('Due: a thank-you note for Person b');
    expect(h.opened).toEqual([null, 'b']);
  });

  it('keeps a snoozed item quiet and out of the count until its snooze ends', () => {
    const h = harness();
    const snoozed = { ...obligation('a', 'overdue'), snoozedUntil: 10 };
    h.set(summary([snoozed, obligation('b', 'upcoming')]));
    h.alerts.refresh();
    expect(h.shown).toEqual([]);
    expect(h.badges.at(-1)).toBe(0);
    expect(h.counts.at(-1)).toBe(0);

    h.set(summary([{ ...snoozed, snoozedUntil: null }, obligation('b', 'upcoming')]));
    h.alerts.refresh();
    expect(h.shown).toEqual(['Overdue: a thank-you note for Person a']);
    expect(h.counts.at(-1)).toBe(1);
  });
});

describe('alerts that must not break', () => {
  const hostile = (id: string) => ({
    ...obligation(id, 'due'),
    company: 'Acme <a href="https://example.invalid/x">click</a> & <img src=x>',
  });

  it('escapes the body on Linux, where a notification daemon may read it as markup', () => {
    const h = harness('linux');
    h.alerts.refresh();
    h.set(summary([hostile('a')]));
    h.alerts.refresh();
    expect(h.bodies).toEqual([
      'Acme &lt;a href="https://example.invalid/x"&gt;click&lt;/a&gt; &amp; &lt;img src=x&gt;, SRE',
    ]);
  });

  it('leaves the body as typed where notifications are plain text', () => {
    const h = harness('darwin');
    h.alerts.refresh();
    h.set(summary([hostile('a')]));
    h.alerts.refresh();
    expect(h.bodies).toEqual([
      'Acme <a href="https://example.invalid/x">click</a> & <img src=x>, SRE',
    ]);
  });

  it('survives a status that throws, and the next refresh works as usual', () => {
    const h = harness();
    h.set(() => {
      throw new RangeError('Invalid time value');
    });
    expect(() => h.alerts.refresh()).not.toThrow();
    expect(h.errors).toHaveLength(1);
    h.set(summary([obligation('a', 'overdue')]));
    h.alerts.refresh();
    expect(h.badges.at(-1)).toBe(1);
    expect(h.shown).toEqual(['Followthrough']);
  });
});
