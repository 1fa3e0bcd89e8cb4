import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseIcs } from '../../../src/main/calendar/ics';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { createServices, type Services } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { untrustedParserScript } from '../../support/untrusted-parser-script';

// Tuesday 24 November 2026, 10:00 in Berlin.
const NOW = Date.parse('2026-11-24T09:00:00Z');
const ZONE = 'Europe/Berlin';
const ics = (name: string) => readFileSync(join(__dirname, '../../fixtures/ics', name), 'utf8');

let dir: string;
let file: string;
let opened: OpenedDatabase;
let services: Services;
let changes: number;

async function open(): Promise<void> {
  opened = await openDatabase(file);
  services = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => ZONE,
    onChange: () => (changes += 1),
    untrustedParser: { script: await untrustedParserScript() },
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-invitations-'));
  file = join(dir, 'db.sqlite');
  changes = 0;
  await open();
  services.workspace.saveProfile({
    fullName: 'Sam Carter',
    phone: '',
    email: 'sam.carter@example.net',
  });
});
afterEach(async () => {
  await services.parser.close();
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function trackAcme() {
  return services.workspace.saveApplication({
    company: 'Acme Robotics',
    roleTitle: 'Senior Data Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: '2026-11-02',
    decidedOn: null,
    companyDomains: ['acme-robotics.example'],
    notes: '',
  });
}

function berlin(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toFormat('ccc d LLL HH:mm');
}

/** The people of an interview as "Name (role)", in the order saved. */
function peopleOf(interviewId: string): string[] {
  return opened.store
    .listParticipants(interviewId)
    .map((p) => `${opened.store.getPerson(p.personId)?.name} (${p.role})`);
}

describe('importing an invitation', () => {
  it('proposes the interview with its application and creates nothing until accepted', async () => {
    const acme = trackAcme();
    const [outcome] = await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics');
    expect(outcome?.outcome).toBe('new');
    expect(outcome?.headline).toBe(
      'Panel interview with Acme Robotics on Tue 1 Dec, 14:00 (Europe/Berlin), 3 interviewers: Ada Okafor, Mei Tanaka, Jonas Weber',
    );
    const [waiting] = services.invitations.list();
    expect(waiting?.proposal.application).toMatchObject({
      applicationId: acme.id,
      confidence: 'sure',
    });
    expect(waiting?.source).toBe('file');
    expect(waiting?.sourceRef).toBe('invite.ics');
    expect(opened.store.listInterviews()).toEqual([]);
    expect(opened.store.listPeople()).toEqual([]);
  });

  it('does not add a second proposal for the same file, and survives a restart', async () => {
    trackAcme();
    await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics');
    const [again] = await services.invitations.importIcs(ics('google-panel.ics'), 'invite (1).ics');
    expect(again?.outcome).toBe('duplicate');
    opened.store.close();
    await open();
    expect(services.invitations.list()).toHaveLength(1);
  });

  it('explains a broken file by name and line, and keeps nothing of it', async () => {
    await expect(
      services.invitations.importIcs(ics('malformed-bad-line.ics'), 'broken.ics'),
    ).rejects.toThrow(
      'broken.ics: line 8: "This line lost its property name" is not a calendar line (NAME:value expected)',
    );
    expect(services.invitations.list()).toEqual([]);
  });
});

describe('accepting', () => {
  it('moves an application that was only applied to interviewing, with the interview', async () => {
    const { createdAt: _c, updatedAt: _u, ...acme } = trackAcme();
    services.workspace.saveApplication({ ...acme, status: 'applied' });
    await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics');
    services.invitations.accept({ id: services.invitations.list()[0]!.id });
    expect(opened.store.getApplication(acme.id)?.status).toBe('interviewing');
  });

  it('creates the interview with interviewers and arranger in the application', async () => {
    const acme = trackAcme();
    await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics');
    const [waiting] = services.invitations.list();
    const before = changes;
    const { interview } = services.invitations.accept({ id: waiting!.id });
    expect(changes).toBeGreaterThan(before);
    expect(interview).toMatchObject({
      applicationId: acme.id,
      kind: 'panel',
      timeZone: 'Europe/Berlin',
      location: 'https://meet.google.com/xkt-uvmw-qpa',
      cancelled: false,
    });
    expect(berlin(interview!.startsAt)).toBe('Tue 1 Dec 14:00');
    expect(peopleOf(interview!.id)).toEqual([
      'Ada Okafor (interviewer)',
      'Mei Tanaka (interviewer)',
      'Jonas Weber (interviewer)',
      'Lena Vogel (arranger)',
    ]);
    // The user's own address never becomes a person, nor does the meeting room.
    const addresses = opened.store.listPeople().flatMap((p) => p.emails);
    expect(addresses).not.toContain('sam.carter@example.net');
    expect(addresses.some((a) => a.includes('resource.calendar'))).toBe(false);
    expect(services.invitations.list()).toEqual([]);
    // Who is owed a note now follows from it: three thank-yous and a thanks to Lena.
    const owed = services.workspace
      .status(Date.parse('2026-12-01T15:00:00Z'))
      .obligations.map((o) => `${o.kind}:${o.personName}`);
    expect(owed).toEqual(
      expect.arrayContaining([
        'thank-you:Ada Okafor',
        'thank-you:Mei Tanaka',
        'thank-you:Jonas Weber',
        'arranger-thanks:Lena Vogel',
      ]),
    );
  });

  it('with the user’s choices: a new application, other interviewers, no arranger', async () => {
    await services.invitations.importIcs(ics('outlook-onsite.ics'), 'outlook.ics');
    const [waiting] = services.invitations.list();
    expect(waiting?.proposal.application).toBeNull();
    expect(waiting?.proposal.newApplication).toEqual({
      company: 'Northwind Analytics',
      roleTitle: 'Analytics Engineer',
      companyDomains: ['northwind-analytics.example'],
    });
    const { interview, applicationId } = services.invitations.accept({
      id: waiting!.id,
      application: { new: waiting!.proposal.newApplication },
      interviewers: [
        'juergen.mueller@northwind-analytics.example',
        'priya.raman@northwind-analytics.example',
      ],
      arranger: null,
    });
    expect(opened.store.getApplication(applicationId!)).toMatchObject({
      company: 'Northwind Analytics',
      roleTitle: 'Analytics Engineer',
      companyDomains: ['northwind-analytics.example'],
      status: 'interviewing',
    });
    expect(interview).toMatchObject({
      kind: 'onsite',
      location: 'Northwind Analytics, Friedrichstraße 68, 10117 Berlin, Room 4.12',
    });
    expect(peopleOf(interview!.id)).toEqual([
      'Jürgen Müller (interviewer)',
      'Priya Raman (interviewer)',
    ]);
  });

  it('reuses a person already known by address instead of adding them again', async () => {
    const acme = trackAcme();
    const ada = services.workspace.savePerson({
      name: 'Dr. Ada Okafor',
      title: 'Head of Data',
      company: 'Acme Robotics',
      emails: ['ada.okafor@acme-robotics.example'],
      phone: '+49 30 1',
      firstNameOk: true,
      doNotContact: false,
      notApplicable: false,
      notes: 'Met at the meetup',
    });
    await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics');
    const { interview } = services.invitations.accept({
      id: services.invitations.list()[0]!.id,
      application: { id: acme.id },
    });
    expect(peopleOf(interview!.id)[0]).toBe('Dr. Ada Okafor (interviewer)');
    expect(opened.store.getPerson(ada.id)).toEqual(ada);
  });

  it('changes nothing at all when a choice is refused half-way', async () => {
    await services.invitations.importIcs(ics('outlook-onsite.ics'), 'outlook.ics');
    const [waiting] = services.invitations.list();
    expect(() =>
      services.invitations.accept({
        id: waiting!.id,
        application: { new: { company: 'Northwind', roleTitle: 'Engineer', companyDomains: [] } },
        interviewers: ['someone.else@example.org'],
      }),
    ).toThrow('someone.else@example.org is not one of the people in this invitation.');
    expect(opened.store.listApplications()).toEqual([]);
    expect(opened.store.listInterviews()).toEqual([]);
    expect(services.invitations.list()).toHaveLength(1);
  });

  it('refuses to accept twice', async () => {
    trackAcme();
    await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics');
    const id = services.invitations.list()[0]!.id;
    services.invitations.accept({ id });
    expect(() => services.invitations.accept({ id })).toThrow(
      'That invitation was already accepted.',
    );
  });
});

describe('updates and cancellations of an accepted invitation', () => {
  async function acceptPanel() {
    trackAcme();
    await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics');
    const { interview } = services.invitations.accept({ id: services.invitations.list()[0]!.id });
    opened.store.saveInterview({ ...interview!, notes: 'Ask Mei about the data platform' });
    return interview!;
  }

  it('the same invitation again is already up to date', async () => {
    await acceptPanel();
    const [again] = await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics');
    expect(again?.outcome).toBe('up-to-date');
    expect(again?.headline).toMatch(/^Already up to date: panel interview with Acme Robotics/);
    expect(services.invitations.list()).toEqual([]);
    expect(opened.store.listInterviews()).toHaveLength(1);
  });

  it('a rescheduled invitation moves the same interview and keeps what the user wrote', async () => {
    const original = await acceptPanel();
    const [moved] = await services.invitations.importIcs(
      ics('google-panel-moved.ics'),
      'update.ics',
    );
    expect(moved?.invitation?.proposal.kind).toBe('reschedule');
    expect(moved?.invitation?.proposal.changes[0]).toBe(
      'Moves from Tue 1 Dec, 14:00 (Europe/Berlin) to Wed 2 Dec, 10:00 (Europe/Berlin).',
    );
    services.invitations.accept({ id: moved!.invitation!.id });
    const interviews = opened.store.listInterviews();
    expect(interviews).toHaveLength(1);
    expect(interviews[0]).toMatchObject({
      id: original.id,
      notes: 'Ask Mei about the data platform',
    });
    expect(berlin(interviews[0]!.startsAt)).toBe('Wed 2 Dec 10:00');
    expect(peopleOf(original.id)).toHaveLength(4);
    // The older copy arriving late changes nothing.
    expect(
      (await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics'))[0]?.outcome,
    ).toBe('up-to-date');
  });

  it('a cancellation marks the interview cancelled', async () => {
    const original = await acceptPanel();
    const [cancel] = await services.invitations.importIcs(
      ics('google-panel-cancelled.ics'),
      'cancel.ics',
    );
    expect(cancel?.invitation?.proposal).toMatchObject({
      kind: 'cancel',
      existingInterviewId: original.id,
    });
    services.invitations.accept({ id: cancel!.invitation!.id });
    expect(opened.store.getInterview(original.id)).toMatchObject({
      cancelled: true,
      notes: 'Ask Mei about the data platform',
    });
    expect(
      services.workspace
        .status(Date.parse('2026-12-01T15:00:00Z'))
        .obligations.filter((o) => o.interviewId === original.id && o.kind === 'thank-you'),
    ).toEqual([]);
  });

  it('a newer copy replaces the proposal still waiting; a cancellation before accepting removes it', async () => {
    trackAcme();
    await services.invitations.importIcs(ics('google-panel.ics'), 'invite.ics');
    const [updated] = await services.invitations.importIcs(
      ics('google-panel-moved.ics'),
      'update.ics',
    );
    expect(updated?.outcome).toBe('updated');
    const waiting = services.invitations.list();
    expect(waiting).toHaveLength(1);
    expect(berlin(waiting[0]!.proposal.invite.startsAt)).toBe('Wed 2 Dec 10:00');
    expect(
      (await services.invitations.importIcs(ics('google-panel.ics'), 'old.ics'))[0]?.outcome,
    ).toBe('older');

    const [cancel] = await services.invitations.importIcs(
      ics('google-panel-cancelled.ics'),
      'c.ics',
    );
    expect(cancel?.outcome).toBe('up-to-date');
    expect(services.invitations.list()).toEqual([]);
    expect(opened.store.listInterviews()).toEqual([]);
  });
});

describe('dismissing', () => {
  it('removes the proposal; invitations read from mail again stay dismissed', async () => {
    await services.invitations.importIcs(ics('zoom-call.ics'), 'zoom.ics');
    const [waiting] = services.invitations.list();
    expect(services.invitations.dismiss(waiting!.id)).toEqual({ dismissed: true });
    expect(services.invitations.list()).toEqual([]);
    expect(
      (await services.invitations.receiveFromMail(ics('zoom-call.ics'), 'acct:inbox:<m1>'))[0]
        ?.outcome,
    ).toBe('ignored');
    expect(services.invitations.list()).toEqual([]);
    // A file the user picks on purpose is asked about again.
    expect(
      (await services.invitations.importIcs(ics('zoom-call.ics'), 'zoom.ics'))[0]?.outcome,
    ).toBe('new');
  });
});

describe('exporting due notes and check-ins', () => {
  it('writes open notes and check-ins with stable UIDs; a later export updates them', () => {
    services.workspace.loadSample({ replace: true });
    const first = services.invitations.exportIcs();
    expect(first.fileName).toBe('followthrough-due-dates.ics');
    const open = services.workspace
      .status()
      .obligations.filter(
        (o) =>
          o.state !== 'done' && o.state !== 'skipped' && (o.dueAt !== null || o.openFrom !== null),
      );
    expect(first.events).toBe(open.length);

    const events = parseIcs(first.text, { floatingZone: ZONE });
    const ada = events.find((e) => e.summary.startsWith('Thank-you note to Ada Okafor'));
    expect(ada).toMatchObject({
      allDay: true,
      summary: 'Thank-you note to Ada Okafor (Northwind Analytics): due today',
    });
    expect(ada?.uid).toMatch(/^obligation-thank-you:.+@followthrough$/);

    const later = services.invitations.exportIcs(NOW + 86_400_000);
    const again = parseIcs(later.text, { floatingZone: ZONE });
    expect(again.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
    expect(Math.min(...again.map((e) => e.sequence))).toBeGreaterThan(
      Math.max(...events.map((e) => e.sequence)),
    );
  });

  it('writes an empty but valid calendar when nothing is due', () => {
    const { text, events } = services.invitations.exportIcs();
    expect(events).toBe(0);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toMatch(/END:VCALENDAR\r\n$/);
  });
});

describe('through the contract', () => {
  it('validates import and accept input and answers with values', async () => {
    const handlers = createHandlers({ ...services, openExternal: () => Promise.resolve(false) });
    const big = await dispatch(handlers, 'invitations:import', {
      text: 'x'.repeat(1_000_001),
      fileName: 'huge.ics',
    });
    expect(big).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!big.ok && big.error.message).toMatch(/larger than 1 MB/);

    const broken = await dispatch(handlers, 'invitations:import', {
      text: ics('malformed-truncated.ics'),
      fileName: 'cut.ics',
    });
    expect(broken).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        message:
          'cut.ics: calendar file: BEGIN:VEVENT on line 4 is never closed (is the file cut off?)',
      },
    });

    const imported = await dispatch(handlers, 'invitations:import', {
      text: ics('teams-pacific.ics'),
      fileName: 'teams.ics',
    });
    expect(imported.ok).toBe(true);
    const listed = await dispatch(handlers, 'invitations:list', undefined);
    const id = listed.ok ? (listed.value as { id: string }[])[0]!.id : '';
    const extra = await dispatch(handlers, 'invitations:accept', { id, surprise: true });
    expect(extra.ok).toBe(false);
    const exported = await dispatch(handlers, 'calendar:export', {});
    expect(exported.ok && (exported.value as { text: string }).text).toMatch(/^BEGIN:VCALENDAR/);
  });
});
