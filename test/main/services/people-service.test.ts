import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createServices, type Services } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import type { ChannelInput } from '../../../src/shared/contract';
import type { KnownMessage } from '../../../src/shared/model';

// Tuesday 24 November 2026, 10:00 in Berlin.
const NOW = Date.parse('2026-11-24T09:00:00Z');
const ZONE = 'Europe/Berlin';

let dir: string;
let opened: OpenedDatabase;
let services: Services;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-people-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  services = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => ZONE,
  });
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function addApplication(roleTitle: string, status: 'applied' | 'interviewing' = 'interviewing') {
  return services.workspace.saveApplication({
    company: 'Acme',
    roleTitle,
    postingUrl: null,
    status,
    appliedOn: '2026-11-01',
    decidedOn: null,
    companyDomains: ['acme.example'],
    notes: '',
  });
}

const grace = {
  name: 'Grace Hopper',
  title: 'Recruiter',
  company: 'Acme',
  emails: ['grace@acme.example'],
  phone: '',
  firstNameOk: false,
  doNotContact: false,
  notApplicable: false,
  notes: '',
};

function interviewWithGrace(
  applicationId: string,
  startsAt: number,
  extra: Partial<ChannelInput<'interviews:save'>['interview']> = {},
): ChannelInput<'interviews:save'> {
  return {
    interview: {
      applicationId,
      kind: 'video',
      startsAt,
      endsAt: startsAt + 3_600_000,
      timeZone: ZONE,
      location: null,
      decisionBy: null,
      contactPlan: '',
      outcome: 'unknown',
      notes: '',
      cancelled: false,
      ...extra,
    },
    participants: [{ person: grace, role: 'interviewer', topics: '', notes: '' }],
  };
}

function message(
  id: string,
  folderRole: 'sent' | 'inbox',
  date: number,
  extra: Partial<KnownMessage> = {},
): KnownMessage & { uid: number } {
  const me = { name: 'Sam Rivera', address: 'sam@example.org' };
  const them = { name: 'Grace Hopper', address: 'grace@acme.example' };
  return {
    id: `acct:${folderRole}:<${id}>`,
    folderRole,
    messageId: `<${id}>`,
    inReplyTo: null,
    references: [],
    date,
    from: [folderRole === 'sent' ? me : them],
    to: [folderRole === 'sent' ? them : me],
    cc: [],
    bcc: [],
    subject: id,
    autoReply: false,
    bounce: false,
    uid: date / 1000,
    ...extra,
  };
}

