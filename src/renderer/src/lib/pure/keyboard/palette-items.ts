/**
 * What the command palette offers and how a query picks from it: the commands on screen
 * (go to a view, sync, add an application), every application, and every person, each person
 * leading to the application they are part of.
 */
import type { ApplicationSummary } from '../../../../../shared/contract';
import type { Person } from '../../../../../shared/model';
import { STATUS_WORDS } from '../format';
import { rankByQuery } from './fuzzy';
import type { Command } from './commands';

export interface PaletteItem {
  /** Unique in the list; also the DOM id's tail. */
  id: string;
  title: string;
  /** The line under the title: the role, or the person's title and company. */
  detail: string;
  /** What kind of thing it is: "Go to", "Actions", "Application", "Person". */
  tag: string;
  /** The command's keys, to learn them. */
  keys?: readonly string[];
  /** More words a query matches. */
  extra: string;
  run: () => void;
}

export interface PaletteSources {
  commands: readonly Command[];
  applications: readonly ApplicationSummary[];
  people: readonly Person[];
  /** Who is owed what, to tell which application a person belongs to. */
  obligations: readonly { personId: string | null; applicationId: string }[];
  openApplication: (id: string) => void;
  /** Opens a person's page; without it a person leads to their application. */
  openPerson?: (id: string) => void;
}

/** Everything the palette can offer, in the order it shows them before anything is typed. */
export function paletteItems(sources: PaletteSources): PaletteItem[] {
  const goTo = sources.commands.filter((c) => c.group === 'Go to');
  const rest = sources.commands.filter((c) => c.group !== 'Go to');
  const commandItem = (c: Command): PaletteItem => ({
    id: `command-${c.id}`,
    title: c.label,
    detail: '',
    tag: c.group,
    keys: c.keys,
    extra: c.keywords ?? '',
    run: () => c.run?.(),
  });

  const applications = sources.applications.map(({ application: a }): PaletteItem => ({
    id: `application-${a.id}`,
    title: a.company,
    detail: `${a.roleTitle} · ${STATUS_WORDS[a.status]}`,
    tag: 'Application',
    extra: `${a.roleTitle} application`,
    run: () => sources.openApplication(a.id),
  }));

  const people: PaletteItem[] = [];
  for (const p of sources.people) {
    const { openPerson } = sources;
    const applicationId = openPerson ? null : applicationOf(p, sources);
    if (!openPerson && !applicationId) continue;
    people.push({
      id: `person-${p.id}`,
      title: p.name,
      detail: [p.title, p.company].filter(Boolean).join(' · '),
      tag: 'Person',
      extra: `${p.company} ${p.title} ${p.emails.join(' ')}`,
      run: () => (openPerson ? openPerson(p.id) : sources.openApplication(applicationId!)),
    });
  }

  return [...goTo.map(commandItem), ...rest.map(commandItem), ...applications, ...people];
}

/**
 * The application a person belongs to: one where something is owed to them, else the one at
 * their company (same name, any case). Null when there is none.
 */
export function applicationOf(
  person: Pick<Person, 'id' | 'company'>,
  sources: Pick<PaletteSources, 'applications' | 'obligations'>,
): string | null {
  const owed = sources.obligations.find((o) => o.personId === person.id);
  if (owed) return owed.applicationId;
  const company = person.company.trim().toLocaleLowerCase();
  if (!company) return null;
  const found = sources.applications.find(
    (s) => s.application.company.trim().toLocaleLowerCase() === company,
  );
  return found?.application.id ?? null;
}

/** The items that fit a query, best first, at most `limit`. */
export function searchPalette(
  items: readonly PaletteItem[],
  query: string,
  limit = 50,
): PaletteItem[] {
  return rankByQuery(items, query, (i) => ({
    title: i.title,
    extra: `${i.detail} ${i.extra}`,
  })).slice(0, limit);
}
