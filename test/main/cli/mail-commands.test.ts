import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliOn } from '../../support/cli';
import { startDovecot, type Dovecot } from '../../support/dovecot';

const NOW = Date.parse('2026-11-24T09:00:00Z');
let dovecot: Dovecot;
let dir: string;
let db: string;

function cli(
  args: string[],
  env: Record<string, string> = {},
  askPassword?: (question: string) => Promise<string>,
) {
  return runCliOn(db, args, { env, now: NOW, ...(askPassword ? { askPassword } : {}) });
}

const server = () => [
  '--imap-host',
  '127.0.0.1',
  '--imap-port',
  String(dovecot.port),
  '--security',
  'plaintext',
];

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ user: 'sam', password: 's3cret-pass' }] });
  await dovecot.appendMessages('sam', 'Sent', [
    [
      'Message-ID: <cli-1@example.net>',
      'Date: Mon, 23 Nov 2026 18:00:00 +0100',
      'From: Sam Rivera <sam.rivera@example.com>',
      'To: Ada Okafor <ada.okafor@northwind.example>',
      'Subject: Thank you',
      '',
      'Hi',
      '',
    ].join('\r\n'),
  ]);
});
afterAll(async () => {
  await dovecot.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-cli-mail-'));
  db = join(dir, 'db.sqlite');
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('followthrough account and sync', () => {
  it('refuses a wrong password with what to do, and saves a working account', async () => {
    const wrong = await cli(
      [
        'account',
        'add',
        '--email',
        'sam@example.com',
        '--user',
        'sam',
        ...server(),
        '--password-env',
        'PW',
      ],
      {
        PW: 'nope',
      },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/password/i);
    expect((await cli(['account', 'list'])).stdout).toMatch(/No accounts yet/);

    const added = await cli(
      [
        'account',
        'add',
        '--email',
        'sam@example.com',
        '--user',
        'sam',
        ...server(),
        '--password-env',
        'PW',
      ],
      {
        PW: 's3cret-pass',
      },
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/sent mail is read from "Sent"/);
    expect((await cli(['account', 'list'])).stdout).toMatch(
      /sam@example.com\s+127\.0\.0\.1\s+never synced/,
    );
    expect(added.stdout).toContain('Replies are read from the inbox only.');

    const id = (
      JSON.parse((await cli(['account', 'list', '--json'])).stdout) as Array<{
        account: { id: string };
      }>
    )[0]!.account.id;
    const folders = await cli(['account', 'folders', id, '--add', 'Jobs', '--add', 'Recruiters']);
    expect(folders.stdout).toBe(
      'Read for replies besides the inbox, \\All and \\Archive: "Jobs", "Recruiters".\n',
    );
    await cli(['account', 'folders', id, '--remove', 'Jobs']);
    const listed = JSON.parse((await cli(['account', 'list', '--json'])).stdout) as Array<{
      account: { replyFolders: string[] };
    }>;
    expect(listed[0]?.account.replyFolders).toEqual(['Recruiters']);
  });

  it('syncs with the password from the environment, and finds the note in Sent', async () => {
    await cli(['sample']);
    await cli(
      [
        'account',
        'add',
        '--email',
        'sam@example.com',
        '--user',
        'sam',
        ...server(),
        '--password-env',
        'PW',
      ],
      { PW: 's3cret-pass' },
    );

    const missing = await cli(['sync']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--password-env/);

    const synced = await cli(['sync', '--password-env', 'PW'], { PW: 's3cret-pass' });
    expect(synced.code).toBe(0);
    expect(synced.stdout).toMatch(/: 1 new, 0 removed/);
    expect(synced.stderr).toMatch(/Sent: \d+\/\d+/);
    expect(synced.stdout + synced.stderr).not.toContain('s3cret-pass');

    const status = JSON.parse((await cli(['status', '--json'])).stdout) as {
      obligations: Array<{
        person: string;
        kind: string;
        state: string;
        evidence: { type: string } | null;
      }>;
    };
    expect(
      status.obligations.find((o) => o.person === 'Ada Okafor' && o.kind === 'thank-you'),
    ).toMatchObject({
      state: 'done',
      evidence: { type: 'message' },
    });
  });

  it('asks for the password on the terminal when no variable names it', async () => {
    const asked: string[] = [];
    const ask = (question: string) => (asked.push(question), Promise.resolve('s3cret-pass'));
    const added = await cli(
      ['account', 'add', '--email', 'sam@example.com', '--user', 'sam', ...server()],
      {},
      ask,
    );
    expect(added.code).toBe(0);
    const synced = await cli(['sync'], {}, ask);
    expect(synced).toMatchObject({ code: 0, stdout: expect.stringMatching(/: 1 new/) as unknown });
    expect(asked).toEqual(['Password: ', 'Password: ']);
  });
});

describe('followthrough import-mailbox', () => {
  it('reads an mbox file once, however often it is imported', async () => {
    await cli(['sample']);
    const mbox = join(dir, 'sent.mbox');
    writeFileSync(
      mbox,
      [
        'From sam.rivera@example.com Mon Nov 23 18:00:00 2026',
        'Message-ID: <mbox-1@example.com>',
        'Date: Mon, 23 Nov 2026 18:00:00 +0100',
        'From: Sam Rivera <sam.rivera@example.com>',
        'To: lars.eriksen@northwind.example',
        'Subject: Thank you, Lars',
        '',
        'Thanks!',
        '',
        'From someone@else.example Mon Nov 23 19:00:00 2026',
        'Message-ID: <mbox-2@else.example>',
        'Date: Mon, 23 Nov 2026 19:00:00 +0100',
        'From: someone@else.example',
        'To: sam.rivera@example.com',
        'Subject: Newsletter',
        '',
        'Hello',
        '',
      ].join('\n'),
    );
    const first = await cli(['import-mailbox', mbox]);
    expect(first).toMatchObject({ code: 0, stdout: 'Read 2 messages (1 sent by you).\n' });
    await cli(['import-mailbox', mbox]);
    const status = JSON.parse((await cli(['status', '--json'])).stdout) as {
      obligations: Array<{ person: string; kind: string; state: string }>;
    };
    expect(
      status.obligations.find((o) => o.person === 'Lars Eriksen' && o.kind === 'thank-you')?.state,
    ).toBe('done');

    const missing = await cli(['import-mailbox', join(dir, 'nothing-here.mbox')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no file or folder at/);
  });
});

describe('the user’s other addresses', () => {
  it('a note sent from an alias in a local mailbox counts as sent once the profile names the alias', async () => {
    await cli(['sample']);
    const mbox = join(dir, 'alias.mbox');
    writeFileSync(
      mbox,
      [
        'From sam@home.example Mon Nov 23 18:00:00 2026',
        'Message-ID: <alias-1@home.example>',
        'Date: Mon, 23 Nov 2026 18:00:00 +0100',
        'From: Sam Rivera <Sam@Home.example>',
        'To: Ada Okafor <ada.okafor@northwind.example>',
        'Subject: Thank you, Ada',
        '',
        'Thanks!',
        '',
      ].join('\n'),
    );
    const ada = async () =>
      (
        JSON.parse((await cli(['status', '--json'])).stdout) as {
          obligations: Array<{ person: string; kind: string; state: string }>;
        }
      ).obligations.find((o) => o.person === 'Ada Okafor' && o.kind === 'thank-you')?.state;

    expect((await cli(['import-mailbox', mbox])).stdout).toBe('Read 1 messages (0 sent by you).\n');
    expect(await ada()).not.toBe('done');

    // The alias goes into the profile through an export and import of the workspace.
    const exported = JSON.parse((await cli(['export'])).stdout) as {
      profile: { aliases: string[] };
    };
    expect(exported.profile.aliases).toEqual([]);
    exported.profile.aliases = ['sam@home.example'];
    const file = join(dir, 'workspace.json');
    writeFileSync(file, JSON.stringify(exported));
    expect((await cli(['import', file])).code).toBe(0);

    expect((await cli(['import-mailbox', mbox])).stdout).toBe('Read 1 messages (1 sent by you).\n');
    expect(await ada()).toBe('done');
  });
});

describe('followthrough review, link and unlink', () => {
  it('lists a note to a known name at another address, and linking it turns the note done', async () => {
    await cli(['sample']);
    const mbox = join(dir, 'sent.mbox');
    writeFileSync(
      mbox,
      [
        'From sam.rivera@example.com Mon Nov 23 18:00:00 2026',
        'Message-ID: <personal-1@example.com>',
        'Date: Mon, 23 Nov 2026 18:00:00 +0100',
        'From: Sam Rivera <sam.rivera@example.com>',
        'To: Ada Okafor <ada.okafor@home.example>',
        'Subject: Thank you, Ada',
        '',
        'Thanks!',
        '',
      ].join('\n'),
    );
    await cli(['import-mailbox', mbox]);
    const ada = async () =>
      (
        JSON.parse((await cli(['status', '--json'])).stdout) as {
          obligations: Array<{ person: string; kind: string; state: string }>;
        }
      ).obligations.find((o) => o.person === 'Ada Okafor' && o.kind === 'thank-you')?.state;
    expect(await ada()).not.toBe('done');
    expect((await cli(['status'])).stdout).toContain(
      '\n1 message waits for your review: followthrough review\n',
    );

    const review = await cli(['review']);
    expect(review.stdout).toContain('"Thank you, Ada" to ada.okafor@home.example');
    expect(review.stdout).toContain('about Ada Okafor (Northwind');
    const confirm = /confirm: followthrough link '([^']+)' --person (\S+) --application (\S+)/.exec(
      review.stdout,
    );
    expect(confirm).not.toBeNull();
    const [, message, person, application] = confirm!;

    const linked = await cli([
      'link',
      message!,
      '--person',
      person!,
      '--application',
      application!,
    ]);
    expect(linked).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Linked/) as unknown });
    expect(await ada()).toBe('done');
    expect((await cli(['review'])).stdout).toMatch(/^Nothing to review/);
    expect((await cli(['status'])).stdout).not.toContain('for your review');

    await cli(['unlink', message!, '--person', person!, '--application', application!]);
    expect(await ada()).not.toBe('done');

    const bad = await cli(['link', message!]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--person ID --application ID/);
  });
});
