import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import type { Store } from '../../../src/main/store/store';
import { StoreError } from '../../../src/main/store/store-error';
import {
  APPLICATION_STATUSES,
  DEFAULT_SETTINGS,
  INTERVIEW_KINDS,
  INTERVIEW_OUTCOMES,
  MANUAL_CHANNELS,
  PARTICIPANT_ROLES,
} from '../../../src/shared/model';
import { application, interview, makeTempDir, manualContact, participant, person } from './helpers';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let file: string;

beforeEach(async () => {
  temp = makeTempDir();
  file = path.join(temp.dir, 'followthrough.sqlite');
  store = (await openDatabase(file)).store;
});

afterEach(() => {
  store.close();
  temp.remove();
});

/** One application with an interview, two people taking part, and a manual contact. */
function seed(): void {
  store.saveApplication(application());
  store.saveInterview(interview());
  store.savePerson(person());
  store.savePerson(person({ id: 'person-2', name: 'Grace', emails: ['grace@acme.com'] }));
  store.setParticipants('int-1', [
    participant(),
    participant({ personId: 'person-2', role: 'arranger' }),
  ]);
  store.saveManualContact(manualContact());
}

describe('applications', () => {
  it('saves, reads, updates and lists by creation time', () => {
    const first = application({ id: 'b', createdAt: 2 });
    const second = application({ id: 'a', createdAt: 3, postingUrl: null, companyDomains: [] });
    store.saveApplication(second);
    store.saveApplication(first);

    expect(store.getApplication('b')).toEqual(first);
    expect(store.getApplication('a')).toEqual(second);
    expect(store.getApplication('zzz')).toBeNull();
    expect(store.listApplications()).toEqual([first, second]);

    const updated = { ...first, status: 'offer' as const, companyDomains: ['z.com', 'a.com'] };
    store.saveApplication(updated);
    expect(store.getApplication('b')).toEqual(updated);
    expect(store.listApplications()).toHaveLength(2);
  });

  it('accepts every status in the model and refuses others', () => {
    for (const status of APPLICATION_STATUSES) {
      store.saveApplication(application({ id: status, status }));
    }
    expect(store.listApplications()).toHaveLength(APPLICATION_STATUSES.length);
    expect(() => store.saveApplication(application({ status: 'ghosted' as never }))).toThrow(
      /CHECK constraint/,
    );
  });

  it('updating an application keeps its interviews (upsert, not replace)', () => {
    seed();
    store.saveApplication(application({ notes: 'changed' }));
    expect(store.listInterviews('app-1')).toHaveLength(1);
    expect(store.listManualContacts('app-1')).toHaveLength(1);
  });

  it('deleting cascades to interviews, participants and manual contacts', () => {
    seed();
    expect(store.deleteApplication('app-1')).toBe(true);
    expect(store.deleteApplication('app-1')).toBe(false);
    expect(store.listInterviews()).toEqual([]);
    expect(store.listParticipants()).toEqual([]);
    expect(store.listManualContacts()).toEqual([]);
    expect(store.listPeople()).toHaveLength(2);
  });
});

