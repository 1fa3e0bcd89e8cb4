import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { MIGRATIONS } from '../../../src/main/store/migrations';
import type { Draft } from '../../../src/shared/model';

let dir: string;
let opened: OpenedDatabase;

const draft: Draft = {
  obligationId: 'thank-you:app:int:p',
  applicationId: 'app',
  personId: 'p',
  templateId: 'after-video-call',
  to: ['grace@acme.example'],
  subject: 'Thank you',
  body: 'Dear Grace Hopper,\n\nThank you.',
  state: 'editing',
  messageId: null,
  sentAt: null,
  error: null,
  draftsCopy: null,
  updatedAt: 1,
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-drafts-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  opened.store.saveApplication({
    id: 'app',
    company: 'Acme',
    roleTitle: 'SRE',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: null,
    decidedOn: null,
    companyDomains: [],
    notes: '',
    createdAt: 1,
    updatedAt: 1,
  });
  opened.store.savePerson({
    id: 'p',
    name: 'Grace Hopper',
    title: '',
    company: '',
    emails: ['grace@acme.example'],
    phone: '',
    firstNameOk: false,
    doNotContact: false,
    notApplicable: false,
    notes: '',
  });
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('draft store', () => {
  it('keeps what the user typed, across reopening the file', async () => {
    opened.draftStore.saveDraft({
      ...draft,
      draftsCopy: { accountId: 'a', uid: 7, uidValidity: '9' },
    });
    opened.store.close();
    opened = await openDatabase(join(dir, 'db.sqlite'));
    expect(opened.draftStore.getDraft(draft.obligationId)).toEqual({
      ...draft,
      draftsCopy: { accountId: 'a', uid: 7, uidValidity: '9' },
    });
  });

  it('lets only one of two sends start', () => {
    opened.draftStore.saveDraft(draft);
    const first = opened.draftStore.transition(
      draft.obligationId,
      ['editing', 'failed'],
      'sending',
      { messageId: '<m@x>' },
    );
    const second = opened.draftStore.transition(
      draft.obligationId,
      ['editing', 'failed'],
      'sending',
      { messageId: '<other@x>' },
    );
    expect([first, second]).toEqual([true, false]);
    expect(opened.draftStore.getDraft(draft.obligationId)).toMatchObject({
      state: 'sending',
      messageId: '<m@x>',
    });
  });

  it('keeps a draft when its person is deleted, and drops it with its application', () => {
    opened.draftStore.saveDraft(draft);
    opened.store.deletePerson('p');
    expect(opened.draftStore.getDraft(draft.obligationId)?.personId).toBeNull();
    opened.store.deleteApplication('app');
    expect(opened.draftStore.listDrafts()).toEqual([]);
  });

  it('stores user templates and restores a built-in one by deleting the copy', () => {
    opened.draftStore.saveTemplate({
      id: 'after-video-call',
      name: 'Mine',
      situation: '',
      subject: 's',
      body: 'b',
      updatedAt: 2,
    });
    expect(opened.draftStore.listTemplates()).toHaveLength(1);
    expect(opened.draftStore.deleteTemplate('after-video-call')).toBe(true);
    expect(opened.draftStore.listTemplates()).toEqual([]);
  });

  it('keeps each sent note once, with its text, and drops them with their application', async () => {
    const note = {
      messageId: '<n1@example.org>',
      obligationId: draft.obligationId,
      applicationId: 'app',
      personId: 'p',
      accountId: 'acct',
      to: ['grace@acme.example'],
      subject: 'Thank you',
      body: 'Dear Grace Hopper,\n\nThank you.',
      sentAt: 5,
    };
    opened.draftStore.recordSentNote(note);
    opened.draftStore.recordSentNote({ ...note, body: 'changed' });
    opened.store.close();
    opened = await openDatabase(join(dir, 'db.sqlite'));
    expect(opened.draftStore.listSentNotes('app', 'p')).toEqual([note]);
    expect(opened.draftStore.listSentNotes('app', null)).toEqual([]);
    opened.store.deleteApplication('app');
    expect(opened.draftStore.listSentNotes('app', 'p')).toEqual([]);
  });

  it('keeps snoozes across reopening, and clears one when woken', async () => {
    opened.draftStore.setSnooze('a', 100);
    opened.draftStore.setSnooze('b', 200);
    opened.draftStore.setSnooze('a', 300);
    opened.store.close();
    opened = await openDatabase(join(dir, 'db.sqlite'));
    expect([...opened.draftStore.listSnoozes()]).toEqual([
      ['a', 300],
      ['b', 200],
    ]);
    opened.draftStore.setSnooze('a', null);
    expect([...opened.draftStore.listSnoozes().keys()]).toEqual(['b']);
  });
});

describe('migration 004 (snoozes and sent notes)', () => {
  it('adds the tables to a version-3 file and keeps its drafts', async () => {
    const old = join(dir, 'v3.sqlite');
    const v3 = await openDatabase(old, { migrations: MIGRATIONS.slice(0, 3) });
    v3.store.saveApplication(opened.store.getApplication('app')!);
    v3.db
      .prepare(
        `INSERT INTO drafts (obligation_id, application_id, person_id, template_id, to_addrs, subject,
          body, state, updated_at) VALUES (?, 'app', NULL, NULL, '[]', 'Thanks', 'Dear Grace', 'editing', 1)`,
      )
      .run(draft.obligationId);
    v3.store.close();

    const v4 = await openDatabase(old, { migrations: MIGRATIONS.slice(0, 4) });
    expect(v4.migratedFrom).toBe(3);
    expect(v4.draftStore.getDraft(draft.obligationId)).toMatchObject({ body: 'Dear Grace' });
    expect(v4.draftStore.listSnoozes().size).toBe(0);
    v4.store.close();
  });
});
