import type { ObligationView } from '../../../../shared/contract';
import { noteWhat } from './format';
import { canWrite, isOpen, isSnoozed } from './obligation-groups';

/** One entry of a row's "More" menu. */
export interface MenuItem {
  label: string;
  /** A longer name for screen readers, starting with the visible label. */
  ariaLabel?: string;
  run: () => void;
}

/** What a row can offer in its menu; an action left out is not offered. */
export interface NoteActions {
  /** Offered in the menu only while the note is snoozed (the row's own button wakes it). */
  onWrite?: (o: ObligationView) => void;
  onMarkSent?: (o: ObligationView) => void;
  onSnooze?: (o: ObligationView) => void;
  onSkip?: (o: ObligationView) => void;
  onOpenApplication?: (applicationId: string) => void;
}

/** The "More" menu of a note's row: what can still be done with it, each named for screen readers. */
export function noteMenu(o: ObligationView, actions: NoteActions): MenuItem[] {
  const { onWrite, onMarkSent, onSnooze, onSkip, onOpenApplication } = actions;
  const what = noteWhat(o);
  const open = isOpen(o);
  const snoozed = isSnoozed(o);
  const toPerson = open && o.personId !== null && o.kind !== 'get-address';
  const items: MenuItem[] = [];
  if (snoozed && canWrite(o) && onWrite)
    items.push({ label: 'Write note', ariaLabel: `Write note: ${what}`, run: () => onWrite(o) });
  if (toPerson && onMarkSent) items.push({ label: 'Mark as sent…', run: () => onMarkSent(o) });
  if (open && !snoozed && onSnooze)
    items.push({ label: 'Snooze…', ariaLabel: `Snooze ${what}`, run: () => onSnooze(o) });
  if (toPerson && onSkip)
    items.push({ label: 'Skip', ariaLabel: `Skip ${what}`, run: () => onSkip(o) });
  if (onOpenApplication)
    items.push({
      label: `Open the ${o.company} application`,
      run: () => onOpenApplication(o.applicationId),
    });
  return items;
}
