/**
 * Odd local mailboxes through the app's import, into a real database: each is read as far as
 * it is mail, explained in true words when it is not, and the database stays sound.
 */
import { execFileSync } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const ME = ['sam.carter@example.net'];

let dir: string;
let opened: OpenedDatabase;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-local-odd-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function services() {
  return createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => 'Europe/Berlin',
  });
}

/** The database is sound and the status still computes. */
function expectSound(workspace: ReturnType<typeof services>['workspace']): void {
  expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(Array.isArray(workspace.status().obligations)).toBe(true);
}

function message(n: number, extra: string[] = []): string {
  return [
    `Message-ID: <odd-${n}@example.net>`,
    'From: Sam Carter <sam.carter@example.net>',
    `To: person${n}@acme.example`,
    `Subject: Note ${n}`,
    ...extra,
    '',
    'Body.',
    '',
  ].join('\r\n');
}

function maildir(name: string): string {
  const root = join(dir, name);
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(root, sub), { recursive: true });
  return root;
}

describe('importing odd local mailboxes', () => {
  it('imports a message without a Date at its file time, in whole milliseconds', async () => {
    const { sync, workspace } = services();
    const root = maildir('no-date');
    const file = join(root, 'cur', '1.host:2,S');
    writeFileSync(file, message(1));
    // A file time with a fraction of a millisecond, as most file systems keep them.
    utimesSync(file, 1_795_000_000.1234567, 1_795_000_000.1234567);
    writeFileSync(
      join(root, 'cur', '2.host:2,S'),
      message(2, ['Date: Mon, 23 Nov 2026 18:00:00 +0100']),
    );

    const result = await sync.importLocalMailbox(root, ME);
    expect(result).toMatchObject({ messages: 2, sent: 2, skipped: 0 });
    const stored = opened.mailStore
      .knownMessages()
      .find((m) => m.messageId === '<odd-1@example.net>');
    expect(stored?.date).toBe(1_795_000_000_123);
    expectSound(workspace);
  });

  it('skips a named pipe, a socket-like entry and a dangling link in the folder without opening them', async () => {
    const { sync, workspace } = services();
    const root = maildir('with-pipe');
    writeFileSync(join(root, 'cur', '1.host:2,S'), message(1));
    execFileSync('mkfifo', [join(root, 'cur', '2.host:2,S')]);
    symlinkSync(join(dir, 'gone'), join(root, 'new', '3.host'));
    const eml = join(dir, 'eml');
    mkdirSync(eml);
    writeFileSync(join(eml, 'a.eml'), message(4));
    execFileSync('mkfifo', [join(eml, 'b.eml')]);

    expect(await sync.importLocalMailbox(root, ME)).toMatchObject({ messages: 1, skipped: 2 });
    expect(await sync.importLocalMailbox(eml, ME)).toMatchObject({ messages: 1, skipped: 1 });
    expectSound(workspace);
  });

  it('names a link to a mailbox that is gone, instead of calling the folder missing', async () => {
    const { sync, workspace } = services();
    const link = join(dir, 'mail-link');
    symlinkSync(join(dir, 'external-drive', 'Mail'), link);
    await expect(sync.importLocalMailbox(link, ME)).rejects.toThrow(
      `is a link to ${join(dir, 'external-drive', 'Mail')}, which does not exist`,
    );
    const pipe = join(dir, 'a-pipe');
    execFileSync('mkfifo', [pipe]);
    await expect(sync.importLocalMailbox(pipe, ME)).rejects.toThrow(
      /neither a file nor a folder \(a named pipe, socket or device\)/,
    );
    expectSound(workspace);
  });

  it('explains that the user’s own address is needed, and where to set it', async () => {
    const { sync, workspace } = services();
    const root = maildir('mine');
    writeFileSync(join(root, 'cur', '1.host:2,S'), message(1));
    await expect(sync.importLocalMailbox(root, [])).rejects.toThrow(
      /your own email address is needed to tell the mail you sent from the mail you received.*Settings, under "Your signature".*Nothing was imported\./,
    );
    expect(opened.mailStore.knownMessages()).toHaveLength(0);
    expectSound(workspace);
  });

  it('skips files that are not mail, and counts them', async () => {
    const { sync, workspace } = services();
    const root = maildir('mixed');
    writeFileSync(join(root, 'cur', '1.host:2,S'), message(1));
    const random = Buffer.alloc(70_000);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 256;
    writeFileSync(join(root, 'cur', '2.host:2,S'), random);
    writeFileSync(join(root, 'cur', '3.host:2,S'), 'shopping list\n\nmilk, bread\n');
    writeFileSync(
      join(root, 'new', '4.host'),
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    );

    const result = await sync.importLocalMailbox(root, ME);
    expect(result).toMatchObject({ messages: 1, skipped: 3 });
    expect(opened.mailStore.knownMessages().map((m) => m.messageId)).toEqual([
      '<odd-1@example.net>',
    ]);
    expectSound(workspace);
  });

  it('cuts a 50 MB header line in an mbox while streaming, and reads the messages after it', async () => {
    const { sync, workspace } = services();
    const mbox = join(dir, 'huge-line.mbox');
    const out = createWriteStream(mbox);
    const write = async (text: string): Promise<void> => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write('From - Tue Nov  3 17:42:10 2026\nMessage-ID: <huge@example.net>\n');
    await write('From: Sam Carter <sam.carter@example.net>\nSubject: ');
    const piece = 'spam '.repeat(200_000); // 1 MB
    for (let i = 0; i < 50; i++) await write(piece);
    await write('\nTo: someone@acme.example\n\nBody.\n\n');
    await write(`From - Tue Nov  3 17:43:10 2026\n${message(2).replace(/\r\n/g, '\n')}\n`);
    out.end();
    await once(out, 'close');

    const result = await sync.importLocalMailbox(mbox, ME);
    expect(result).toMatchObject({ messages: 2, skipped: 0 });
    const stored = opened.mailStore.knownMessages();
    const huge = stored.find((m) => m.messageId === '<huge@example.net>');
    expect(huge?.subject.length).toBeLessThanOrEqual(998);
    expect(huge?.subject.startsWith('spam spam')).toBe(true);
    expect(huge?.to).toEqual([{ name: null, address: 'someone@acme.example' }]);
    expect(stored.some((m) => m.messageId === '<odd-2@example.net>')).toBe(true);
    expectSound(workspace);
  });
});
