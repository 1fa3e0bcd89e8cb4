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
let service: Services['workspace'];
let changes: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-service-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  changes = 0;
  services = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => ZONE,
    onChange: () => (changes += 1),
  });
  service = services.workspace;
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function addApplication() {
  return service.saveApplication({
    company: 'Acme',
    roleTitle: 'Site Reliability Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: '2026-11-01',
    decidedOn: null,
    companyDomains: [' Acme.Example '],
    notes: '',
  });
}

const newPerson = (name: string, email: string) => ({
  name,
  title: '',
  company: 'Acme',
  emails: [email],
  phone: '',
  firstNameOk: false,
  doNotContact: false,
  notApplicable: false,
  notes: '',
});

function panelOfTwo(applicationId: string): ChannelInput<'interviews:save'> {
  return {
    interview: {
      applicationId,
      kind: 'panel',
      // Monday 23 November, 14:00–15:30 Berlin.
      startsAt: Date.parse('2026-11-23T13:00:00Z'),
      endsAt: Date.parse('2026-11-23T14:30:00Z'),
      timeZone: ZONE,
      location: null,
      decisionBy: null,
      contactPlan: '',
      outcome: 'good',
      notes: '',
      cancelled: false,
    },
    participants: [
      {
        person: newPerson('Grace Hopper', 'Grace@Acme.example'),
        role: 'interviewer',
        topics: 'Compilers',
        notes: '',
      },
      {
        person: newPerson('Alan Turing', 'alan@acme.example'),
        role: 'interviewer',
        topics: 'Testing',
        notes: '',
      },
    ],
  };
}

describe('workspace service', () => {
  it('owes one thank-you note per interviewer of a panel, due by the end of the next business day', () => {
    const application = addApplication();
    expect(application.companyDomains).toEqual(['acme.example']);
    service.saveInterview(panelOfTwo(application.id));

    const owed = service.status().obligations.filter((o) => o.kind === 'thank-you');
    expect(owed.map((o) => o.personName).sort()).toEqual(['Alan Turing', 'Grace Hopper']);
    expect(owed.every((o) => o.state === 'due')).toBe(true);
    expect(new Date(owed[0]!.dueAt!).toISOString()).toBe('2026-11-24T22:59:59.999Z');
    expect(owed[0]).toMatchObject({
      company: 'Acme',
      roleTitle: 'Site Reliability Engineer',
      interviewKind: 'panel',
    });
    expect(changes).toBe(2);
  });

  it('reuses a known person by address instead of creating a twin', () => {
    const application = addApplication();
    service.saveInterview(panelOfTwo(application.id));
    const second = panelOfTwo(application.id);
    second.participants = [
      { ...second.participants[0]!, person: newPerson('Grace M. Hopper', 'grace@acme.example') },
    ];
    service.saveInterview(second);
    const people = service.listPeople();
    expect(people).toHaveLength(2);
    expect(people.find((p) => p.emails[0] === 'grace@acme.example')?.name).toBe('Grace M. Hopper');
  });

  it('marks a note sent by letter as done, and undoing it reopens the note', () => {
    const application = addApplication();
    service.saveInterview(panelOfTwo(application.id));
    const grace = service.listPeople().find((p) => p.name === 'Grace Hopper')!;
    const contact = service.markSent({
      applicationId: application.id,
      interviewId: null,
      personId: grace.id,
      channel: 'letter',
      at: NOW - 3_600_000,
      note: '',
    });
    const graceNote = () =>
      service.status().obligations.find((o) => o.personId === grace.id && o.kind === 'thank-you');
    expect(graceNote()).toMatchObject({
      state: 'done',
      evidence: { type: 'manual', channel: 'letter' },
    });
    service.unmark(contact.id);
    expect(graceNote()?.state).toBe('due');
  });

  it('follows the thank-you window setting', () => {
    const application = addApplication();
    service.saveInterview(panelOfTwo(application.id));
    service.saveSettings({ ...service.getSettings(), thankYouWindow: 'same-day' });
    const owed = service.status().obligations.filter((o) => o.kind === 'thank-you');
    expect(owed.every((o) => o.state === 'overdue')).toBe(true);
  });

  it('shows the application with its interviews, people and obligations, and deletes it whole', () => {
    const application = addApplication();
    service.saveInterview(panelOfTwo(application.id));
    const detail = service.getApplication(application.id);
    expect(detail.interviews).toHaveLength(1);
    expect(detail.people.map((p) => p.name).sort()).toEqual(['Alan Turing', 'Grace Hopper']);
    expect(detail.obligations).toHaveLength(2);
    expect(service.listApplications()[0]).toMatchObject({
      openObligations: 2,
      overdueObligations: 0,
    });

    expect(service.deleteApplication(application.id)).toEqual({ deleted: true });
    expect(service.status().obligations).toEqual([]);
    expect(() => service.getApplication(application.id)).toThrow(/no longer exists/);
  });
});

