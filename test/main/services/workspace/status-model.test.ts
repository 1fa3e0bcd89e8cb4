/**
 * The workspace service keeps the rules' work between calls. Every input the status comes
 * from must show in the very next status() after it changes, through whichever path wrote it:
 * "I sent it but it still says due" is the bug these tests are for. After each change the
 * cached status is also compared with one worked out from scratch on a new connection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../src/main/services';
import { createMemoryVault } from '../../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../../src/main/store/database';
import type { FolderMessage } from '../../../../src/shared/model';
import type { ChannelInput, StatusSummary } from '../../../../src/shared/contract';
import type { FolderState, Interview, MailAccount, Person } from '../../../../src/shared/model';

// Tuesday 24 November 2026, 10:00 in Berlin; the interview was the day before.
const NOW = Date.parse('2026-11-24T09:00:00Z');
const ZONE = 'Europe/Berlin';
const INTERVIEW_END = Date.parse('2026-11-23T14:30:00Z');
const HOUR = 3_600_000;

let dir: string;
let file: string;
let opened: OpenedDatabase;
let services: Services;
let now: number;
let zone: string;

function build(database: OpenedDatabase): Services {
  return createServices({
    database,
    vault: createMemoryVault(),
    now: () => now,
    systemTimeZone: () => zone,
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-status-cache-'));
  file = join(dir, 'db.sqlite');
  opened = await openDatabase(file);
  now = NOW;
  zone = ZONE;
  services = build(opened);
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const account: MailAccount = {
  id: 'acct-1',
  label: 'Home',
  provider: 'other',
  email: 'me@home.example',
  username: 'me@home.example',
  imap: { host: '127.0.0.1', port: 1, security: 'plaintext' },
  smtp: { host: '127.0.0.1', port: 1, security: 'plaintext' },
  providerFilesSent: false,
  sentFolder: null,
  draftsFolder: null,
  replyFolders: [],
  createdAt: NOW - 30 * 24 * HOUR,
};

function grace(emails = ['grace@acme.example']): Omit<Person, 'id'> {
  return {
    name: 'Grace Hopper',
    title: '',
    company: 'Acme',
    emails,
    phone: '',
    firstNameOk: false,
    doNotContact: false,
    notApplicable: false,
    notes: '',
  };
}

function interview(applicationId: string, endsAt = INTERVIEW_END): ChannelInput<'interviews:save'> {
  return {
    interview: {
      applicationId,
      kind: 'video',
      startsAt: endsAt - HOUR,
      endsAt,
      timeZone: ZONE,
      location: null,
      decisionBy: null,
      contactPlan: '',
      outcome: 'unknown',
      notes: '',
      cancelled: false,
    },
    participants: [{ person: grace(), role: 'interviewer', topics: '', notes: '' }],
  };
}

/** One application with one interview and Grace as its interviewer; the ids to work with. */
function seed(): { applicationId: string; interview: Interview; personId: string } {
  opened.mailStore.saveAccount(account);
  const application = services.workspace.saveApplication({
    company: 'Acme',
    roleTitle: 'Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: '2026-11-01',
    decidedOn: null,
    companyDomains: ['acme.example'],
    notes: '',
  });
  const saved = services.workspace.saveInterview(interview(application.id));
  const personId = opened.store.listParticipants(saved.id)[0]!.personId;
  return { applicationId: application.id, interview: saved, personId };
}

let nextUid = 1;

/** A note as the sync stores it: one batch written with its folder state. */
function syncNote(to: string, at = INTERVIEW_END + 2 * HOUR): FolderMessage {
  const uid = nextUid++;
  const message: FolderMessage = {
    id: `acct-1:sent:<note-${uid}@home.example>`,
    folderRole: 'sent',
    messageId: `<note-${uid}@home.example>`,
    inReplyTo: null,
    references: [],
    date: at,
    from: [{ name: 'Me', address: 'me@home.example' }],
    to: [{ name: null, address: to }],
    cc: [],
    bcc: [],
    subject: 'Thank you',
    autoReply: false,
    bounce: false,
    uid,
  };
  const state: FolderState = {
    uidValidity: '1',
    lastUid: uid,
    highestModseq: null,
    uidNext: uid + 1,
    messages: uid,
  };
  opened.mailStore.writeBatch('acct-1', 'Sent', 'sent', [message], state, now);
  return message;
}

