import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  Application,
  Interview,
  ManualContact,
  Participant,
  Person,
  Workspace,
} from '../../../src/shared/model';
import { DEFAULT_SETTINGS } from '../../../src/shared/model';

/** A fresh directory under the system temp dir, with a cleanup function. */
export function makeTempDir(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'followthrough-store-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function application(overrides: Partial<Application> = {}): Application {
  return {
    id: 'app-1',
    company: 'Acme',
    roleTitle: 'Engineer',
    postingUrl: 'https://acme.example/jobs/1',
    status: 'interviewing',
    appliedOn: '2025-03-01',
    decidedOn: null,
    companyDomains: ['acme.com', 'acme-corp.com'],
    notes: 'Referred by Dana',
    createdAt: 1_740_000_000_000,
    updatedAt: 1_740_000_100_000,
    ...overrides,
  };
}

export function interview(overrides: Partial<Interview> = {}): Interview {
  return {
    id: 'int-1',
    applicationId: 'app-1',
    kind: 'video',
    startsAt: 1_741_000_000_000,
    endsAt: 1_741_003_600_000,
    timeZone: 'Europe/Berlin',
    location: 'https://meet.example/abc',
    decisionBy: '2025-03-14',
    contactPlan: 'Recruiter will email',
    contactPersonId: null,
    outcome: 'unknown',
    notes: '',
    cancelled: false,
    ...overrides,
  };
}

export function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 'person-1',
    name: 'Ada Lovelace',
    title: 'Engineering Manager',
    company: 'Acme',
    emails: ['ada@acme.com', 'ada.l@gmail.com'],
    phone: '+49 30 1234',
    firstNameOk: true,
    doNotContact: false,
    notApplicable: false,
    notes: '',
    ...overrides,
  };
}

export function participant(overrides: Partial<Participant> = {}): Participant {
  return {
    interviewId: 'int-1',
    personId: 'person-1',
    role: 'interviewer',
    topics: 'system design',
    notes: '',
    ...overrides,
  };
}

export function manualContact(overrides: Partial<ManualContact> = {}): ManualContact {
  return {
    id: 'mc-1',
    applicationId: 'app-1',
    interviewId: 'int-1',
    personId: 'person-1',
    channel: 'linkedin',
    at: 1_741_100_000_000,
    note: 'Thanked on LinkedIn',
    ...overrides,
  };
}

/** A small workspace touching every table and every optional field. */
export function sampleWorkspace(): Workspace {
  return {
    applications: [
      application(),
      application({
        id: 'app-2',
        company: 'Globex',
        postingUrl: null,
        status: 'rejected',
        appliedOn: null,
        decidedOn: '2025-04-02',
        companyDomains: [],
        createdAt: 1_740_500_000_000,
      }),
    ],
    interviews: [
      interview(),
      interview({
        id: 'int-2',
        startsAt: 1_742_000_000_000,
        endsAt: 1_742_007_200_000,
        kind: 'onsite',
        location: null,
        decisionBy: null,
        outcome: 'good',
        cancelled: true,
      }),
      interview({ id: 'int-3', applicationId: 'app-2', startsAt: 1_741_500_000_000 }),
    ],
    people: [
      person(),
      person({
        id: 'person-2',
        name: 'Grace Hopper',
        emails: ['grace@acme.com'],
        firstNameOk: false,
        doNotContact: true,
      }),
      person({ id: 'person-3', name: 'Bob', emails: [], notApplicable: true, company: 'Globex' }),
    ],
    participants: [
      participant({ personId: 'person-2', role: 'arranger' }),
      participant(),
      participant({ interviewId: 'int-2', personId: 'person-1' }),
      participant({ interviewId: 'int-3', personId: 'person-3', topics: '', notes: 'kind' }),
    ],
    manualContacts: [
      manualContact(),
      manualContact({ id: 'mc-2', interviewId: null, channel: 'letter', at: 1_741_200_000_000 }),
    ],
    profile: {
      fullName: 'Sam Seeker',
      phone: '+1 555 0100',
      email: 'sam@example.com',
      aliases: ['sam.seeker@home.example'],
    },
    settings: {
      ...DEFAULT_SETTINGS,
      thankYouWindow: '24h',
      weekendDays: [5, 6],
      holidays: ['2025-12-25', '2025-01-01'],
      timeZone: 'America/New_York',
    },
  };
}
