import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import type { FolderMessage } from '../../../src/shared/model';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/store/migrations';
import type { KnownMessage, MailAccount } from '../../../src/shared/model';

let dir: string;
let file: string;
let opened: OpenedDatabase;

const account: MailAccount = {
  id: 'acct-1',
  label: 'Personal',
  provider: 'fastmail',
  email: 'sam@example.com',
  username: 'sam@example.com',
  imap: { host: 'imap.fastmail.com', port: 993, security: 'tls' },
  smtp: { host: 'smtp.fastmail.com', port: 465, security: 'tls' },
  providerFilesSent: false,
  sentFolder: null,
  draftsFolder: null,
  replyFolders: [],
  createdAt: 1,
};

function message(uid: number, extra: Partial<KnownMessage> = {}): FolderMessage {
  return {
    uid,
    ...{
      id: `acct-1:sent:<m${uid}@example.com>`,
      folderRole: 'sent',
      messageId: `<m${uid}@example.com>`,
      inReplyTo: null,
      references: [],
      date: 1_700_000_000_000 + uid,
      from: [{ name: 'Sam', address: 'sam@example.com' }],
      to: [{ name: null, address: `person${uid}@acme.example` }],
      cc: [],
      bcc: [],
      subject: `Thank you ${uid}`,
      autoReply: false,
      bounce: false,
      ...extra,
    },
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-mail-store-'));
  file = join(dir, 'db.sqlite');
  opened = await openDatabase(file);
  opened.mailStore.saveAccount(account);
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 002 (mail)', () => {
  it('adds the mail tables to a version-1 file and keeps its rows', async () => {
    const old = join(dir, 'v1.sqlite');
    const v1 = await openDatabase(old, { migrations: MIGRATIONS.slice(0, 1) });
    v1.store.saveProfile({ fullName: 'Sam Rivera', phone: '', email: '' });
    v1.store.close();

    const v2 = await openDatabase(old);
    expect(v2.migratedFrom).toBe(1);
    expect(v2.backupPath).not.toBeNull();
    expect(v2.store.getProfile().fullName).toBe('Sam Rivera');
    expect(v2.mailStore.listAccounts()).toEqual([]);
    expect(v2.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    v2.store.close();
  });
});

describe('mail store', () => {
  const store = () => opened.mailStore;

  it('stores a batch of messages together with the folder state that covers them', () => {
    store().writeBatch(
      'acct-1',
      'Sent',
      'sent',
      [message(1), message(2)],
      { uidValidity: '7', lastUid: 2, highestModseq: '10', uidNext: 3, messages: 2 },
      5,
    );
    expect(store().getFolderState('acct-1', 'Sent')).toEqual({
      uidValidity: '7',
      lastUid: 2,
      highestModseq: '10',
      uidNext: 3,
      messages: 2,
    });
    expect(
      store()
        .listMessages()
        .map((m) => m.subject),
    ).toEqual(['Thank you 1', 'Thank you 2']);
    expect(store().listMessages()[0]).toEqual((({ uid: _uid, ...rest }) => rest)(message(1)));
  });

  it('writes nothing of a batch that fails part-way, not even the state', () => {
    store().writeBatch(
      'acct-1',
      'Sent',
      'sent',
      [message(1)],
      { uidValidity: '7', lastUid: 1, highestModseq: null, uidNext: 0, messages: 0 },
      5,
    );
    const broken = message(3, { folderRole: 'drafts' as never });
    expect(() =>
      store().writeBatch(
        'acct-1',
        'Sent',
        'sent',
        [message(2), broken],
        { uidValidity: '7', lastUid: 3, highestModseq: null, uidNext: 0, messages: 0 },
        6,
      ),
    ).toThrow();
    expect(store().getFolderState('acct-1', 'Sent')?.lastUid).toBe(1);
    expect(store().countMessages()).toBe(1);
  });

  it('does not duplicate a message read twice (a sync repeated after a crash)', () => {
    const state = { uidValidity: '7', lastUid: 2, highestModseq: null, uidNext: 0, messages: 0 };
    store().writeBatch('acct-1', 'Sent', 'sent', [message(1), message(2)], state, 5);
    store().writeBatch('acct-1', 'Sent', 'sent', [message(2)], state, 6);
    expect(store().countMessages('acct-1')).toBe(2);
  });

  it('forgets a folder on reset and single messages on expunge', () => {
    store().writeBatch(
      'acct-1',
      'Sent',
      'sent',
      [message(1), message(2), message(3)],
      { uidValidity: '7', lastUid: 3, highestModseq: null, uidNext: 0, messages: 0 },
      5,
    );
    store().removeUids('acct-1', 'Sent', [2]);
    expect(store().knownUids('acct-1', 'Sent')).toEqual([1, 3]);
    store().resetFolder('acct-1', 'Sent');
    expect(store().getFolderState('acct-1', 'Sent')).toBeNull();
    expect(store().countMessages()).toBe(0);
  });

  it('replaces what a local mailbox contributed, so reading it again changes nothing', () => {
    const local = [message(1), message(2)].map((m) => ({ ...m, uid: null }));
    store().replaceSourceMessages('local:abc', '/home/sam/sent.mbox', local);
    store().replaceSourceMessages('local:abc', '/home/sam/sent.mbox', local);
    expect(store().countMessages('local:abc')).toBe(2);
  });

  it('keeps only ciphertext for a secret, and removes it with the account', () => {
    const ciphertext = Buffer.from('v10:opaque-bytes-from-the-keychain');
    store().setSecret('acct-1', ciphertext);
    expect(store().getSecret('acct-1')?.equals(ciphertext)).toBe(true);
    store().writeBatch(
      'acct-1',
      'Sent',
      'sent',
      [message(1)],
      { uidValidity: '7', lastUid: 1, highestModseq: null, uidNext: 0, messages: 0 },
      5,
    );
    expect(store().deleteAccount('acct-1')).toBe(true);
    expect(store().getSecret('acct-1')).toBeNull();
    expect(store().countMessages()).toBe(0);
    expect(store().getFolderState('acct-1', 'Sent')).toBeNull();
  });

  it('records the last sync result in words', () => {
    expect(store().getSyncStatus('acct-1')).toMatchObject({ state: 'never', lastSyncAt: null });
    store().setSyncResult('acct-1', { at: 10, error: 'The server refused the password.' });
    expect(store().getSyncStatus('acct-1')).toMatchObject({
      state: 'error',
      lastSyncAt: 10,
      error: 'The server refused the password.',
    });
    store().setSyncResult('acct-1', { at: 20, error: null });
    expect(store().getSyncStatus('acct-1')).toMatchObject({
      state: 'ok',
      lastSyncAt: 20,
      error: null,
    });
  });

  it('keeps the user’s link and unlink corrections', () => {
    opened.store.saveApplication({
      id: 'app',
      company: 'Acme',
      roleTitle: 'SRE',
      postingUrl: null,
      status: 'applied',
      appliedOn: null,
      decidedOn: null,
      companyDomains: [],
      notes: '',
      createdAt: 1,
      updatedAt: 1,
    });
    opened.store.savePerson({
      id: 'p',
      name: 'Grace',
      title: '',
      company: '',
      emails: [],
      phone: '',
      firstNameOk: false,
      doNotContact: false,
      notApplicable: false,
      notes: '',
    });
    store().saveLink({
      messageId: 'm',
      personId: 'p',
      applicationId: 'app',
      action: 'link',
      at: 1,
    });
    store().saveLink({
      messageId: 'm',
      personId: 'p',
      applicationId: 'app',
      action: 'unlink',
      at: 2,
    });
    expect(store().listLinks()).toEqual([
      { messageId: 'm', personId: 'p', applicationId: 'app', action: 'unlink', at: 2 },
    ]);
    expect(store().deleteLink('m', 'p', 'app')).toBe(true);
    expect(store().listLinks()).toEqual([]);
  });

  it('never writes a secret in clear: the file holds only what it was given', () => {
    store().setSecret('acct-1', Buffer.from('CIPHERTEXT-ONLY'));
    opened.db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = new BetterSqlite3(file, { readonly: true });
    raw.close();
    expect(readFileSync(file).includes('CIPHERTEXT-ONLY')).toBe(true);
  });
});