describe('the People view', () => {
  // Monday 16 and Monday 23 November 2026.
  const firstRound = Date.parse('2026-11-16T13:00:00Z');
  const secondRound = Date.parse('2026-11-23T13:00:00Z');

  function twoApplicationsWithGrace() {
    const backend = addApplication('Backend Engineer');
    const platform = addApplication('Platform Engineer');
    services.workspace.saveInterview(interviewWithGrace(backend.id, firstRound));
    services.workspace.saveInterview(interviewWithGrace(platform.id, secondRound));
    const people = services.workspace.listPeople();
    expect(people).toHaveLength(1);
    return { backend, platform, person: people[0]! };
  }

  it('lists each person once with every application they are part of', () => {
    const { backend, platform, person } = twoApplicationsWithGrace();
    expect(services.people.directory()).toEqual([
      {
        person,
        applications: [
          {
            id: backend.id,
            company: 'Acme',
            roleTitle: 'Backend Engineer',
            status: 'interviewing',
          },
          {
            id: platform.id,
            company: 'Acme',
            roleTitle: 'Platform Engineer',
            status: 'interviewing',
          },
        ],
      },
    ]);
  });

  it('gathers every note to and from a person across applications: Sent, the app, by hand, replies', () => {
    const { backend, platform, person } = twoApplicationsWithGrace();
    const afterFirst = firstRound + 5 * 3_600_000;
    const afterSecond = secondRound + 5 * 3_600_000;
    opened.mailStore.addMessages('acct', 'Sent', [
      message('thanks-backend@example.org', 'sent', afterFirst),
      message('thanks-platform@example.org', 'sent', afterSecond),
    ]);
    opened.mailStore.addMessages('acct', 'INBOX', [
      message('reply@acme.example', 'inbox', afterFirst + 3_600_000, {
        inReplyTo: '<thanks-backend@example.org>',
        references: ['<thanks-backend@example.org>'],
      }),
    ]);
    opened.draftStore.recordSentNote({
      messageId: '<thanks-platform@example.org>',
      obligationId: `thank-you:${platform.id}:x:${person.id}`,
      applicationId: platform.id,
      personId: person.id,
      accountId: 'acct',
      to: ['grace@acme.example'],
      subject: 'thanks-platform@example.org',
      body: 'Thank you for the conversation about the platform team.',
      sentAt: afterSecond,
    });
    const byHand = services.workspace.markSent({
      applicationId: platform.id,
      interviewId: null,
      personId: person.id,
      channel: 'linkedin',
      at: afterSecond + 3_600_000,
      note: 'Thanked her on LinkedIn',
    });

    const detail = services.people.person(person.id);
    expect(detail.interviews.map((i) => [i.applicationId, i.startsAt, i.role])).toEqual([
      [backend.id, firstRound, 'interviewer'],
      [platform.id, secondRound, 'interviewer'],
    ]);
    expect(
      detail.notes.map((n) => [
        n.applications.map((a) => a.id),
        n.direction,
        n.source,
        n.subject,
        n.body,
      ]),
    ).toEqual([
      [[backend.id], 'to', 'mailbox', 'thanks-backend@example.org', null],
      [[backend.id], 'from', 'reply', 'reply@acme.example', null],
      // Grace is in both applications, so a note after both rounds counts in each: listed once.
      [
        [backend.id, platform.id],
        'to',
        'app',
        'thanks-platform@example.org',
        'Thank you for the conversation about the platform team.',
      ],
      [[platform.id], 'to', 'manual', 'Thanked her on LinkedIn', null],
    ]);
    expect(detail.notes[3]!.id).toBe(byHand.id);
  });

  it('edits one person row: every interview they are in shows the change', async () => {
    const { backend, platform, person } = twoApplicationsWithGrace();
    const handlers = createHandlers({ ...services, openExternal: () => Promise.resolve(false) });
    const saved = await dispatch(handlers, 'people:save', {
      ...person,
      name: 'Grace B. Hopper',
      emails: ['grace@acme.example', 'grace.hopper@mail.example'],
      firstNameOk: true,
      doNotContact: true,
    });
    expect(saved.ok).toBe(true);

    for (const id of [backend.id, platform.id]) {
      const detail = services.workspace.getApplication(id);
      expect(detail.people).toEqual([
        {
          ...person,
          name: 'Grace B. Hopper',
          emails: ['grace@acme.example', 'grace.hopper@mail.example'],
          firstNameOk: true,
          doNotContact: true,
        },
      ]);
      // Do not contact: nothing is owed to her any more, in either application.
      expect(
        detail.obligations.filter((o) => o.personId === person.id && o.state !== 'skipped'),
      ).toEqual([]);
    }
    expect(services.people.directory().map((p) => p.person.name)).toEqual(['Grace B. Hopper']);
  });

  it('says so when the person no longer exists', async () => {
    const handlers = createHandlers({ ...services, openExternal: () => Promise.resolve(false) });
    expect(await dispatch(handlers, 'people:get', { id: 'gone' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That person no longer exists.' },
    });
  });
});

describe('status moves with the interview', () => {
  const round = Date.parse('2026-11-26T13:00:00Z');

  it('moves an applied application to interviewing when an interview is added, in the same save', () => {
    const application = addApplication('Backend Engineer', 'applied');
    services.workspace.saveInterview(interviewWithGrace(application.id, round));
    expect(services.workspace.getApplication(application.id).application).toMatchObject({
      status: 'interviewing',
      updatedAt: NOW,
    });
    expect(
      services.workspace.listApplications().find((s) => s.application.id === application.id)
        ?.application.status,
    ).toBe('interviewing');
  });

  it('leaves the status alone on an edit, a cancelled round, and a decided application', () => {
    const application = addApplication('Backend Engineer', 'applied');
    const cancelled = services.workspace.saveInterview(
      interviewWithGrace(application.id, round, { cancelled: true }),
    );
    expect(services.workspace.getApplication(application.id).application.status).toBe('applied');
    const { id: _id, ...fields } = cancelled;
    services.workspace.saveInterview({
      ...interviewWithGrace(application.id, round),
      interview: { ...fields, id: cancelled.id, cancelled: false },
    });
    expect(services.workspace.getApplication(application.id).application.status).toBe('applied');

    const { createdAt: _c, updatedAt: _u, ...rejected } = addApplication('Platform Engineer');
    services.workspace.saveApplication({ ...rejected, status: 'rejected' });
    services.workspace.saveInterview(interviewWithGrace(rejected.id, round));
    expect(services.workspace.getApplication(rejected.id).application.status).toBe('rejected');
  });

  it('keeps the status as it was when the interview cannot be saved', () => {
    const application = addApplication('Backend Engineer', 'applied');
    const input = interviewWithGrace(application.id, round);
    // The same person twice in one role breaks the participants' key after the interview row.
    input.participants.push(input.participants[0]!);
    expect(() => services.workspace.saveInterview(input)).toThrow();
    const detail = services.workspace.getApplication(application.id);
    expect(detail.application.status).toBe('applied');
    expect(detail.interviews).toEqual([]);
  });
});