function thankYou(status: StatusSummary = services.workspace.status()) {
  const found = status.obligations.find((o) => o.kind === 'thank-you');
  if (found === undefined) throw new Error('no thank-you note owed');
  return found;
}

/** The same status worked out from scratch, on a connection and services of its own. */
async function fromScratch(at?: number): Promise<StatusSummary> {
  const other = await openDatabase(file);
  try {
    return build(other).workspace.status(at);
  } finally {
    other.store.close();
  }
}

async function expectFresh(at?: number): Promise<void> {
  expect(services.workspace.status(at)).toEqual(await fromScratch(at));
}

describe('the kept status follows every change', () => {
  it('a note found by a sync counts at once, and stops counting when it is expunged', async () => {
    seed();
    expect(thankYou().state).toBe('due');
    const note = syncNote('grace@acme.example');
    expect(thankYou()).toMatchObject({ state: 'done', evidence: { messageId: note.id } });
    await expectFresh();

    opened.mailStore.removeUids('acct-1', 'Sent', [note.uid!]);
    expect(thankYou().state).toBe('due');
    await expectFresh();

    syncNote('grace@acme.example');
    expect(thankYou().state).toBe('done');
    opened.mailStore.resetFolder('acct-1', 'Sent');
    expect(thankYou().state).toBe('due');
    await expectFresh();
  });

  it('a note the app just sent counts before the sync confirms it', async () => {
    seed();
    expect(thankYou().state).toBe('due');
    opened.mailStore.addMessages('acct-1', 'Sent', [
      { ...syncNote('nobody@else.example'), id: 'acct-1:sent:<app@home>', messageId: '<app@home>' },
    ]);
    expect(thankYou().state).toBe('due');
    opened.mailStore.addMessages('acct-1', 'Sent', [
      {
        ...syncNote('nobody@else.example'),
        id: 'acct-1:sent:<app2@home>',
        messageId: '<app2@home>',
        to: [{ name: null, address: 'grace@acme.example' }],
      },
    ]);
    expect(thankYou().state).toBe('done');
    await expectFresh();
  });

  it('a message linked by hand counts, and an unlink takes it back', async () => {
    const { applicationId, personId } = seed();
    const note = syncNote('grace.hopper@home-mail.example');
    expect(thankYou().state).toBe('due');
    services.workspace.saveLink({ messageId: note.id, personId, applicationId, action: 'link' });
    expect(thankYou()).toMatchObject({ state: 'done', evidence: { messageId: note.id } });
    await expectFresh();
    now += 1;
    services.workspace.saveLink({ messageId: note.id, personId, applicationId, action: 'unlink' });
    expect(thankYou().state).toBe('due');
    await expectFresh();
  });

  it('an address added to a person makes their earlier note count; removed, it does not', async () => {
    const { personId } = seed();
    syncNote('grace.hopper@home-mail.example');
    expect(thankYou().state).toBe('due');
    services.workspace.savePerson({
      ...grace(['grace@acme.example', 'grace.hopper@home-mail.example']),
      id: personId,
    });
    expect(thankYou().state).toBe('done');
    await expectFresh();
    services.workspace.savePerson({ ...grace(), id: personId });
    expect(thankYou().state).toBe('due');
    expect(thankYou().personName).toBe('Grace Hopper');
    services.workspace.savePerson({ ...grace(), name: 'Grace B. Hopper', id: personId });
    expect(thankYou().personName).toBe('Grace B. Hopper');
    await expectFresh();
  });

  it('an interview moved after the note means the note no longer counts for it', async () => {
    const { applicationId, interview: saved } = seed();
    syncNote('grace@acme.example');
    expect(thankYou().state).toBe('done');
    const later = interview(applicationId, NOW + 26 * HOUR);
    services.workspace.saveInterview({ ...later, interview: { ...later.interview, id: saved.id } });
    expect(thankYou().state).toBe('upcoming');
    expect(thankYou().interviewStartsAt).toBe(NOW + 25 * HOUR);
    await expectFresh();
    services.workspace.deleteInterview(saved.id);
    expect(services.workspace.status().obligations).toEqual([]);
    await expectFresh();
  });

  it('settings change the due moment, and the zone they are counted in', async () => {
    seed();
    const before = thankYou().dueAt;
    services.workspace.saveSettings({ ...services.workspace.getSettings(), thankYouWindow: '48h' });
    expect(thankYou().dueAt).toBe(INTERVIEW_END + 48 * HOUR);
    expect(thankYou().dueAt).not.toBe(before);
    await expectFresh();
    services.workspace.saveSettings({
      ...services.workspace.getSettings(),
      thankYouWindow: 'same-day',
    });
    const berlin = thankYou().dueAt;
    zone = 'America/Los_Angeles';
    expect(thankYou().dueAt).not.toBe(berlin);
    expect(services.workspace.status().timeZone).toBe('America/Los_Angeles');
    await expectFresh();
  });

  it('a note marked as sent by hand is done, and unmarked it is owed again', async () => {
    const { applicationId, interview: saved, personId } = seed();
    expect(thankYou().state).toBe('due');
    const contact = services.workspace.markSent({
      applicationId,
      interviewId: saved.id,
      personId,
      channel: 'linkedin',
      at: INTERVIEW_END + HOUR,
      note: '',
    });
    expect(thankYou()).toMatchObject({ state: 'done', evidence: { type: 'manual' } });
    await expectFresh();
    services.workspace.unmark(contact.id);
    expect(thankYou().state).toBe('due');
    await expectFresh();
  });

  it('states follow the clock in both directions, and snoozes show at once', async () => {
    seed();
    expect(thankYou(services.workspace.status(NOW)).state).toBe('due');
    expect(thankYou(services.workspace.status(NOW + 3 * 24 * HOUR)).state).toBe('overdue');
    expect(thankYou(services.workspace.status(INTERVIEW_END - HOUR)).state).toBe('upcoming');
    expect(thankYou(services.workspace.status(NOW)).state).toBe('due');
    await expectFresh(NOW + 3 * 24 * HOUR);

    const id = thankYou().id;
    services.workspace.snooze(id, NOW + 2 * HOUR);
    expect(thankYou().snoozedUntil).toBe(NOW + 2 * HOUR);
    expect(thankYou(services.workspace.status(NOW + 3 * HOUR)).snoozedUntil).toBeNull();
    services.workspace.snooze(id, null);
    expect(thankYou().snoozedUntil).toBeNull();
    await expectFresh();
  });

  it("the user's own addresses, from the profile and the accounts, are never someone else's", async () => {
    seed();
    syncNote('grace@acme.example');
    expect(thankYou().state).toBe('done');
    // Absurd, but it proves both are inputs: a message to one's own address is no note.
    opened.mailStore.saveAccount({ ...account, email: 'grace@acme.example' });
    expect(thankYou().state).toBe('due');
    await expectFresh();
    opened.mailStore.saveAccount(account);
    expect(thankYou().state).toBe('done');
    services.workspace.saveProfile({ fullName: 'Me', phone: '', email: 'grace@acme.example' });
    expect(thankYou().state).toBe('due');
    await expectFresh();
  });

  it('what another connection writes (the command line beside the app) shows as well', async () => {
    const { applicationId, interview: saved, personId } = seed();
    expect(thankYou().state).toBe('due');
    const other = await openDatabase(file);
    try {
      other.store.saveManualContact({
        id: 'by-hand',
        applicationId,
        interviewId: saved.id,
        personId,
        channel: 'letter',
        at: INTERVIEW_END + HOUR,
        note: '',
      });
      expect(thankYou().state).toBe('done');
      other.store.deleteManualContact('by-hand');
      expect(thankYou().state).toBe('due');
      other.mailStore.writeBatch(
        'acct-1',
        'Sent',
        'sent',
        [{ ...syncNote('nobody@else.example'), id: 'x', messageId: '<x@home>', uid: 99 }],
        { uidValidity: '1', lastUid: 99, highestModseq: null, uidNext: 100, messages: 3 },
        NOW,
      );
      expect(services.workspace.findMessages('', 10).map((m) => m.id)).toContain('x');
    } finally {
      other.store.close();
    }
    await expectFresh();
  });

  it('a workspace replaced by an import or the sample is the new one at once', async () => {
    seed();
    expect(services.workspace.status().obligations).not.toEqual([]);
    services.workspace.importWorkspace({
      ...services.workspace.exportWorkspace(),
      applications: [],
      interviews: [],
      participants: [],
      manualContacts: [],
    });
    expect(services.workspace.status().obligations).toEqual([]);
    services.workspace.loadSample({ replace: true });
    expect(services.workspace.status().obligations.length).toBeGreaterThan(0);
    await expectFresh();
  });
});

