/**
 * Calendar invitations waiting for the user, shared by the invitations view and the drop
 * zone: importing a file here shows up there. Every change goes through main; this only
 * keeps the list and what the last import found, in words.
 */
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import type {
  IcsImportOutcome,
  InvitationView,
  UnreadableInvitation,
} from '../../../../shared/model';
import { invoke, messageOf } from '../api';
import { plural } from '../pure/format';

/** The contract's limit, checked here too so a huge file is not read at all. */
export const MAX_ICS_BYTES = 1_000_000;

export interface InvitationMessage {
  kind: 'success' | 'info' | 'error';
  text: string;
}

/** Whether a dropped or chosen file looks like a calendar file. */
export function isCalendarFile(file: { name: string; type: string }): boolean {
  return (
    /\.ics$/i.test(file.name) || file.type === 'text/calendar' || file.type === 'application/ics'
  );
}

/** One sentence about what an import found. */
export function describeImport(fileName: string, outcomes: IcsImportOutcome[]): InvitationMessage {
  const added = outcomes.filter((o) => o.outcome === 'new' || o.outcome === 'updated').length;
  const waiting = outcomes.filter((o) => o.outcome === 'duplicate' || o.outcome === 'older').length;
  if (added > 0) {
    return {
      kind: 'success',
      text: `${fileName}: ${plural(added, 'invitation', 'invitations')} to look at below.`,
    };
  }
  if (waiting > 0) {
    return { kind: 'info', text: `${fileName}: this invitation is already waiting below.` };
  }
  return {
    kind: 'info',
    text: `${fileName}: nothing to do, your interviews already match this invitation.`,
  };
}

export class InvitationsState {
  items = $state.raw<InvitationView[]>([]);
  /** Inbox invitations that could not be read, until the user dismisses each. */
  unreadable = $state.raw<UnreadableInvitation[]>([]);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** What the last import, accept or dismiss did, for a status line. */
  message = $state<InvitationMessage | null>(null);
  importing = $state(false);

  get count(): number {
    return this.items.length;
  }

  async refresh(): Promise<void> {
    try {
      const [items, unreadable] = await Promise.all([
        invoke('invitations:list', undefined),
        invoke('invitations:unreadable', undefined),
      ]);
      this.items = items;
      this.unreadable = unreadable;
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    } finally {
      this.loaded = true;
    }
  }

  /** Reads a chosen or dropped file and sends its text to main; the outcome lands in `message`. */
  async importFile(file: File): Promise<IcsImportOutcome[]> {
    this.message = null;
    if (!isCalendarFile(file)) {
      this.message = {
        kind: 'error',
        text: `${file.name} is not a calendar file. Choose an invitation ending in .ics.`,
      };
      return [];
    }
    if (file.size > MAX_ICS_BYTES) {
      this.message = {
        kind: 'error',
        text: `${file.name} is larger than 1 MB, too large for a calendar invitation.`,
      };
      return [];
    }
    this.importing = true;
    try {
      const text = await file.text();
      const outcomes = await invoke('invitations:import', { text, fileName: file.name });
      this.message = describeImport(file.name, outcomes);
      await this.refresh();
      return outcomes;
    } catch (error) {
      this.message = { kind: 'error', text: messageOf(error) };
      return [];
    } finally {
      this.importing = false;
    }
  }

  /** The interviews as one calendar file. */
  exportCalendar(): Promise<ChannelOutput<'calendar:export'>> {
    return invoke('calendar:export', {});
  }

  async accept(input: ChannelInput<'invitations:accept'>) {
    const result = await invoke('invitations:accept', input);
    await this.refresh();
    return result;
  }

  async dismiss(id: string): Promise<void> {
    await invoke('invitations:dismiss', { id });
    await this.refresh();
  }

  async dismissUnreadable(id: string): Promise<void> {
    await invoke('invitations:dismiss-unreadable', { id });
    await this.refresh();
  }
}
