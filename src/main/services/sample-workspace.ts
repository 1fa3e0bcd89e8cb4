/**
 * A small made-up workspace to look around in: applications at different stages, a panel,
 * notes overdue, due, upcoming and done. Built relative to `now` so it always shows every
 * state, in the user's zone.
 */
import { DateTime } from 'luxon';
import type {
  Application,
  Interview,
  ManualContact,
  Participant,
  Person,
  Workspace,
} from '../../shared/model';

export function buildSampleWorkspace(now: number, timeZone: string): Omit<Workspace, 'settings'> {
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  /** A weekday at least `days` back from today, at `hour`:00 local time. */
  const workdayBefore = (days: number, hour: number) => {
    let d = today.minus({ days });
    while (d.weekday > 5) d = d.minus({ days: 1 });
    return d.set({ hour });
  };
  const at = (d: DateTime) => d.toMillis();
  const created = at(today.minus({ days: 30 }));

  const application = (
    id: string,
    company: string,
    roleTitle: string,
    status: Application['status'],
    domain: string,
    appliedDaysAgo: number,
  ): Application => ({
    id,
    company,
    roleTitle,
    postingUrl: `https://jobs.${domain}/openings/${id}`,
    status,
    appliedOn: today.minus({ days: appliedDaysAgo }).toISODate() ?? null,
    decidedOn: status === 'rejected' ? (today.minus({ days: 3 }).toISODate() ?? null) : null,
    companyDomains: [domain],
    notes: '',
    createdAt: created,
    updatedAt: created,
  });

  const person = (
    id: string,
    name: string,
    title: string,
    company: string,
    email: string | null,
    extra: Partial<Person> = {},
  ): Person => ({
    id,
    name,
    title,
    company,
    emails: email ? [email] : [],
    phone: '',
    firstNameOk: false,
    doNotContact: false,
    notApplicable: false,
    notes: '',
    ...extra,
  });

  const interview = (
    id: string,
    applicationId: string,
    kind: Interview['kind'],
    start: DateTime,
    minutes: number,
    extra: Partial<Interview> = {},
  ): Interview => ({
    id,
    applicationId,
    kind,
    startsAt: at(start),
    endsAt: at(start.plus({ minutes })),
    timeZone,
    location: kind === 'video' || kind === 'phone' ? null : 'Head office, 4th floor',
    decisionBy: null,
    contactPlan: '',
    contactPersonId: null,
    outcome: 'good',
    notes: '',
    cancelled: false,
    ...extra,
  });

  const part = (
    interviewId: string,
    personId: string,
    role: Participant['role'],
    topics: string,
  ): Participant => ({ interviewId, personId, role, topics, notes: '' });

  const applications = [
    application(
      'sample-northwind',
      'Northwind Analytics',
      'Senior Data Engineer',
      'interviewing',
      'northwind.example',
      21,
    ),
    application(
      'sample-bluebird',
      'Bluebird Health',
      'Product Designer',
      'interviewing',
      'bluebird.example',
      14,
    ),
    application(
      'sample-kestrel',
      'Kestrel Robotics',
      'Backend Engineer',
      'interviewing',
      'kestrel.example',
      10,
    ),
    application(
      'sample-orchard',
      'Orchard & Finch',
      'Marketing Lead',
      'interviewing',
      'orchardfinch.example',
      35,
    ),
    application('sample-lumen', 'Lumen Labs', 'Platform Engineer', 'applied', 'lumen.example', 2),
  ];

  const people = [
    person(
      'sample-p-ada',
      'Ada Okafor',
      'Head of Data',
      'Northwind Analytics',
      'ada.okafor@northwind.example',
    ),
    person(
      'sample-p-mei',
      'Mei Tanaka',
      'Staff Engineer',
      'Northwind Analytics',
      'mei.tanaka@northwind.example',
      { firstNameOk: true },
    ),
    person(
      'sample-p-lars',
      'Lars Eriksen',
      'Engineering Manager',
      'Northwind Analytics',
      'lars.eriksen@northwind.example',
    ),
    person(
      'sample-p-rosa',
      'Rosa Delgado',
      'Recruiter',
      'Northwind Analytics',
      'rosa.delgado@northwind.example',
    ),
    person(
      'sample-p-jonas',
      'Jonas Weber',
      'Design Director',
      'Bluebird Health',
      'jonas.weber@bluebird.example',
    ),
    person('sample-p-priya', 'Priya Raman', 'Senior Designer', 'Bluebird Health', null),
    person(
      'sample-p-tom',
      'Tom Becker',
      'Talent Partner',
      'Kestrel Robotics',
      'tom.becker@kestrel.example',
    ),
    person(
      'sample-p-ines',
      'Inès Moreau',
      'VP Marketing',
      'Orchard & Finch',
      'ines.moreau@orchardfinch.example',
    ),
  ];

  const panelStart = workdayBefore(3, 13);
  // A video call that ended an hour ago: its notes are due now.
  const videoStart = DateTime.fromMillis(now, { zone: timeZone })
    .minus({ minutes: 105 })
    .startOf('minute');
  const orchardStart = workdayBefore(9, 10);
  const interviews = [
    interview('sample-i-northwind-panel', 'sample-northwind', 'panel', panelStart, 120, {
      contactPlan: 'Rosa will call within two weeks',
      contactPersonId: 'sample-p-rosa',
      notes: 'Three back-to-back conversations; pipeline design went well.',
    }),
    interview('sample-i-bluebird-video', 'sample-bluebird', 'video', videoStart, 45, {
      location: 'Video call',
    }),
    interview(
      'sample-i-kestrel-phone',
      'sample-kestrel',
      'phone',
      today.plus({ days: 1 }).set({ hour: 15 }),
      30,
    ),
    interview('sample-i-orchard-onsite', 'sample-orchard', 'onsite', orchardStart, 90, {
      decisionBy: today.plus({ days: 4 }).toISODate() ?? null,
      contactPlan: 'Inès will email the decision',
      contactPersonId: 'sample-p-ines',
    }),
  ];

  const participants = [
    part(
      'sample-i-northwind-panel',
      'sample-p-ada',
      'interviewer',
      'Team roadmap for the streaming platform',
    ),
    part(
      'sample-i-northwind-panel',
      'sample-p-mei',
      'interviewer',
      'Schema migrations without downtime',
    ),
    part(
      'sample-i-northwind-panel',
      'sample-p-lars',
      'interviewer',
      'How the on-call rotation works',
    ),
    part('sample-i-northwind-panel', 'sample-p-rosa', 'arranger', ''),
    part(
      'sample-i-bluebird-video',
      'sample-p-jonas',
      'interviewer',
      'Accessibility in the patient app',
    ),
    part('sample-i-bluebird-video', 'sample-p-priya', 'interviewer', 'Design system tokens'),
    part('sample-i-kestrel-phone', 'sample-p-tom', 'interviewer', ''),
    part('sample-i-orchard-onsite', 'sample-p-ines', 'interviewer', 'Brand refresh next spring'),
  ];

  const manualContacts: ManualContact[] = [
    {
      id: 'sample-c-mei-letter',
      applicationId: 'sample-northwind',
      interviewId: 'sample-i-northwind-panel',
      personId: 'sample-p-mei',
      channel: 'linkedin',
      at: at(panelStart.plus({ hours: 5 })),
      note: 'Thanked her on LinkedIn the same evening',
    },
    {
      id: 'sample-c-ines-letter',
      applicationId: 'sample-orchard',
      interviewId: 'sample-i-orchard-onsite',
      personId: 'sample-p-ines',
      channel: 'other-email',
      at: at(orchardStart.plus({ hours: 6 })),
      note: 'Sent from my phone',
    },
  ];

  return {
    applications,
    interviews,
    people,
    participants,
    manualContacts,
    profile: { fullName: 'Sam Rivera', phone: '+1 555 0100', email: 'sam.rivera@example.com' },
  };
}
