/**
 * Everyone the workspace knows (interviewers, recruiters), for finding a person by name from
 * the command palette. Read when asked, since only the palette needs the whole list.
 */
import type { Person } from '../../../../shared/model';
import { invoke, messageOf } from '../api';

export class PeopleState {
  people = $state.raw<Person[]>([]);
  loadError = $state<string | null>(null);

  async refresh(): Promise<void> {
    try {
      this.people = await invoke('people:list', undefined);
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  reset(): void {
    this.people = [];
    this.loadError = null;
  }
}
