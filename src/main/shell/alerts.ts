/**
 * Native alerts: the badge shows the overdue count; a notification appears once when a note
 * becomes due, when it becomes overdue, and when someone writes back. At start, one summary
 * instead of a notification per item. Clicking a notification brings the window forward.
 */
import type { StatusSummary } from '../../shared/contract';

interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface AlertDeps {
  app: { setBadgeCount(count: number): boolean };
  Notification: {
    isSupported(): boolean;
    new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
  };
  status: () => StatusSummary;
  focus: () => void;
}

const KIND_WORDS = {
  'thank-you': 'a thank-you note',
  'arranger-thanks': 'a short thanks',
  'check-in': 'a check-in',
  'respond-promptly': 'a reply',
  'get-address': 'an email address',
} as const;

export function createAlerts(deps: AlertDeps) {
  const notified = new Set<string>();
  let started = false;

  const notify = (title: string, body: string) => {
    if (!deps.Notification.isSupported()) return;
    const notification = new deps.Notification({ title, body });
    notification.on('click', deps.focus);
    notification.show();
  };

  return {
    /** Recomputes the badge and raises the notifications that became due since the last call. */
    refresh(): void {
      const summary = deps.status();
      deps.app.setBadgeCount(summary.counts.overdue);
      const fresh = summary.obligations.filter(
        (o) => (o.state === 'due' || o.state === 'overdue') && !notified.has(`${o.id}:${o.state}`),
      );
      for (const o of fresh) notified.add(`${o.id}:${o.state}`);
      if (!started) {
        started = true;
        const overdue = summary.counts.overdue;
        if (overdue > 0)
          notify('Followthrough', `${overdue} ${overdue === 1 ? 'note is' : 'notes are'} overdue.`);
        return;
      }
      for (const o of fresh) {
        const what = KIND_WORDS[o.kind];
        if (o.kind === 'respond-promptly')
          notify(`${o.personName} wrote back`, `${o.company}: answer today if you can.`);
        else if (o.state === 'overdue')
          notify(`Overdue: ${what} for ${o.personName}`, `${o.company}, ${o.roleTitle}`);
        else notify(`Due: ${what} for ${o.personName}`, `${o.company}, ${o.roleTitle}`);
      }
    },
  };
}
