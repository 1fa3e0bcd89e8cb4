import { describe, expect, it } from 'vitest';
import type {
  CalendarAttendee,
  CalendarInvite,
  InterviewInviteLink,
  InterviewKind,
  InvitationProposal,
} from '../../../src/shared/model';
import {
  displayName,
  planAcceptance,
  proposeInvitation,
  type InvitationWorkspace,
} from '../../../src/main/domain/invitations';
import { application, at, interview, participant, person } from './factory';

const ME = 'sam.carter@example.net';

function guest(
  email: string,
  name: string | null,
  extra: Partial<CalendarAttendee> = {},
): CalendarAttendee {
  return {
    email,
    name,
    role: 'REQ-PARTICIPANT',
    partstat: 'NEEDS-ACTION',
    kind: 'individual',
    ...extra,
  };
}

/** A Google-style panel invitation from Acme's recruiter; each case changes what it needs. */
function invite(overrides: Partial<CalendarInvite> = {}): CalendarInvite {
  return {
    uid: 'panel-1@google.com',
    sequence: 0,
    method: 'REQUEST',
    status: 'confirmed',
    cancelled: false,
    summary: 'Panel interview – Senior Data Engineer',
    description: '',
    startsAt: at('2026-12-01T14:00'),
    endsAt: at('2026-12-01T15:30'),
    timeZone: 'Europe/Berlin',
    allDay: false,
    location: null,
    meetingLink: 'https://meet.google.com/xkt-uvmw-qpa',
    organizer: { name: 'Lena Vogel', email: 'lena.vogel@acme.com' },
    attendees: [
      guest('lena.vogel@acme.com', 'Lena Vogel', { partstat: 'ACCEPTED' }),
      guest(ME, null),
      guest('ada.okafor@acme.com', 'Ada Okafor'),
      guest('mei.tanaka@acme.com', 'Mei Tanaka'),
      guest('jonas.weber@acme.com', null),
      guest('c_18@resource.calendar.google.com', 'Berlin-3 (8)', { kind: 'resource' }),
    ],
    recurrence: null,
    stampedAt: null,
    ...overrides,
  };
}

const EMPTY: InvitationWorkspace = {
  applications: [],
  interviews: [],
  people: [],
  participants: [],
  links: [],
};

function propose(
  invitation: CalendarInvite,
  workspace: Partial<InvitationWorkspace> = {},
): InvitationProposal {
  return proposeInvitation({
    ...EMPTY,
    ...workspace,
    invite: invitation,
    userAddresses: [ME, 'Sam@Home.example'],
    userTimeZone: 'Europe/Berlin',
  });
}

const roles = (p: InvitationProposal) => p.people.map((x) => [x.name, x.suggested]);