describe('requests through the contract', () => {
  it('validates input before any handler runs and reports the field', async () => {
    const handlers = createHandlers({
      ...services,
      openExternal: () => Promise.resolve(true),
    });
    const bad = await dispatch(handlers, 'applications:save', { company: '', roleTitle: 'x' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/company/);
    expect(service.listApplications()).toEqual([]);

    const missing = await dispatch(handlers, 'applications:get', { id: 'nope' });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That application no longer exists.' },
    });

    const sample = await dispatch(handlers, 'workspace:load-sample', undefined);
    expect(sample).toEqual({ ok: true, value: { applications: 5 } });
  });

  it('opens only web and mail links outside the app', async () => {
    const opened: string[] = [];
    const handlers = createHandlers({
      ...services,
      openExternal: (url) => (opened.push(url), Promise.resolve(true)),
    });
    expect(
      (await dispatch(handlers, 'shell:open-external', { url: 'file:///etc/passwd' })).ok,
    ).toBe(false);
    expect(
      (await dispatch(handlers, 'shell:open-external', { url: 'https://jobs.example/1' })).ok,
    ).toBe(true);
    expect(opened).toEqual(['https://jobs.example/1']);
  });
});

function sentMessage(
  n: number,
  to: { name: string | null; address: string },
  date: number,
): KnownMessage & { uid: number } {
  return {
    id: `acct:sent:<note-${n}@example.org>`,
    folderRole: 'sent',
    messageId: `<note-${n}@example.org>`,
    inReplyTo: null,
    references: [],
    date,
    from: [{ name: 'Sam Rivera', address: 'sam@example.org' }],
    to: [to],
    cc: [],
    bcc: [],
    subject: `Thank you (${n})`,
    autoReply: false,
    bounce: false,
    uid: n,
  };
}

