/**
 * The People view's use cases: everyone the user tracks, where each takes part, and every
 * note to and from them across applications. A person is one row however many interviews
 * they are in, so editing them (`people:save`, in the workspace service) changes them
 * everywhere at once.
 */
import type {
  PersonApplication,
  PersonDetail,
  PersonNote,
  PersonSummary,
  ReplyEntry,
} from '../../shared/contract';
import type { Application, Person, SentHistoryItem } from '../../shared/model';
import type { WorkspaceRows } from '../domain/application-rows';
import { ServiceError } from './errors';

export interface PeopleServiceDeps {
  /** The workspace rows as the workspace service keeps them (never modified). */
  rows: () => WorkspaceRows;
  /** What went to this person in this application: from Sent, by the app, marked by hand. */
  history: (applicationId: string, personId: string) => SentHistoryItem[];
  /** The application's replies (sure matches), oldest first. */
  replies: (applicationId: string) => ReplyEntry[];
}

export type PeopleService = ReturnType<typeof createPeopleService>;

export function createPeopleService(deps: PeopleServiceDeps) {
  /**
   * Each person's applications, worked out in one pass over the rows (participants through
   * their interviews, and contacts marked by hand), so the list stays quick with a thousand
   * people and hundreds of applications.
   */
  function applicationsByPerson(rows: WorkspaceRows): Map<string, PersonApplication[]> {
    const applications = new Map(rows.applications.map((a) => [a.id, a]));
    const interviewApplication = new Map(rows.interviews.map((i) => [i.id, i.applicationId]));
    const ids = new Map<string, Set<string>>();
    const add = (personId: string, applicationId: string | undefined) => {
      if (applicationId === undefined || !applications.has(applicationId)) return;
      let own = ids.get(personId);
      if (own === undefined) ids.set(personId, (own = new Set()));
      own.add(applicationId);
    };
    for (const p of rows.participants) add(p.personId, interviewApplication.get(p.interviewId));
    for (const c of rows.manualContacts) add(c.personId, c.applicationId);
    const out = new Map<string, PersonApplication[]>();
    for (const [personId, own] of ids) {
      out.set(
        personId,
        [...own]
          .map((id) => personApplication(applications.get(id)!))
          .sort(
            (a, b) => a.company.localeCompare(b.company) || a.roleTitle.localeCompare(b.roleTitle),
          ),
      );
    }
    return out;
  }

  function requirePerson(rows: WorkspaceRows, id: string): Person {
    const person = rows.people.find((p) => p.id === id);
    if (person === undefined) throw new ServiceError('not-found', 'That person no longer exists.');
    return person;
  }

  return {
    /** Everyone, by name (the store's order), with the applications they are part of. */
    directory(): PersonSummary[] {
      const rows = deps.rows();
      const applications = applicationsByPerson(rows);
      return rows.people.map((person) => ({
        person,
        applications: applications.get(person.id) ?? [],
      }));
    },

    /** One person: their interviews and every note to and from them, in every application. */
    person(id: string): PersonDetail {
      const rows = deps.rows();
      const person = requirePerson(rows, id);
      const applications = applicationsByPerson(rows).get(id) ?? [];
      const interviews = new Map(rows.interviews.map((i) => [i.id, i]));
      const own = rows.participants.flatMap((p) => {
        const interview = p.personId === id ? interviews.get(p.interviewId) : undefined;
        return interview === undefined
          ? []
          : [
              {
                id: interview.id,
                applicationId: interview.applicationId,
                kind: interview.kind,
                startsAt: interview.startsAt,
                role: p.role,
              },
            ];
      });
      // A note that counts in several applications is listed once, with each of them.
      const notes = new Map<string, PersonNote>();
      const add = (note: Omit<PersonNote, 'applications'>, application: PersonApplication) => {
        const known = notes.get(note.id);
        if (known === undefined) notes.set(note.id, { ...note, applications: [application] });
        else {
          known.applications.push(application);
          if (known.source === 'mailbox' && note.source === 'app') Object.assign(known, note);
        }
      };
      for (const application of applications) {
        for (const item of deps.history(application.id, id)) {
          add(
            {
              id: item.id,
              direction: 'to',
              at: item.at,
              subject: item.subject,
              source: item.source,
              body: item.body,
              replyClass: null,
            },
            application,
          );
        }
        for (const reply of deps.replies(application.id)) {
          if (reply.personId !== id) continue;
          add(
            {
              id: reply.messageId,
              direction: 'from',
              at: reply.at,
              subject: reply.subject,
              source: 'reply',
              body: null,
              replyClass: reply.reading.replyClass,
            },
            application,
          );
        }
      }
      return {
        person,
        applications,
        interviews: own.sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id)),
        notes: [...notes.values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)),
      };
    },
  };
}

function personApplication(a: Application): PersonApplication {
  return { id: a.id, company: a.company, roleTitle: a.roleTitle, status: a.status };
}