describe('who the interviewers are', () => {
  it('leaves out the user, rooms and no-reply senders; whoever sent a panel takes part unless they look like a recruiter', () => {
    const p = propose(invite());
    expect(roles(p)).toEqual([
      ['Lena Vogel', 'interviewer'],
      ['Ada Okafor', 'interviewer'],
      ['Mei Tanaka', 'interviewer'],
      ['Jonas Weber', 'interviewer'],
    ]);
    expect(p.excluded.map((e) => [e.email, e.reason])).toEqual([
      [ME, 'That is you.'],
      ['c_18@resource.calendar.google.com', 'A room or resource, not a person.'],
    ]);
  });

  it.each([
    {
      case: 'organiser whose title says recruiter',
      organizer: { name: 'Lena Vogel (Talent Acquisition)', email: 'lena.vogel@acme.com' },
      expected: 'arranger',
    },
    {
      case: 'organiser writing from a recruiting mailbox',
      organizer: { name: null, email: 'recruiting@acme.com' },
      expected: 'arranger',
    },
    {
      case: 'organiser who is not on the guest list (Outlook lists no organiser)',
      organizer: { name: 'Ines Roth', email: 'ines.roth@acme.com' },
      expected: 'interviewer',
    },
    {
      case: 'organiser of a panel from the people-ops team',
      organizer: { name: 'Ines Roth', email: 'people-ops@acme.com' },
      expected: 'arranger',
    },
    {
      case: 'organiser writing through a scheduling tool',
      organizer: { name: 'Acme Interviews', email: 'acme-interviews@goodtime.io' },
      expected: 'arranger',
    },
    {
      case: 'organiser named as an engineering manager',
      organizer: { name: 'Lena Vogel, Engineering Manager', email: 'lena.vogel@acme.com' },
      expected: 'interviewer',
    },
    {
      case: 'organiser whose title says hiring manager',
      organizer: { name: 'Lena Vogel (Hiring Manager)', email: 'lena.vogel@acme.com' },
      expected: 'interviewer',
    },
    {
      case: 'organiser whose title says head of data',
      organizer: { name: 'Lena Vogel – Head of Data', email: 'lena.vogel@acme.com' },
      expected: 'interviewer',
    },
    {
      case: 'organiser whose title says talent acquisition manager',
      organizer: { name: 'Lena Vogel, Talent Acquisition Manager', email: 'lena.vogel@acme.com' },
      expected: 'arranger',
    },
    {
      case: 'hiring manager who sends the invitation and meets the user with one colleague',
      organizer: { name: 'Lena Vogel', email: 'lena.vogel@acme.com' },
      attendees: [
        guest('lena.vogel@acme.com', 'Lena Vogel'),
        guest(ME, null),
        guest('ada.okafor@acme.com', 'Ada Okafor'),
      ],
      expected: 'interviewer',
    },
  ])('$case → $expected', ({ organizer, attendees, expected }) => {
    const p = propose(invite({ organizer, ...(attendees ? { attendees } : {}) }));
    expect(p.people[0]).toMatchObject({ email: organizer.email, suggested: expected });
    expect(p.people.filter((x) => x.suggested === 'arranger').length).toBeLessThanOrEqual(1);
  });

  it('a recruiter alone with the user on a phone screen is the interviewer', () => {
    const p = propose(
      invite({
        summary: 'Phone screen with Sam',
        organizer: { name: 'Rosa Delgado', email: 'talent@acme.com' },
        attendees: [guest(ME, 'Sam Carter'), guest('talent@acme.com', 'Rosa Delgado')],
      }),
    );
    expect(roles(p)).toEqual([['Rosa Delgado', 'interviewer']]);
    expect(p.interviewKind).toBe('phone');
  });

  it.each([
    {
      case: 'an organiser who interviewed the user for this application before',
      title: '',
      role: 'interviewer' as const,
      sameApplication: true,
      expected: 'interviewer',
      note: 'Sent the invitation. Already an interviewer for this application.',
    },
    {
      case: 'an organiser who interviewed for another application, with no title',
      title: '',
      role: 'interviewer' as const,
      sameApplication: false,
      expected: 'interviewer',
      note: 'Sent the invitation and takes part.',
    },
    {
      case: 'an organiser tracked with a director title',
      title: 'Director of Engineering',
      role: null,
      sameApplication: true,
      expected: 'interviewer',
      note: 'Sent the invitation. Has a hiring title.',
    },
    {
      case: 'an organiser tracked as a talent partner',
      title: 'Talent Partner',
      role: null,
      sameApplication: true,
      expected: 'arranger',
      note: 'Sent the invitation. Looks like a recruiter or coordinator.',
    },
  ])('$case → $expected', ({ title, role, sameApplication, expected, note }) => {
    const acme = application({ id: 'acme', company: 'Acme', companyDomains: ['acme.com'] });
    const other = application({ id: 'other', company: 'Other', companyDomains: ['other.example'] });
    const lena = person('lena', { name: 'Lena Vogel', title, emails: ['lena.vogel@acme.com'] });
    const earlier = interview({ id: 'iv-0', applicationId: sameApplication ? 'acme' : 'other' });
    const p = propose(invite(), {
      applications: [acme, other],
      people: [lena],
      interviews: [earlier],
      participants: role ? [participant('lena', 'iv-0', role)] : [],
    });
    expect(p.application?.applicationId).toBe('acme');
    expect(p.people[0]).toMatchObject({ email: 'lena.vogel@acme.com', suggested: expected, note });
  });

  it('optional, information-only and declined guests are listed but not counted', () => {
    const p = propose(
      invite({
        attendees: [
          guest('lena.vogel@acme.com', 'Lena Vogel'),
          guest('ada.okafor@acme.com', 'Ada Okafor', { role: 'OPT-PARTICIPANT' }),
          guest('mei.tanaka@acme.com', 'Mei Tanaka', { role: 'NON-PARTICIPANT' }),
          guest('jonas.weber@acme.com', 'Jonas Weber', { partstat: 'DECLINED' }),
          guest('noreply@acme.com', 'Scheduling'),
        ],
      }),
    );
    expect(roles(p)).toEqual([
      ['Lena Vogel', 'interviewer'],
      ['Ada Okafor', 'none'],
      ['Mei Tanaka', 'none'],
      ['Jonas Weber', 'none'],
    ]);
    expect(p.excluded.map((e) => e.reason)).toEqual(['An automatic sender, not a person.']);
  });

  it('uses the tracked name of a known person', () => {
    const ada = person('ada', { name: 'Dr. Ada Okafor', emails: ['ADA.OKAFOR@acme.com'] });
    const p = propose(invite(), { people: [ada] });
    expect(p.people.find((x) => x.email === 'ada.okafor@acme.com')).toMatchObject({
      name: 'Dr. Ada Okafor',
      personId: 'ada',
    });
  });

  it.each([
    [{ name: 'Müller, Jürgen', email: 'jm@x.example' }, 'Jürgen Müller'],
    [{ name: null, email: 'jonas.weber@acme.com' }, 'Jonas Weber'],
    [{ name: 'ada@acme.com', email: 'ada@acme.com' }, 'Ada'],
    [{ name: 'Grace Kim', email: 'g.kim@acme.com' }, 'Grace Kim'],
  ])('%o reads as %s', (who, name) => {
    expect(displayName(who, undefined)).toBe(name);
  });
});

