import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aliasesAndReplyFolders } from '../../../../src/main/store/migrations/012-aliases-and-reply-folders';
import type { MailAccount } from '../../../../src/shared/model';
import { migrationFile } from './helpers';

let file: ReturnType<typeof migrationFile>;
const VERSION = aliasesAndReplyFolders.version;

beforeEach(() => {
  file = migrationFile();
});
afterEach(() => file.dispose());

const open = (version: number) => file.open(version);

describe('migration 012 (aliases and reply folders)', () => {
  it('keeps the profile and the accounts seeded one version before, with no aliases and no added folders', async () => {
    const old = await open(VERSION - 1);
    old.db
      .prepare(
        "INSERT INTO profile (id, full_name, phone, email) VALUES (1, 'Sam Carter', '+49 1', 'sam@example.net')",
      )
      .run();
    old.db
      .prepare(
        `INSERT INTO mail_accounts (id, label, provider, email, username, imap_host, imap_port,
           imap_security, smtp_host, smtp_port, smtp_security, provider_files_sent, sent_folder,
           drafts_folder, created_at)
         VALUES ('acct', 'Work', 'other', 'sam@example.net', 'sam', 'imap.example.net', 993, 'tls',
           'smtp.example.net', 465, 'tls', 0, 'Sent', NULL, 5)`,
      )
      .run();
    old.db.close();

    const { db, store, mailStore, migratedFrom } = await open(VERSION);
    expect(migratedFrom).toBe(VERSION - 1);
    expect(db.pragma('user_version', { simple: true })).toBe(VERSION);
    expect(store.getProfile()).toEqual({
      fullName: 'Sam Carter',
      phone: '+49 1',
      email: 'sam@example.net',
      aliases: [],
    });
    expect(mailStore.getAccount('acct')).toMatchObject({ sentFolder: 'Sent', replyFolders: [] });
  });

  it('keeps aliases and reply folders, and refuses a value that is not a list', async () => {
    const { db, store, mailStore } = await open(VERSION);
    store.saveProfile({
      fullName: 'Sam',
      phone: '',
      email: 'sam@example.net',
      aliases: ['sam.carter@home.example'],
    });
    expect(store.getProfile().aliases).toEqual(['sam.carter@home.example']);
    const account: MailAccount = {
      id: 'acct',
      label: 'Work',
      provider: 'other',
      email: 'sam@example.net',
      username: 'sam',
      imap: { host: 'imap.example.net', port: 993, security: 'tls' },
      smtp: { host: 'smtp.example.net', port: 465, security: 'tls' },
      providerFilesSent: false,
      sentFolder: null,
      draftsFolder: null,
      replyFolders: ['Jobs/Replies'],
      createdAt: 1,
    };
    mailStore.saveAccount(account);
    mailStore.saveAccount({ ...account, replyFolders: ['Jobs/Replies', 'Recruiters'] });
    expect(mailStore.getAccount('acct')?.replyFolders).toEqual(['Jobs/Replies', 'Recruiters']);
    expect(() => db.prepare("UPDATE profile SET aliases = 'sam@x' WHERE id = 1").run()).toThrow(
      /CHECK|JSON/,
    );
  });
});
