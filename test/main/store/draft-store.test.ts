import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
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
});
