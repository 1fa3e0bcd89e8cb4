/**
 * What the People view shows: everyone the user tracks, a search over them, and the one
 * person open with their notes. A person is one row, so saving them changes every interview
 * they are in; the workspace refreshes after the save, as after every write.
 */
import type { PersonDetail, PersonSummary } from '../../../../shared/contract';
import type { Person } from '../../../../shared/model';
import { invoke, messageOf } from '../api';
import type { WorkspaceState } from './workspace.svelte';

/** How many rows the list shows at once: enough to scroll, few enough to stay quick at a thousand. */
export const SHOWN_AT_MOST = 200;

export class PeopleState {
  #directory = $state.raw<PersonSummary[]>([]);
  #detail = $state.raw<PersonDetail | null>(null);
  #loaded = $state(false);
  #error = $state<string | null>(null);
  /** The person last asked for: answers for anyone else arrive too late and are dropped. */
  #wanted: string | null = null;
  /** What the user typed in the search box. */
  query = $state('');

  /** Each person's searchable text, made once per load rather than on every key press. */
  readonly #keys = $derived(this.#directory.map(searchKey));

  /** Everyone who matches the search: every word typed appears in their name, company, title, addresses or applications. */
  readonly matches: PersonSummary[] = $derived.by(() => {
    const words = this.query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return this.#directory;
    return this.#directory.filter((_, i) => words.every((w) => this.#keys[i]!.includes(w)));
  });

  constructor(private readonly workspace: WorkspaceState) {}

  get directory(): readonly PersonSummary[] {
    return this.#directory;
  }

  get detail(): PersonDetail | null {
    return this.#detail;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get error(): string | null {
    return this.#error;
  }

  /** Reads everyone again, and the open person with them. */
  async load(openId: string | null = this.#wanted): Promise<void> {
    this.#wanted = openId;
    try {
      const [directory, detail] = await Promise.all([
        invoke('people:directory', undefined),
        openId === null ? null : invoke('people:get', { id: openId }).catch(() => null),
      ]);
      this.#directory = directory;
      // The user may have opened someone else meanwhile: theirs is the answer that counts.
      if (this.#wanted === openId) this.#detail = detail;
      this.#error = null;
    } catch (error) {
      this.#error = messageOf(error);
    } finally {
      this.#loaded = true;
    }
  }

  /** Opens one person with their interviews and notes. */
  async open(id: string): Promise<void> {
    this.#wanted = id;
    const detail = await invoke('people:get', { id });
    if (this.#wanted === id) this.#detail = detail;
  }

  /** Saves the person everywhere they appear, then shows them as saved. */
  async save(person: Person): Promise<void> {
    await this.workspace.write(() => invoke('people:save', person));
    await this.load(person.id);
  }
}

function searchKey({ person, applications }: PersonSummary): string {
  return [
    person.name,
    person.company,
    person.title,
    ...person.emails,
    ...applications.map((a) => `${a.company} ${a.roleTitle}`),
  ]
    .join(' ')
    .toLowerCase();
}