describe('which application it belongs to', () => {
  const acme = application({
    id: 'acme',
    company: 'Acme Robotics',
    roleTitle: 'Senior Data Engineer',
    companyDomains: ['acme.com'],
  });
  const globex = application({
    id: 'globex',
    company: 'Globex',
    roleTitle: 'Data Engineer',
    companyDomains: ['globex.example'],
    updatedAt: 5,
  });

  it.each([
    {
      case: "organiser's domain is the company's",
      invitation: invite(),
      apps: [acme, globex],
      best: 'acme',
      confidence: 'sure',
      reason: /comes from acme\.com, a mail domain of Acme Robotics/,
    },
    {
      case: 'company named in the title, sent from a scheduling tool',
      invitation: invite({
        summary: 'Globex – Technical interview',
        organizer: { name: 'Greenhouse', email: 'no-reply@greenhouse.io' },
        attendees: [guest(ME, null), guest('kim@gmail.com', 'Kim')],
      }),
      apps: [acme, globex],
      best: 'globex',
      confidence: 'likely',
      reason: /The title names Globex/,
    },
    {
      case: 'a guest already met for that application',
      invitation: invite({
        summary: 'Follow-up conversation',
        organizer: { name: 'Ada', email: 'ada@personal.example' },
        attendees: [guest('ada@personal.example', 'Ada'), guest(ME, null)],
      }),
      apps: [acme, globex],
      workspace: {
        people: [person('ada', { name: 'Ada Okafor', emails: ['ada@personal.example'] })],
        interviews: [interview({ id: 'iv-g', applicationId: 'globex' })],
        participants: [participant('ada', 'iv-g')],
      },
      best: 'globex',
      confidence: 'likely',
      reason: /Ada Okafor is in it, already known from this application/,
    },
    {
      case: 'domain that looks like the company, no domains saved',
      invitation: invite({
        summary: 'Phone screen',
        organizer: { name: 'Rosa', email: 'rosa@halcyonmaps.example' },
        attendees: [],
      }),
      apps: [application({ id: 'halcyon', company: 'Halcyon Maps', companyDomains: [] })],
      best: null,
      confidence: 'weak',
      reason: /looks like Halcyon Maps/,
    },
  ])('$case', ({ invitation, apps, workspace, best, confidence, reason }) => {
    const p = propose(invitation, { applications: apps, ...workspace });
    expect(p.application?.applicationId ?? null).toBe(best);
    expect(p.candidates[0]?.confidence).toBe(confidence);
    expect(p.candidates[0]?.reasons.join(' ')).toMatch(reason);
  });

  it('names the role words it recognised and ranks a closed application lower', () => {
    const closed = { ...acme, id: 'old', status: 'rejected' as const };
    const p = propose(invite(), { applications: [closed, acme] });
    expect(p.candidates.map((c) => c.applicationId)).toEqual(['acme', 'old']);
    expect(p.candidates[0]?.reasons).toContain('The title names the role, Senior Data Engineer.');
    expect(p.candidates[1]?.reasons).toContain(
      'The application is closed, so this is less likely.',
    );
  });

  it('suggests a new application from the organiser’s domain and the role in the title', () => {
    const p = propose(
      invite({
        summary: 'On-site interview: Analytics Engineer (Northwind)',
        organizer: { name: 'Tom', email: 'tom@northwind-analytics.example' },
      }),
    );
    expect(p.application).toBeNull();
    expect(p.newApplication).toEqual({
      company: 'Northwind Analytics',
      roleTitle: 'Analytics Engineer',
      companyDomains: ['northwind-analytics.example'],
    });
  });
});