describe('interviews', () => {
  it('saves, reads, lists by start and filters by application', () => {
    store.saveApplication(application());
    store.saveApplication(application({ id: 'app-2' }));
    const late = interview({ id: 'late', startsAt: 300, endsAt: 400, cancelled: true });
    const early = interview({ id: 'early', startsAt: 100, endsAt: 200, location: null });
    const other = interview({ id: 'other', applicationId: 'app-2', startsAt: 200, endsAt: 250 });
    store.saveInterview(late);
    store.saveInterview(early);
    store.saveInterview(other);

    expect(store.getInterview('late')).toEqual(late);
    expect(store.getInterview('nope')).toBeNull();
    expect(store.listInterviews().map((i) => i.id)).toEqual(['early', 'other', 'late']);
    expect(store.listInterviews('app-1')).toEqual([early, late]);
    expect(store.listInterviews('none')).toEqual([]);
  });

  it('accepts every kind and outcome in the model', () => {
    store.saveApplication(application());
    INTERVIEW_KINDS.forEach((kind, n) => store.saveInterview(interview({ id: `k${n}`, kind })));
    INTERVIEW_OUTCOMES.forEach((outcome, n) =>
      store.saveInterview(interview({ id: `o${n}`, outcome })),
    );
    expect(store.listInterviews()).toHaveLength(INTERVIEW_KINDS.length + INTERVIEW_OUTCOMES.length);
  });

  it('needs an existing application', () => {
    expect(() => store.saveInterview(interview({ applicationId: 'missing' }))).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('deleting removes its participants and unlinks its manual contacts', () => {
    seed();
    expect(store.deleteInterview('int-1')).toBe(true);
    expect(store.deleteInterview('int-1')).toBe(false);
    expect(store.listParticipants()).toEqual([]);
    expect(store.listManualContacts()).toEqual([{ ...manualContact(), interviewId: null }]);
  });
});

describe('people', () => {
  it('keeps addresses in order, lower-cased, without blanks or repeats', () => {
    const ada = person({ emails: ['  Ada@ACME.com', 'z@x.org', '', 'ADA@acme.com', 'b@x.org'] });
    store.savePerson(ada);
    expect(store.getPerson(ada.id)?.emails).toEqual(['ada@acme.com', 'z@x.org', 'b@x.org']);

    store.savePerson({ ...ada, emails: ['b@x.org', 'ada@acme.com'] });
    expect(store.getPerson(ada.id)).toEqual({ ...ada, emails: ['b@x.org', 'ada@acme.com'] });
  });

  it('lists by name with every address, and reads one by id', () => {
    const zed = person({ id: 'p-z', name: 'Zed', emails: ['z1@a.com', 'z0@a.com'] });
    const amy = person({ id: 'p-a', name: 'Amy', emails: [], doNotContact: true });
    store.savePerson(zed);
    store.savePerson(amy);
    expect(store.listPeople()).toEqual([amy, zed]);
    expect(store.getPerson('p-z')).toEqual(zed);
    expect(store.getPerson('nobody')).toBeNull();
  });

  it('finds a person by any address, whatever the case', () => {
    store.savePerson(person());
    expect(store.findPersonByEmail('ADA@Acme.COM')?.id).toBe('person-1');
    expect(store.findPersonByEmail(' ada.l@gmail.com ')?.id).toBe('person-1');
    expect(store.findPersonByEmail('nobody@acme.com')).toBeNull();
  });

  it('prefers the person whose main address it is when two share one', () => {
    store.savePerson(person({ id: 'a', emails: ['x@acme.com', 'team@acme.com'] }));
    store.savePerson(person({ id: 'b', emails: ['team@acme.com'] }));
    expect(store.findPersonByEmail('team@acme.com')?.id).toBe('b');
  });

  it('deleting cascades to addresses, participations and manual contacts', () => {
    seed();
    expect(store.deletePerson('person-1')).toBe(true);
    expect(store.deletePerson('person-1')).toBe(false);
    expect(store.findPersonByEmail('ada@acme.com')).toBeNull();
    expect(store.listParticipants().map((p) => p.personId)).toEqual(['person-2']);
    expect(store.listManualContacts()).toEqual([]);
    expect(store.listInterviews()).toHaveLength(1);
  });
});

describe('participants', () => {
  it('setParticipants replaces the list of one interview, keeping the given order', () => {
    seed();
    store.saveInterview(interview({ id: 'int-2' }));
    store.setParticipants('int-2', [participant({ interviewId: 'int-2' })]);

    const replacement = [
      participant({ personId: 'person-2', role: 'interviewer', topics: 'culture' }),
      participant({ role: 'arranger' }),
      participant({ role: 'interviewer', notes: 'asked about Rust' }),
    ];
    store.setParticipants('int-1', replacement);

    expect(store.listParticipants('int-1')).toEqual(replacement);
    expect(store.listParticipants('int-2')).toEqual([participant({ interviewId: 'int-2' })]);
    expect(store.listParticipants()).toEqual([
      ...replacement,
      participant({ interviewId: 'int-2' }),
    ]);

    store.setParticipants('int-1', []);
    expect(store.listParticipants('int-1')).toEqual([]);
  });

  it('accepts every role in the model', () => {
    seed();
    store.setParticipants(
      'int-1',
      PARTICIPANT_ROLES.map((role) => participant({ role })),
    );
    expect(store.listParticipants('int-1')).toHaveLength(PARTICIPANT_ROLES.length);
  });

  it('leaves the old list when the new one is refused', () => {
    seed();
    const before = store.listParticipants('int-1');
    expect(() =>
      store.setParticipants('int-1', [participant(), participant({ personId: 'ghost' })]),
    ).toThrow(/FOREIGN KEY/);
    expect(() => store.setParticipants('int-1', [participant(), participant()])).toThrow(/UNIQUE/);
    expect(store.listParticipants('int-1')).toEqual(before);
  });

  it('refuses a participant of another interview', () => {
    seed();
    expect(() => store.setParticipants('int-1', [participant({ interviewId: 'int-9' })])).toThrow(
      StoreError,
    );
  });
});

describe('manual contacts', () => {
  it('saves, updates, lists by time and deletes', () => {
    seed();
    const later = manualContact({ id: 'mc-0', at: 2_000_000_000_000, channel: 'phone' });
    store.saveManualContact(later);
    expect(store.listManualContacts().map((c) => c.id)).toEqual(['mc-1', 'mc-0']);
    expect(store.listManualContacts('app-1')).toHaveLength(2);
    expect(store.listManualContacts('other')).toEqual([]);

    store.saveManualContact({ ...later, note: 'called', interviewId: null });
    expect(store.listManualContacts()[1]).toEqual({ ...later, note: 'called', interviewId: null });

    expect(store.deleteManualContact('mc-0')).toBe(true);
    expect(store.deleteManualContact('mc-0')).toBe(false);
    expect(store.listManualContacts()).toEqual([manualContact()]);
  });

  it('accepts every channel and needs existing references', () => {
    seed();
    MANUAL_CHANNELS.forEach((channel, n) =>
      store.saveManualContact(manualContact({ id: `c${n}`, channel })),
    );
    expect(store.listManualContacts()).toHaveLength(MANUAL_CHANNELS.length + 1);
    expect(() => store.saveManualContact(manualContact({ id: 'x', personId: 'ghost' }))).toThrow(
      /FOREIGN KEY/,
    );
  });
});

describe('profile and settings', () => {
  it('profile is empty until saved, then kept as one row', () => {
    expect(store.getProfile()).toEqual({ fullName: '', phone: '', email: '', aliases: [] });
    store.saveProfile({ fullName: 'Sam', phone: '1', email: 'sam@example.com' });
    store.saveProfile({
      fullName: 'Sam Seeker',
      phone: '2',
      email: 'Sam@Example.com',
      aliases: ['sam@home.example'],
    });
    expect(store.getProfile()).toEqual({
      fullName: 'Sam Seeker',
      phone: '2',
      email: 'Sam@Example.com',
      aliases: ['sam@home.example'],
    });
    store.saveProfile({
      fullName: 'Sam Seeker',
      phone: '2',
      email: 'Sam@Example.com',
      aliases: [],
    });
    expect(store.getProfile().aliases).toEqual([]);
  });

  it('settings are the defaults until saved, and returned as fresh copies', () => {
    const settings = store.getSettings();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    settings.weekendDays.push(5);
    expect(store.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.weekendDays).toEqual([6, 7]);
  });

  it('settings round-trip, with list order kept', () => {
    const saved = {
      ...DEFAULT_SETTINGS,
      thankYouWindow: 'same-day' as const,
      notBeforeHours: 1.5,
      weekendDays: [7, 5],
      holidays: ['2025-12-26', '2025-12-25'],
      thankArranger: false,
      timeZone: 'Asia/Tokyo',
    };
    store.saveSettings(saved);
    expect(store.getSettings()).toEqual(saved);
  });

  it('a stored field that is missing or unreadable takes its default', async () => {
    store.close();
    const opened = await openDatabase(file);
    opened.db
      .prepare('INSERT INTO settings (id, json) VALUES (1, @json)')
      .run({ json: JSON.stringify({ notBeforeHours: 4, weekendDays: 'weekends', extra: true }) });
    store = opened.store;
    expect(store.getSettings()).toEqual({ ...DEFAULT_SETTINGS, notBeforeHours: 4 });
  });
});

describe('transactions', () => {
  it('rolls back everything in a failed transaction, nested calls included', () => {
    expect(() =>
      store.transaction(() => {
        store.saveApplication(application());
        store.savePerson(person());
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(store.listApplications()).toEqual([]);
    expect(store.listPeople()).toEqual([]);
  });

  it('returns the value of the function', () => {
    expect(store.transaction(() => store.transaction(() => 42))).toBe(42);
  });
});
