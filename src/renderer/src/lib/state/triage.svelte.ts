/**
 * What the home list does to notes, one or several at once: mark as sent, snooze, skip, and
 * undo the last of these. Views call these methods and never `invoke` themselves; the undo
 * offer lives here so the bar that shows it can sit right where the action was taken.
 */
import type { ObligationView } from '../../../../shared/contract';
import type { ManualChannel } from '../../../../shared/model';
import { invoke, messageOf } from '../api';
import { plural } from '../pure/format';
import type { WorkspaceState } from './workspace.svelte';

/** The last change, with what puts it back. */
export interface UndoOffer {
  /** Grows with each change, so a bar can restart its timer for a new one. */
  serial: number;
  text: string;
  undo: () => Promise<void>;
}

type Noted = ObligationView & { personId: string };

function withPerson(items: readonly ObligationView[]): Noted[] {
  return items.filter((o): o is Noted => o.personId !== null && o.kind !== 'get-address');
}

function notes(count: number): string {
  return plural(count, 'note', 'notes');
}

export class TriageState {
  /** The change that can still be undone, or null. */
  offer = $state.raw<UndoOffer | null>(null);
  /** What went wrong with the last change or undo, in words. */
  error = $state<string | null>(null);
  busy = $state(false);
  #serial = 0;

  constructor(private readonly workspace: WorkspaceState) {}

  /**
   * Marks notes as sent another way. Without details (the `e` key, the bulk action) the
   * contact is now, by the channel the user marked with last.
   */
  async markSent(
    items: readonly ObligationView[],
    input?: { channel: ManualChannel; at: number; note: string },
  ): Promise<void> {
    const targets = withPerson(items);
    if (targets.length === 0) return;
    await this.#run(async () => {
      const details = input ?? {
        channel: (await invoke('settings:get', undefined)).lastManualChannel ?? 'other-email',
        at: Math.floor(this.workspace.clock()),
        note: '',
      };
      const made: string[] = [];
      try {
        for (const o of targets) {
          const contact = await invoke('contacts:mark-sent', {
            applicationId: o.applicationId,
            interviewId: o.interviewId,
            personId: o.personId,
            ...details,
          });
          made.push(contact.id);
        }
      } finally {
        if (made.length > 0)
          this.#offer(
            targets.length === 1
              ? `Marked the note to ${targets[0]!.personName} as sent.`
              : `Marked ${notes(made.length)} as sent.`,
            async () => {
              for (const id of made) await invoke('contacts:unmark', { id });
            },
          );
      }
    });
  }

  /** Quiets notes until a moment; undo wakes them up again. */
  async snooze(items: readonly ObligationView[], until: number): Promise<void> {
    if (items.length === 0) return;
    await this.#run(async () => {
      const done: string[] = [];
      try {
        for (const o of items) {
          await invoke('obligations:snooze', { obligationId: o.id, until });
          done.push(o.id);
        }
      } finally {
        if (done.length > 0)
          this.#offer(
            items.length === 1
              ? `Snoozed the note to ${items[0]!.personName}.`
              : `Snoozed ${notes(done.length)}.`,
            async () => {
              for (const id of done)
                await invoke('obligations:snooze', { obligationId: id, until: null });
            },
          );
      }
    });
  }

  /** Wakes a snoozed note now. */
  async wake(o: ObligationView): Promise<void> {
    await this.#run(async () => {
      await invoke('obligations:snooze', { obligationId: o.id, until: null });
      const until = o.snoozedUntil;
      this.#offer(`${o.personName} is back on the list.`, async () => {
        if (until !== null && until > this.workspace.clock())
          await invoke('obligations:snooze', { obligationId: o.id, until });
      });
    });
  }

  /**
   * Skips notes the user will not write, each on its own: other notes to the same people stay
   * owed. Undo takes the skips back.
   */
  async skip(items: readonly ObligationView[], why = 'Skipped'): Promise<void> {
    const open = items.filter((o) => o.state !== 'done' && o.state !== 'skipped');
    if (open.length === 0) return;
    await this.#run(async () => {
      const skipped: string[] = [];
      try {
        for (const o of open) {
          await invoke('obligations:skip', { obligationId: o.id, skipped: true });
          skipped.push(o.id);
        }
      } finally {
        if (skipped.length > 0)
          this.#offer(
            open.length === 1
              ? `${why}: the note to ${open[0]!.personName}.`
              : `${why}: ${notes(skipped.length)}.`,
            async () => {
              for (const obligationId of skipped)
                await invoke('obligations:skip', { obligationId, skipped: false });
            },
          );
      }
    });
  }

  /** Puts back the last change. */
  async undo(): Promise<void> {
    const offer = this.offer;
    if (!offer) return;
    this.offer = null;
    await this.#run(offer.undo);
  }

  /** Lets the undo offer go (its time is up, or the user closed it). */
  dismiss(serial?: number): void {
    if (serial === undefined || this.offer?.serial === serial) this.offer = null;
  }

  reset(): void {
    this.offer = null;
    this.error = null;
    this.busy = false;
  }

  #offer(text: string, undo: () => Promise<void>): void {
    this.#serial += 1;
    this.offer = { serial: this.#serial, text, undo };
  }

  async #run(change: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await this.workspace.write(change);
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      this.busy = false;
    }
  }
}
