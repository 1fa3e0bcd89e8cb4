import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchFolder } from '../../../src/main/mail/sync/folder-watch';
import type { ImapSettings } from '../../../src/main/mail/imap-account';
import { imapMailServer } from '../../../src/main/mail/imap-mailbox';
import { createServices } from '../../../src/main/services';
import { createMailWatch } from '../../../src/main/services/mail-watch';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { rawMessage } from '../../support/mail-messages';

let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot({
    users: [
      { user: 'watcher', password: 'pw' },
      { user: 'sam', password: 'correct horse' },
    ],
  });
});
afterAll(async () => {
  await dovecot.stop();
});

function settings(user = 'watcher', password = 'pw'): ImapSettings {
  return { host: '127.0.0.1', port: dovecot.port, security: 'plaintext', user, password };
}

/** Resolves the next time `register` calls back. */
function next(register: (resolve: () => void) => void): Promise<void> {
  return new Promise((resolve) => register(resolve));
}

describe('watching a folder with IDLE', () => {
  it('says so when mail arrives in the inbox, and again after the server restarts', async () => {
    let onChange: () => void = () => undefined;
    let onWatching: () => void = () => undefined;
    let watching = next((r) => (onWatching = r));
    const watch = watchFolder(settings(), {
      role: 'inbox',
      onChange: () => onChange(),
      onWatching: () => onWatching(),
      firstRetryMs: 50,
    });
    try {
      await watching;
      let changed = next((r) => (onChange = r));
      await dovecot.appendMessages('watcher', 'INBOX', [rawMessage('watch', 1)]);
      await changed;

      // The server goes away and comes back: the watcher reconnects by itself and reports a
      // change, since mail may have arrived while it was gone.
      watching = next((r) => (onWatching = r));
      changed = next((r) => (onChange = r));
      await dovecot.restart();
      await Promise.all([watching, changed]);

      changed = next((r) => (onChange = r));
      await dovecot.appendMessages('watcher', 'INBOX', [rawMessage('watch', 2)]);
      await changed;
    } finally {
      await watch.stop();
    }
  });

  it('watches the Sent folder when asked to', async () => {
    let onChange: () => void = () => undefined;
    let onWatching: (path: string) => void = () => undefined;
    const watching = new Promise<string>((r) => (onWatching = r));
    const watch = watchFolder(settings(), {
      role: 'sent',
      onChange: () => onChange(),
      onWatching: (path) => onWatching(path),
    });
    try {
      expect(await watching).toBe('Sent');
      const changed = next((r) => (onChange = r));
      await dovecot.appendMessages('watcher', 'Sent', [rawMessage('watch-sent', 1)]);
      await changed;
    } finally {
      await watch.stop();
    }
  });
});

describe('syncing on new mail while the app is open', () => {
  it('syncs an account when a reply arrives, and stops watching a removed account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'followthrough-watch-'));
    const opened = await openDatabase(join(dir, 'db.sqlite'));
    const vault = createMemoryVault();
    const services = createServices({
      database: opened,
      vault,
      now: () => Date.parse('2026-11-24T09:00:00Z'),
      systemTimeZone: () => 'Europe/Berlin',
      connectionTimeout: 3000,
    });
    const watching = new Set<string>();
    let bothWatching: () => void = () => undefined;
    const ready = next((r) => (bothWatching = r));
    const watch = createMailWatch({
      mailStore: opened.mailStore,
      vault,
      mail: imapMailServer,
      sync: services.sync,
      settleMs: 20,
      onWatching: (_, role) => {
        watching.add(role);
        if (watching.size === 2) bothWatching();
      },
    });
    try {
      const { account } = services.accounts.save({
        label: 'Test mailbox',
        provider: 'other',
        email: 'sam.carter@example.net',
        username: 'sam',
        imap: { host: '127.0.0.1', port: dovecot.port, security: 'plaintext' },
        smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' },
        providerFilesSent: false,
        sentFolder: null,
        draftsFolder: null,
        password: 'correct horse',
      });
      await watch.update();
      await ready;

      await dovecot.appendMessages('sam', 'INBOX', [
        rawMessage('reply', 1, {
          from: 'Grace Hopper <grace@acme.example>',
          to: 'sam.carter@example.net',
          date: new Date('2026-11-24T08:00:00Z'),
          subject: 'Re: Thank you',
        }),
      ]);
      await expect
        .poll(() => opened.mailStore.listMessages().map((m) => m.subject))
        .toContain('Re: Thank you');

      expect(watch.watchedAccounts()).toEqual([account.id]);
      services.accounts.remove(account.id);
      await watch.update();
      expect(watch.watchedAccounts()).toEqual([]);
    } finally {
      await watch.stop();
      opened.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
