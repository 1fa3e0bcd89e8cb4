/**
 * The interview editor's form: the interview's fields as the user types them (a local date,
 * times and a zone) and the people in it, turned into the `interviews:save` input on save.
 */
import type { ApplicationDetail, ChannelInput } from '../../../../shared/contract';
import type {
  InterviewKind,
  InterviewOutcome,
  ParticipantRole,
  Person,
} from '../../../../shared/model';
import { fromInstant, toInstant } from '../pure/time';

export interface ParticipantDraft {
  /** Stable key for the list; not sent. */
  key: number;
  personId: string | null;
  name: string;
  title: string;
  company: string;
  emails: string;
  phone: string;
  firstNameOk: boolean;
  doNotContact: boolean;
  notApplicable: boolean;
  personNotes: string;
  role: ParticipantRole;
  topics: string;
  notes: string;
}

let nextKey = 1;

export class InterviewDraft {
  interviewId = $state<string | null>(null);
  kind = $state<InterviewKind>('video');
  date = $state('');
  startTime = $state('10:00');
  endTime = $state('11:00');
  timeZone = $state('UTC');
  location = $state('');
  decisionBy = $state('');
  contactPlan = $state('');
  /** The key of the participant who said they would be in touch; null: not said. */
  contactKey = $state<number | null>(null);
  outcome = $state<InterviewOutcome>('unknown');
  notes = $state('');
  cancelled = $state(false);
  participants = $state<ParticipantDraft[]>([]);

  constructor(
    readonly applicationId: string,
    readonly company: string,
    zone: string,
    now: number,
  ) {
    this.timeZone = zone;
    this.date = fromInstant(now, zone).date;
  }

  /** Fills the form from a stored interview and its people. */
  load(detail: ApplicationDetail, interviewId: string): boolean {
    const interview = detail.interviews.find((i) => i.id === interviewId);
    if (!interview) return false;
    const personById = (id: string) => detail.people.find((p) => p.id === id);
    const start = fromInstant(interview.startsAt, interview.timeZone);
    const end = fromInstant(interview.endsAt, interview.timeZone);
    this.interviewId = interview.id;
    this.kind = interview.kind;
    this.date = start.date;
    this.startTime = start.time;
    this.endTime = end.time;
    this.timeZone = interview.timeZone;
    this.location = interview.location ?? '';
    this.decisionBy = interview.decisionBy ?? '';
    this.contactPlan = interview.contactPlan;
    this.outcome = interview.outcome;
    this.notes = interview.notes;
    this.cancelled = interview.cancelled;
    this.participants = detail.participants
      .filter((p) => p.interviewId === interviewId)
      .flatMap((p) => {
        const person = personById(p.personId);
        if (!person) return [];
        return [{ ...fromPerson(person), role: p.role, topics: p.topics, notes: p.notes }];
      });
    this.contactKey =
      this.participants.find((p) => p.personId !== null && p.personId === interview.contactPersonId)
        ?.key ?? null;
    return true;
  }

  addNew(role: ParticipantRole = 'interviewer'): void {
    this.participants.push({
      key: nextKey++,
      personId: null,
      name: '',
      title: '',
      company: this.company,
      emails: '',
      phone: '',
      firstNameOk: false,
      doNotContact: false,
      notApplicable: false,
      personNotes: '',
      role,
      topics: '',
      notes: '',
    });
  }

  addExisting(person: Person, role: ParticipantRole = 'interviewer'): void {
    if (this.participants.some((p) => p.personId === person.id)) return;
    this.participants.push({ ...fromPerson(person), role, topics: '', notes: '' });
  }

  remove(key: number): void {
    this.participants = this.participants.filter((p) => p.key !== key);
    if (this.contactKey === key) this.contactKey = null;
  }

  /** The instants the form stands for, or which field cannot be read. */
  instants(): { startsAt: number; endsAt: number } | { field: string; message: string } {
    if (!this.date) return { field: 'date', message: 'Pick the day of the interview.' };
    const startsAt = toInstant(this.date, this.startTime, this.timeZone);
    if (startsAt === null)
      return { field: 'startsAt', message: 'Enter when the interview starts.' };
    const endsAt = toInstant(this.date, this.endTime, this.timeZone);
    if (endsAt === null) return { field: 'endsAt', message: 'Enter when the interview ends.' };
    return { startsAt, endsAt };
  }

  toInput(times: { startsAt: number; endsAt: number }): ChannelInput<'interviews:save'> {
    return {
      interview: {
        ...(this.interviewId ? { id: this.interviewId } : {}),
        applicationId: this.applicationId,
        kind: this.kind,
        startsAt: times.startsAt,
        endsAt: times.endsAt,
        timeZone: this.timeZone,
        location: this.location.trim() || null,
        decisionBy: this.decisionBy || null,
        contactPlan: this.contactPlan.trim(),
        outcome: this.outcome,
        notes: this.notes,
        cancelled: this.cancelled,
      },
      participants: this.participants.map((p) => ({
        person: {
          ...(p.personId ? { id: p.personId } : {}),
          name: p.name.trim(),
          title: p.title.trim(),
          company: p.company.trim(),
          emails: p.emails
            .split(/[\s,;]+/)
            .map((e) => e.trim())
            .filter(Boolean),
          phone: p.phone.trim(),
          firstNameOk: p.firstNameOk,
          doNotContact: p.doNotContact,
          notApplicable: p.notApplicable,
          notes: p.personNotes,
        },
        role: p.role,
        topics: p.topics,
        notes: p.notes,
        ...(p.key === this.contactKey ? { contact: true } : {}),
      })),
    };
  }
}

function fromPerson(person: Person): Omit<ParticipantDraft, 'role' | 'topics' | 'notes'> {
  return {
    key: nextKey++,
    personId: person.id,
    name: person.name,
    title: person.title,
    company: person.company,
    emails: person.emails.join(', '),
    phone: person.phone,
    firstNameOk: person.firstNameOk,
    doNotContact: person.doNotContact,
    notApplicable: person.notApplicable,
    personNotes: person.notes,
  };
}
