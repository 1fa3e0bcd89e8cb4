import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountSignIn } from '../../../../src/main/store/migrations/013-account-sign-in';
import type { MailAccount } from '../../../../src/shared/model';
import { migrationFile } from './helpers';

let file: ReturnType<typeof migrationFile>;
const VERSION = accountSignIn.version;

beforeEach(() => {
  file = migrationFile();
});
afterEach(() => file.dispose());

const open = (version: number) => file.open(version);

describe('migration 013 (account sign-in)', () => {
  it('keeps the accounts seeded one version before, signing in with a password', async () => {
    const old = await open(VERSION - 1);
    old.db
      .prepare(
        `INSERT INTO mail_accounts (id, label, provider, email, username, imap_host, imap_port,
           imap_security, smtp_host, smtp_port, smtp_security, provider_files_sent, sent_folder,
           drafts_folder, created_at, reply_folders)
         VALUES ('acct', 'Work', 'gmail', 'sam@example.net', 'sam@example.net', 'imap.gmail.com', 993, 'tls',
           'smtp.gmail.com', 465, 'tls', 1, NULL, NULL, 5, '["Jobs"]')`,
      )
      .run();
    old.db.close();

    const { db, mailStore, migratedFrom } = await open(VERSION);
    expect(migratedFrom).toBe(VERSION - 1);
    expect(db.pragma('user_version', { simple: true })).toBe(VERSION);
    const account = mailStore.getAccount('acct');
    expect(account).toMatchObject({ provider: 'gmail', replyFolders: ['Jobs'] });
    expect(account?.auth).toBeUndefined();
    expect(db.prepare("SELECT auth FROM mail_accounts WHERE id = 'acct'").pluck().get()).toBe(
      'password',
    );
  });

  it('keeps an OAuth account as one, and refuses a sign-in kind it does not know', async () => {
    const { db, mailStore } = await open(VERSION);
    const account: MailAccount = {
      id: 'acct',
      label: 'Gmail',
      provider: 'gmail',
      email: 'sam@example.net',
      username: 'sam@example.net',
      imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
      smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
      providerFilesSent: true,
      sentFolder: null,
      draftsFolder: null,
      replyFolders: [],
      auth: 'oauth2',
      createdAt: 1,
    };
    mailStore.saveAccount(account);
    expect(mailStore.getAccount('acct')).toEqual(account);
    mailStore.saveAccount({ ...account, auth: 'password' });
    expect(mailStore.getAccount('acct')?.auth).toBeUndefined();
    expect(() => db.prepare("UPDATE mail_accounts SET auth = 'kerberos'").run()).toThrow(/CHECK/);
  });
});
