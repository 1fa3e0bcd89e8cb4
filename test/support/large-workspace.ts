/**
 * A large made-up workspace for tests and benchmarks: 300 applications, about 920 people and
 * about 1,000 open notes in every state the home view groups (overdue, due today, upcoming,
 * waiting for the check-in date, done). Deterministic for a seed and built relative to `now`
 * in the user's zone, like the sample workspace, so the states hold on any day. It goes in
 * through the import format (`Workspace`), the way a user's exported file comes back.
 */
import { DateTime } from 'luxon';
import type { Services } from '../../src/main/services';
import type {
  Application,
  Interview,
  ManualChannel,
  ManualContact,
  Participant,
  Person,
  Workspace,
} from '../../src/shared/model';
import { DEFAULT_SETTINGS } from '../../src/shared/model';
import { createRandom, type Random } from '../../bench/stats';

export interface LargeWorkspaceOptions {
  /** The instant the states are meant for (the bridge's clock). */
  now: number;
  /** The user's zone; interviews are held in it. */
  timeZone?: string;
  seed?: number;
}

export const LARGE_APPLICATIONS = 300;

const ZONE = 'Europe/Berlin';
const HOUR = 3_600_000;

const COMPANY_FIRST = [
  'Amber',
  'Basalt',
  'Cedar',
  'Delta',
  'Ember',
  'Fjord',
  'Granite',
  'Harbor',
  'Indigo',
  'Juniper',
  'Kelp',
  'Lantern',
  'Meadow',
  'Nimbus',
  'Onyx',
  'Pioneer',
  'Quarry',
  'Riverside',
  'Summit',
  'Tundra',
];
const COMPANY_SECOND = [
  'Analytics',
  'Health',
  'Robotics',
  'Logistics',
  'Energy',
  'Software',
  'Payments',
  'Studios',
  'Foods',
  'Mobility',
  'Insurance',
  'Learning',
  'Security',
  'Media',
  'Biotech',
];
const ROLES = [
  'Backend Engineer',
  'Senior Data Engineer',
  'Product Designer',
  'Platform Engineer',
  'Engineering Manager',
  'Marketing Lead',
  'Frontend Engineer',
  'Site Reliability Engineer',
  'Product Manager',
  'Data Scientist',
];
const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloé',
  'Dmitri',
  'Elif',
  'Farah',
  'Gustav',
  'Hana',
  'Ilse',
  'Jonas',
  'Kwame',
  'Léa',
  'Mateo',
  'Nadia',
  'Oskar',
  'Priya',
  'Rosa',
  'Søren',
  'Tomás',
  'Uma',
  'Vera',
  'Wei',
  'Yusuf',
  'Zoë',
];
const LAST_NAMES = [
  'Okafor',
  'Müller',
  'Garcia',
  'Nakamura',
  'Kowalski',
  'Johansson',
  'Dubois',
  'Rossi',
  'Novak',
  'Papadopoulos',
  'Yılmaz',
  'Chen',
  'Fernandes',
  'Jensen',
  'Haddad',
  'Singh',
  'Kim',
  'Nguyen',
  'Lindqvist',
  'Moreau',
  'Sato',
  'Tanaka',
  'Walsh',
  'Zimmermann',
];
const INTERVIEWER_TITLES = [
  'Engineering Manager',
  'Staff Engineer',
  'Head of Product',
  'Senior Designer',
  'Director of Data',
  'Team Lead',
];
const ARRANGER_TITLES = ['Recruiter', 'Talent Partner', 'Recruiting Coordinator'];
const TOPICS = [
  'Schema migrations without downtime',
  'How the on-call rotation works',
  'Design system tokens',
  'Hiring plans for next year',
  'The move to event sourcing',
  'Accessibility in the mobile app',
  'Pricing experiments',
  '',
];

/**
 * What happened in an application's latest round, which decides its notes' states:
 * nothing sent after it ended days ago (overdue), it ended on the last business day (due
 * today), earlier today (due tomorrow), it is still to come, every note went out (a check-in
 * waits), or some went out.
 */
type Scenario = 'overdue' | 'due-today' | 'just-ended' | 'coming' | 'thanked' | 'partly';

const SCENARIOS: readonly [Scenario, number][] = [
  ['overdue', 0.26],
  ['due-today', 0.14],
  ['just-ended', 0.08],
  ['coming', 0.22],
  ['thanked', 0.18],
  ['partly', 0.12],
];