describe('review list, links, history and snoozes', () => {
  const afterInterview = Date.parse('2026-11-23T18:00:00Z');

  function setUp() {
    const application = addApplication();
    service.saveInterview(panelOfTwo(application.id));
    const people = service.listPeople();
    const grace = people.find((p) => p.name === 'Grace Hopper')!;
    const alan = people.find((p) => p.name === 'Alan Turing')!;
    return { application, grace, alan };
  }

  it('puts a note to a known name at an unknown address on the review list until the user confirms it', () => {
    const { application, grace } = setUp();
    opened.mailStore.addMessages('acct', 'Sent', [
      sentMessage(
        1,
        { name: 'Grace Hopper', address: 'grace.private@mail.example' },
        afterInterview,
      ),
    ]);
    const graceNote = () =>
      service.status().obligations.find((o) => o.personId === grace.id && o.kind === 'thank-you');

    const review = service.review();
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({
      personName: 'Grace Hopper',
      company: 'Acme',
      match: { personId: grace.id, applicationId: application.id, confidence: 'unsure' },
      message: { subject: 'Thank you (1)' },
    });
    expect(graceNote()?.state).toBe('due');

    service.saveLink({
      messageId: review[0]!.match.messageId,
      personId: grace.id,
      applicationId: application.id,
      action: 'link',
    });
    expect(service.review()).toEqual([]);
    expect(graceNote()).toMatchObject({ state: 'done', evidence: { subject: 'Thank you (1)' } });
  });

  it('says a done note went from the app when its proof is a note the app sent', () => {
    const { application, grace, alan } = setUp();
    const fromApp = sentMessage(5, { name: null, address: 'alan@acme.example' }, afterInterview);
    const fromElsewhere = sentMessage(
      6,
      { name: null, address: 'grace@acme.example' },
      afterInterview,
    );
    opened.draftStore.recordSentNote({
      messageId: fromApp.messageId!,
      obligationId: `thank-you:${application.id}`,
      applicationId: application.id,
      personId: alan.id,
      accountId: 'acct',
      to: ['alan@acme.example'],
      subject: fromApp.subject,
      body: 'Thank you for your time.',
      sentAt: afterInterview,
    });
    opened.mailStore.addMessages('acct', 'Sent', [fromApp, fromElsewhere]);
    const note = (personId: string) =>
      service.status().obligations.find((o) => o.personId === personId && o.kind === 'thank-you');
    expect(note(alan.id)).toMatchObject({ state: 'done', sentFromApp: true });
    expect(note(grace.id)?.state).toBe('done');
    expect(note(grace.id)?.sentFromApp).toBeUndefined();
  });

  it('lets the user reject a wrong match, and the rejection survives a later sync of the same message', () => {
    const { application, alan } = setUp();
    const message = sentMessage(2, { name: null, address: 'alan@acme.example' }, afterInterview);
    opened.mailStore.addMessages('acct', 'Sent', [message]);
    const alanNote = () =>
      service.status().obligations.find((o) => o.personId === alan.id && o.kind === 'thank-you');
    expect(alanNote()?.state).toBe('done');

    service.saveLink({
      messageId: message.id,
      personId: alan.id,
      applicationId: application.id,
      action: 'unlink',
    });
    expect(alanNote()?.state).toBe('due');
    opened.mailStore.addMessages('acct', 'Sent', [message]);
    expect(alanNote()?.state).toBe('due');
  });

  it('refuses to link a message that is not in the synced mail', () => {
    const { application, alan } = setUp();
    expect(() =>
      service.saveLink({
        messageId: 'acct:sent:<nope@example.org>',
        personId: alan.id,
        applicationId: application.id,
        action: 'link',
      }),
    ).toThrow(/no longer in the synced mail/);
  });

  it('finds synced messages by subject or address, newest first', () => {
    setUp();
    opened.mailStore.addMessages('acct', 'Sent', [
      sentMessage(3, { name: 'Ada', address: 'ada@other.example' }, afterInterview),
      sentMessage(4, { name: null, address: 'alan@acme.example' }, afterInterview + 60_000),
    ]);
    expect(service.findMessages('ACME.example', 10).map((m) => m.subject)).toEqual([
      'Thank you (4)',
    ]);
    expect(service.findMessages('', 10).map((m) => m.subject)).toEqual([
      'Thank you (4)',
      'Thank you (3)',
    ]);
    expect(service.findMessages('', 1)).toHaveLength(1);
  });

  it('lists what already went to a person: from Sent, and marked by hand', () => {
    const { application, grace } = setUp();
    opened.mailStore.addMessages('acct', 'Sent', [
      sentMessage(5, { name: null, address: 'grace@acme.example' }, afterInterview),
    ]);
    service.markSent({
      applicationId: application.id,
      interviewId: null,
      personId: grace.id,
      channel: 'linkedin',
      at: afterInterview + 3_600_000,
      note: 'Short message on LinkedIn',
    });
    expect(service.history(application.id, grace.id)).toEqual([
      expect.objectContaining({ subject: 'Thank you (5)', source: 'mailbox', body: null }),
      expect.objectContaining({ subject: 'Short message on LinkedIn', source: 'manual' }),
    ]);
  });

  it('snoozes an item until a later moment, and waking it clears the snooze', () => {
    const { grace } = setUp();
    const id = service.status().obligations.find((o) => o.personId === grace.id)!.id;
    const until = NOW + 86_400_000;
    expect(service.snooze(id, until)).toEqual({ snoozedUntil: until });
    expect(service.status().obligations.find((o) => o.id === id)?.snoozedUntil).toBe(until);
    expect(service.status(until + 1).obligations.find((o) => o.id === id)?.snoozedUntil).toBe(null);
    service.snooze(id, null);
    expect(service.status().obligations.find((o) => o.id === id)?.snoozedUntil).toBe(null);
    expect(() => service.snooze(id, NOW - 1)).toThrow(/future/);
  });
});
