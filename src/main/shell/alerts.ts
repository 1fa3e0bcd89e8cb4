/**
 * Native alerts: the badge shows the overdue count; a notification appears once when a note
 * becomes due, when it becomes overdue, and when someone writes back. At start, one summary
 * instead of a notification per item. Clicking a notification opens its item (the summary
 * opens the home list). A snoozed item stays quiet until its snooze ends.
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
  /** Brings the window forward at an item, or at the home list for null. */
  open: (obligationId: string | null) => void;
  /** Told the overdue count after every refresh (the tray shows it). */
  onCount?: (overdue: number) => void;
  /** Where the alerts run: Linux notification daemons may read the body as markup. */
  platform?: NodeJS.Platform;
  /** Told when a refresh failed; the next refresh tries again. */
  onError?: (error: unknown) => void;
}

/**
 * The body as plain text for a daemon that reads a small HTML-like markup in it (the
 * freedesktop notification spec allows `<b>`, `<a href>`, `<img>`): a company named
 * `<a href=…>` must show as typed, not become a link or an image fetch.
 */
export function notificationBody(text: string, platform: NodeJS.Platform): string {
  if (platform !== 'linux') return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const KIND_WORDS = {
  'thank-you': 'a thank-you note',
  'arranger-thanks': 'a short thanks',
  'check-in': 'a check-in',
  'respond-promptly': 'a reply',
  'get-address': 'an email address',
  'after-rejection': 'a thank-you after the decision',
} as const;

export function createAlerts(deps: AlertDeps) {
  const notified = new Set<string>();
  let started = false;

  const notify = (title: string, body: string, obligationId: string | null) => {
    if (!deps.Notification.isSupported()) return;
    const notification = new deps.Notification({
      title,
      body: notificationBody(body, deps.platform ?? process.platform),
    });
    notification.on('click', () => deps.open(obligationId));
    notification.show();
  };

  return {
    /**
     * Recomputes the badge and raises the notifications that became due since the last call.
     * Never throws: it runs at start and on a timer, and one bad run must stop neither.
     */
    refresh(): void {
      try {
        update();
      } catch (error) {
        deps.onError?.(error);
      }
    },
  };

  function update(): void {
    const awake = deps
      .status()
      .obligations.filter(
        (o) => o.snoozedUntil === null && (o.state === 'due' || o.state === 'overdue'),
      );
    const overdue = awake.filter((o) => o.state === 'overdue').length;
    deps.app.setBadgeCount(overdue);
    deps.onCount?.(overdue);
    const fresh = awake.filter((o) => !notified.has(`${o.id}:${o.state}`));
    for (const o of fresh) notified.add(`${o.id}:${o.state}`);
    if (!started) {
      started = true;
      if (overdue > 0)
        notify(
          'Followthrough',
          `${overdue} ${overdue === 1 ? 'note is' : 'notes are'} overdue.`,
          null,
        );
      return;
    }
    for (const o of fresh) {
      const what = KIND_WORDS[o.kind];
      if (o.kind === 'respond-promptly')
        notify(`${o.personName} wrote back`, `${o.company}: answer today if you can.`, o.id);
      else if (o.state === 'overdue')
        notify(`Overdue: ${what} for ${o.personName}`, `${o.company}, ${o.roleTitle}`, o.id);
      else notify(`Due: ${what} for ${o.personName}`, `${o.company}, ${o.roleTitle}`, o.id);
    }
  }
}