function scenario(random: Random): Scenario {
  let r = random.next();
  for (const [name, weight] of SCENARIOS) {
    if (r < weight) return name;
    r -= weight;
  }
  return 'overdue';
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The large workspace as the import format takes it. */
export function buildLargeWorkspace(options: LargeWorkspaceOptions): Workspace {
  const random = createRandom(options.seed ?? 20_261_124);
  const zone = options.timeZone ?? ZONE;
  const now = DateTime.fromMillis(options.now, { zone });
  const today = now.startOf('day');
  const isWorkday = (d: DateTime) => d.weekday <= 5;
  /** The business day `days` business days before today, at `hour`:`minute`. */
  const workdaysBefore = (days: number, hour: number, minute = 0) => {
    let d = today;
    for (let left = days; left > 0;) {
      d = d.minus({ days: 1 });
      if (isWorkday(d)) left -= 1;
    }
    return d.set({ hour, minute });
  };
  const created = today.minus({ days: 60 }).toMillis();

  const applications: Application[] = [];
  const interviews: Interview[] = [];
  const people: Person[] = [];
  const participants: Participant[] = [];
  const manualContacts: ManualContact[] = [];
  const sentBy = (
    applicationId: string,
    interview: Interview,
    personId: string,
    hoursAfter: number,
  ) => {
    const at = Math.min(interview.endsAt + hoursAfter * HOUR, options.now - HOUR);
    const channel: ManualChannel = random.chance(0.7)
      ? 'other-email'
      : random.pick(['linkedin', 'letter', 'in-person'] as const);
    manualContacts.push({
      id: `large-c-${manualContacts.length}`,
      applicationId,
      interviewId: interview.id,
      personId,
      channel,
      at,
      note: '',
    });
  };

  for (let a = 0; a < LARGE_APPLICATIONS; a++) {
    const company = `${COMPANY_FIRST[a % COMPANY_FIRST.length]} ${COMPANY_SECOND[Math.floor(a / COMPANY_FIRST.length) % COMPANY_SECOND.length]}`;
    const domain = `${slug(company)}.example`;
    const applicationId = `large-a-${a}`;
    const rejected = random.chance(0.04);
    const appliedDaysAgo = random.int(20, 70);
    applications.push({
      id: applicationId,
      company,
      roleTitle: random.pick(ROLES),
      postingUrl: `https://jobs.${domain}/openings/${a}`,
      status: rejected ? 'rejected' : 'interviewing',
      appliedOn: today.minus({ days: appliedDaysAgo }).toISODate(),
      decidedOn: rejected ? today.minus({ days: random.int(1, 5) }).toISODate() : null,
      companyDomains: [domain],
      notes: '',
      createdAt: created,
      updatedAt: created,
    });

    // The same arranger and hiring manager in every round; other interviewers in one each.
    const person = (title: string): Person => {
      const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
      const p: Person = {
        id: `large-p-${people.length}`,
        name,
        title,
        company,
        emails: random.chance(0.03) ? [] : [`${slug(name)}.${people.length}@${domain}`],
        phone: '',
        firstNameOk: random.chance(0.3),
        doNotContact: false,
        notApplicable: false,
        notes: '',
      };
      people.push(p);
      return p;
    };
    const arranger = person(random.pick(ARRANGER_TITLES));
    const manager = person(random.pick(INTERVIEWER_TITLES));
    const extras = Array.from({ length: random.pick([0, 1, 1, 1, 2]) }, () =>
      person(random.pick(INTERVIEWER_TITLES)),
    );

    const rounds = random.pick([1, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    const latest = scenario(random);
    let start: DateTime;
    switch (latest) {
      case 'overdue':
        start = workdaysBefore(random.int(2, 9), random.int(9, 15));
        break;
      case 'due-today':
        start = workdaysBefore(1, random.int(9, 15));
        break;
      case 'just-ended':
        start = now.minus({ minutes: random.int(90, 240) }).startOf('hour');
        break;
      case 'coming':
        start = today.plus({ days: random.int(1, 9) }).set({ hour: random.int(9, 16) });
        break;
      case 'thanked':
        start = workdaysBefore(random.int(3, 14), random.int(9, 15));
        break;
      case 'partly':
        start = workdaysBefore(random.int(2, 6), random.int(9, 15));
        break;
    }
    // Earlier rounds one to two weeks apart, before the latest.
    const starts = [start];
    for (let r = 1; r < rounds; r++) {
      starts.unshift(starts[0]!.minus({ days: random.int(7, 14) }));
    }
    starts.forEach((roundStart, r) => {
      const isLatest = r === starts.length - 1;
      const minutes = random.pick([30, 45, 60, 90, 120]);
      const kind =
        r === 0
          ? random.pick(['phone', 'video'] as const)
          : random.pick(['onsite', 'panel'] as const);
      const interview: Interview = {
        id: `large-i-${a}-${r}`,
        applicationId,
        kind,
        startsAt: roundStart.toMillis(),
        endsAt: roundStart.plus({ minutes }).toMillis(),
        timeZone: zone,
        location: kind === 'onsite' || kind === 'panel' ? 'Head office' : null,
        decisionBy:
          isLatest && random.chance(0.3)
            ? (roundStart.plus({ days: random.int(3, 10) }).toISODate() ?? null)
            : null,
        contactPlan: '',
        contactPersonId: isLatest && random.chance(0.5) ? arranger.id : null,
        outcome: random.pick(['unknown', 'good', 'mixed'] as const),
        notes: '',
        cancelled: false,
      };
      interviews.push(interview);
      const round = [
        { person: arranger, role: 'arranger' as const },
        { person: manager, role: 'interviewer' as const },
        ...extras
          .filter((_, e) => e % rounds === r)
          .map((p) => ({ person: p, role: 'interviewer' as const })),
      ];
      for (const { person: p, role } of round) {
        participants.push({
          interviewId: interview.id,
          personId: p.id,
          role,
          topics: role === 'interviewer' ? random.pick(TOPICS) : '',
          notes: '',
        });
        if (p.emails.length === 0) continue;
        // Earlier rounds: some notes went out. The latest: as its scenario says.
        const sent = isLatest
          ? latest === 'thanked' || (latest === 'partly' && random.chance(0.5))
          : random.chance(0.5);
        if (sent) sentBy(applicationId, interview, p.id, random.int(2, 8));
      }
    });
  }

  return {
    applications,
    interviews,
    people,
    participants,
    manualContacts,
    profile: { fullName: 'Sam Rivera', phone: '+1 555 0100', email: 'sam.rivera@example.com' },
    settings: { ...DEFAULT_SETTINGS, timeZone: zone },
  };
}

/** Replaces the services' workspace with the large one, through the import. */
export function loadLargeWorkspace(services: Services, options: LargeWorkspaceOptions): Workspace {
  const workspace = buildLargeWorkspace(options);
  services.workspace.importWorkspace(workspace);
  return workspace;
}