describe("the rows kept after the service's own edits", () => {
  /** The store, counting how often everyone is read; `before` runs as each transaction starts. */
  function watchedStore(before: () => void = () => undefined) {
    const reads = { people: 0 };
    const store = new Proxy(opened.store, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        if (name === 'listPeople') reads.people += 1;
        if (name === 'transaction') {
          return <T>(fn: () => T): T => {
            before();
            return target.transaction(fn);
          };
        }
        return (value as (...args: unknown[]) => unknown).bind(target);
      },
    });
    return { store, reads };
  }

  function keptRows() {
    const { applications, interviews, people, participants, manualContacts, links } =
      services.workspace.workspaceRows();
    return { applications, interviews, people, participants, manualContacts, links };
  }

  function rowsAsRead() {
    return {
      applications: opened.store.listApplications(),
      interviews: opened.store.listInterviews(),
      people: opened.store.listPeople(),
      participants: opened.store.listParticipants(),
      manualContacts: opened.store.listManualContacts(),
      links: opened.mailStore.listLinks(),
    };
  }

  it('are what a read gives, in the store’s order, without reading every table again', async () => {
    const { store, reads } = watchedStore();
    services = build({ ...opened, store });
    const { applicationId, interview: saved, personId } = seed();
    const note = syncNote('someone.else@elsewhere.example');
    services.workspace.status();
    const before = reads.people;
    // Names that sort differently by UTF-16 units than by code points, as SQLite sorts them.
    services.workspace.savePerson({ ...grace(['ada@else.example']), name: '\uFF21da' });
    for (const name of ['\u{1D4D0}da', '\uFF21da', 'Ada', 'Zed', 'grace']) {
      services.workspace.savePerson({ ...grace(), name, id: personId });
      expect(keptRows()).toEqual(rowsAsRead());
    }
    // Interviews saved again: each one's participants where the store lists them.
    const others = [1, 2].map((n) =>
      services.workspace.saveInterview(interview(applicationId, INTERVIEW_END + n * HOUR)),
    );
    for (const other of others) {
      services.workspace.saveInterview({ ...interview(applicationId), interview: { ...other } });
      expect(keptRows()).toEqual(rowsAsRead());
    }
    const again = interview(applicationId, INTERVIEW_END + 24 * HOUR);
    services.workspace.saveInterview({
      interview: { ...again.interview, id: saved.id },
      participants: [
        ...again.participants,
        {
          person: { ...grace([]), name: '\uE000 Coordinator' },
          role: 'arranger',
          topics: '',
          notes: '',
        },
      ],
    });
    services.workspace.saveApplication({
      company: 'Globex',
      roleTitle: 'Engineer',
      postingUrl: null,
      status: 'interviewing',
      appliedOn: null,
      decidedOn: null,
      companyDomains: [],
      notes: '',
    });
    const contact = services.workspace.markSent({
      applicationId,
      interviewId: saved.id,
      personId,
      channel: 'phone',
      at: INTERVIEW_END + HOUR,
      note: '',
    });
    services.workspace.saveLink({ messageId: note.id, personId, applicationId, action: 'link' });
    services.workspace.saveSettings({ ...services.workspace.getSettings(), thankYouWindow: '24h' });
    services.workspace.saveProfile({ fullName: 'Me', phone: '', email: 'me@home.example' });
    services.workspace.unmark(contact.id);
    expect(keptRows()).toEqual(rowsAsRead());
    services.workspace.status();
    expect(reads.people).toBe(before);
    // Another connection (as this check opens) moves the version: everything is read again.
    await expectFresh();
  });

  it('are read again when another connection wrote during an edit', async () => {
    const other = await openDatabase(file);
    try {
      let writeElsewhere = false;
      const { store } = watchedStore(() => {
        if (writeElsewhere)
          other.store.saveSettings({ ...other.store.getSettings(), thankYouWindow: '48h' });
      });
      services = build({ ...opened, store });
      const { personId } = seed();
      services.workspace.status();
      writeElsewhere = true;
      services.workspace.savePerson({ ...grace(), name: 'Grace B. Hopper', id: personId });
      expect(thankYou()).toMatchObject({
        personName: 'Grace B. Hopper',
        dueAt: INTERVIEW_END + 48 * HOUR,
      });
      await expectFresh();
    } finally {
      other.store.close();
    }
  });
});