describe('what accepting would do', () => {
  const acme = application({ id: 'acme', company: 'Acme', companyDomains: ['acme.com'] });
  const tracked = interview({
    id: 'iv-panel',
    applicationId: 'acme',
    kind: 'panel',
    start: '2026-12-01T14:00',
    end: '2026-12-01T15:30',
    notes: 'Ask about the on-call rota',
  });
  const linked = (sequence: number): InterviewInviteLink[] => [
    { interviewId: 'iv-panel', uid: 'panel-1@google.com', sequence },
  ];
  const ws = (sequence: number, cancelled = false): Partial<InvitationWorkspace> => ({
    applications: [acme],
    interviews: [{ ...tracked, cancelled }],
    links: linked(sequence),
    people: [person('ada', { emails: ['ada.okafor@acme.com'], name: 'Ada Okafor' })],
    participants: [participant('ada', 'iv-panel')],
  });

  it.each([
    { case: 'an unknown event', invitation: invite(), workspace: {}, kind: 'new' },
    { case: 'the same copy again', invitation: invite(), workspace: ws(0), kind: 'unchanged' },
    {
      case: 'a newer copy with a new time',
      invitation: invite({
        sequence: 1,
        startsAt: at('2026-12-02T10:00'),
        endsAt: at('2026-12-02T11:30'),
      }),
      workspace: ws(0),
      kind: 'reschedule',
    },
    {
      case: 'an older copy',
      invitation: invite({ sequence: 0 }),
      workspace: ws(2),
      kind: 'unchanged',
    },
    {
      case: 'a cancellation',
      invitation: invite({ sequence: 2, cancelled: true, method: 'CANCEL' }),
      workspace: ws(1),
      kind: 'cancel',
    },
    {
      case: 'a cancellation of a cancelled interview',
      invitation: invite({ sequence: 3, cancelled: true }),
      workspace: ws(2, true),
      kind: 'unchanged',
    },
    {
      case: 'a cancellation of an event never tracked',
      invitation: invite({ cancelled: true }),
      workspace: {},
      kind: 'unchanged',
    },
  ])('$case → $kind', ({ invitation, workspace, kind }) => {
    expect(propose(invitation, workspace).kind).toBe(kind);
  });

  it('a new interview reads as one sentence with zone and interviewers', () => {
    const p = propose(invite(), { applications: [acme] });
    expect(p.headline).toBe(
      'Panel interview with Acme on Tue 1 Dec, 14:00 (Europe/Berlin), 4 interviewers: Lena Vogel, Ada Okafor, Mei Tanaka, Jonas Weber',
    );
    expect(p.interviewKind).toBe('panel');
  });

  it('a move says from when to when and who is new; accepting keeps notes and adds people', () => {
    const moved = invite({
      sequence: 1,
      startsAt: at('2026-12-02T10:00'),
      endsAt: at('2026-12-02T11:30'),
    });
    const workspace = { ...EMPTY, ...ws(0) };
    const p = propose(moved, workspace);
    expect(p.headline).toMatch(
      /^Moved: panel interview with Acme is now on Wed 2 Dec, 10:00 \(Europe\/Berlin\)/,
    );
    expect(p.changes).toEqual([
      'Moves from Tue 1 Dec, 14:00 (Europe/Berlin) to Wed 2 Dec, 10:00 (Europe/Berlin).',
      'New place: https://meet.google.com/xkt-uvmw-qpa.',
      'New in the invitation: Lena Vogel, Mei Tanaka and Jonas Weber.',
    ]);
    const plan = planAcceptance(
      p,
      { application: null, kind: null, interviewers: null, arranger: undefined },
      workspace,
    );
    expect(plan).toMatchObject({
      action: 'move',
      interview: { id: 'iv-panel', startsAt: moved.startsAt, notes: 'Ask about the on-call rota' },
      link: { uid: 'panel-1@google.com', sequence: 1 },
    });
  });

  it('on a move, people of the interview keep their part and those left out before stay out', () => {
    const moved = invite({
      sequence: 1,
      startsAt: at('2026-12-02T10:00'),
      endsAt: at('2026-12-02T11:30'),
    });
    const p = proposeInvitation({
      ...EMPTY,
      ...ws(0),
      invite: moved,
      previousInvite: invite({
        attendees: invite().attendees.filter((a) => a.email !== 'mei.tanaka@acme.com'),
      }),
      userAddresses: [ME],
      userTimeZone: 'Europe/Berlin',
    });
    expect(p.people.map((x) => [x.name, x.suggested, x.note])).toEqual([
      ['Lena Vogel', 'none', 'Left out when you accepted the earlier invitation.'],
      ['Ada Okafor', 'interviewer', 'Already an interviewer of this interview.'],
      ['Mei Tanaka', 'interviewer', 'New in this invitation.'],
      ['Jonas Weber', 'none', 'Left out when you accepted the earlier invitation.'],
    ]);
    expect(p.changes.at(-1)).toBe('New in the invitation: Mei Tanaka.');
  });

  it('a cancellation marks the interview cancelled and nothing else', () => {
    const workspace = { ...EMPTY, ...ws(1) };
    const p = propose(invite({ sequence: 2, cancelled: true }), workspace);
    expect(p.headline).toBe(
      'Cancelled: panel interview with Acme on Tue 1 Dec, 14:00 (Europe/Berlin)',
    );
    const plan = planAcceptance(
      p,
      { application: null, kind: null, interviewers: null, arranger: undefined },
      workspace,
    );
    expect(plan).toEqual({
      action: 'cancel',
      interview: { ...tracked, cancelled: true },
      link: { uid: 'panel-1@google.com', sequence: 2 },
    });
  });

  it('the user picks the interviewers and the arranger; strangers are refused', () => {
    const workspace = { ...EMPTY, applications: [acme] };
    const p = propose(invite(), workspace);
    const plan = planAcceptance(
      p,
      {
        application: { id: 'acme' },
        kind: 'video',
        interviewers: ['ada.okafor@acme.com', 'MEI.TANAKA@acme.com'],
        arranger: 'lena.vogel@acme.com',
      },
      workspace,
    );
    expect(plan).toMatchObject({
      action: 'create',
      application: { id: 'acme' },
      interview: {
        kind: 'video',
        timeZone: 'Europe/Berlin',
        location: 'https://meet.google.com/xkt-uvmw-qpa',
        cancelled: false,
      },
    });
    expect(plan.action === 'create' && plan.participants.map((x) => [x.name, x.role])).toEqual([
      ['Ada Okafor', 'interviewer'],
      ['Mei Tanaka', 'interviewer'],
      ['Lena Vogel', 'arranger'],
    ]);
    expect(() =>
      planAcceptance(
        p,
        { application: { id: 'acme' }, kind: null, interviewers: [ME], arranger: null },
        workspace,
      ),
    ).toThrow('sam.carter@example.net is not one of the people in this invitation.');
  });

  it('asks for an application when none fits and none was chosen', () => {
    const p = propose(invite({ organizer: { name: 'X', email: 'x@elsewhere.example' } }));
    expect(() =>
      planAcceptance(
        p,
        { application: null, kind: null, interviewers: null, arranger: undefined },
        EMPTY,
      ),
    ).toThrow('Choose the application this interview belongs to, or add a new one.');
  });

  it.each<[Partial<CalendarInvite>, InterviewKind]>([
    [{ summary: 'Assessment day', allDay: true }, 'assessment'],
    [
      {
        summary: 'Chat',
        location: 'Acme HQ, Torstraße 1, Berlin',
        meetingLink: 'https://meet.google.com/a',
        attendees: [],
      },
      'onsite',
    ],
    [
      {
        summary: 'Chat',
        location: 'Microsoft Teams Meeting',
        meetingLink: 'https://teams.microsoft.com/l/x',
        attendees: [],
      },
      'video',
    ],
    [{ summary: 'Chat', attendees: [] }, 'video'],
    [{ summary: 'Chat', location: null, meetingLink: null, attendees: [] }, 'other'],
  ])('%o is a %s', (overrides, kind) => {
    expect(propose(invite(overrides)).interviewKind).toBe(kind);
  });

  it('keeps an interview in the user’s zone when the invitation has none', () => {
    const p = propose(invite({ timeZone: null }));
    expect(p.timeZone).toBe('Europe/Berlin');
  });
});
