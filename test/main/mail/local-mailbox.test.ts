import { readFileSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectLocalMailbox,
  readLocalMailbox,
  readMbox,
} from '../../../src/main/mail/local-mailbox';

const FIXTURES = join(__dirname, '../../fixtures/mail');
const NAMES = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.eml'))
  .sort();
const USER = ['Sam.Carter@example.net'];

/** mbox as Thunderbird writes it: a From_ line, LF endings, ">From " quoting in bodies. */
function toMbox(names: string[]): string {
  return names
    .map((name) => {
      const text = readFileSync(join(FIXTURES, name), 'utf8').replace(/\r\n/g, '\n');
      const body = text.replace(/^From /gm, '>From ');
      return `From - Tue Nov  3 17:42:10 2026\n${body.endsWith('\n') ? body : body + '\n'}\n`;
    })
    .join('');
}

describe('local mailboxes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ft-local-'));
    await writeFile(join(dir, 'all.mbox'), toMbox(NAMES));
    await cp(FIXTURES, join(dir, 'eml'), { recursive: true });
    for (const sub of ['cur', 'new', 'tmp'])
      await mkdir(join(dir, 'maildir', sub), { recursive: true });
    for (const [i, name] of NAMES.entries()) {
      const target = i % 2 === 0 ? 'cur' : 'new';
      const suffix = target === 'cur' ? ':2,S' : '';
      await cp(
        join(FIXTURES, name),
        join(dir, 'maildir', target, `1793700000.M${i}P1.host${suffix}`),
      );
    }
    // A message still being delivered (tmp/) is not read.
    await cp(join(FIXTURES, 'thank-you.eml'), join(dir, 'maildir', 'tmp', 'partial'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('detects the three kinds', async () => {
    expect(await detectLocalMailbox(join(dir, 'all.mbox'))).toBe('mbox');
    expect(await detectLocalMailbox(join(dir, 'maildir'))).toBe('maildir');
    expect(await detectLocalMailbox(join(dir, 'eml'))).toBe('eml-folder');
  });

  it.each(['all.mbox', 'maildir', 'eml'])(
    'reads %s into the same messages, with stable ids',
    async (name) => {
      const options = { sourceId: 'local:test', userAddresses: USER };
      const { messages: first } = await readLocalMailbox(join(dir, name), options);
      const { messages: second } = await readLocalMailbox(join(dir, name), options);
      expect(first).toHaveLength(NAMES.length);
      expect(second.map((m) => m.id).sort()).toEqual(first.map((m) => m.id).sort());
      expect(new Set(first.map((m) => m.id)).size).toBe(NAMES.length);

      const byId = new Map(first.map((m) => [m.messageId, m]));
      expect(byId.get('<thanks-0001@mail.example.net>')).toMatchObject({
        id: 'local:test:sent:<thanks-0001@mail.example.net>',
        folderRole: 'sent',
        to: [{ name: 'Dr. Priya Raman', address: 'priya.raman@acme-robotics.com' }],
      });
      expect(byId.get('<CAF=reply+0008@mail.acme-robotics.com>')).toMatchObject({
        folderRole: 'inbox',
        inReplyTo: '<thanks-0001@mail.example.net>',
      });
      expect(byId.get('<enc-0002@mail.example.net>')?.subject).toBe(
        'Danke schön für das Gespräch (Backend)',
      );
      expect(byId.get('<bounce-0007@mx.example.net>')?.bounce).toBe(true);
      // A mass mailing: the first 200 recipients kept, all 300 counted.
      expect(byId.get('<bulk-0005@lists.globex.example>')?.to).toHaveLength(200);
      expect(byId.get('<bulk-0005@lists.globex.example>')?.massMailing).toEqual({
        recipients: 300,
      });
      const noId = first.find((m) => m.messageId === null);
      expect(noId?.id).toMatch(/^local:test:sent:sha256:[0-9a-f]{32}$/);
    },
  );

  it('uses the From_ line date in an mbox when Date is missing', async () => {
    const options = { sourceId: 'local:test', role: 'sent' as const };
    const messages = [];
    for await (const m of readMbox(join(dir, 'all.mbox'), options)) messages.push(m);
    const missing = messages.find((m) => m.messageId === '<nodate-0003@mail.example.net>');
    expect(missing?.date).toBe(Date.UTC(2026, 10, 3, 17, 42, 10));
    expect(messages.every((m) => m.folderRole === 'sent')).toBe(true);
  });

  it('does not split on "From " inside a body, and streams a large mbox', async () => {
    const big = join(dir, 'big.mbox');
    const parts: string[] = [];
    for (let i = 0; i < 5000; i++) {
      parts.push(
        `From - Tue Nov  3 17:42:10 2026\nMessage-ID: <big-${i}@example.net>\nFrom: sam.carter@example.net\n` +
          `To: p${i}@acme.example\nSubject: n${i}\n\nline\n\nFrom 9:00 to 10:00 on Tue Nov 3 I am free.\n${'x'.repeat(2000)}\n\n`,
      );
    }
    await writeFile(big, parts.join(''));
    const { messages } = await readLocalMailbox(big, { sourceId: 'big', userAddresses: USER });
    expect(messages).toHaveLength(5000);
    expect(messages[4999]).toMatchObject({
      messageId: '<big-4999@example.net>',
      folderRole: 'sent',
    });
  });

  it('needs a role or the user addresses', async () => {
    await expect(readLocalMailbox(join(dir, 'eml'), { sourceId: 'x' })).rejects.toThrow(
      /your own email address is needed to tell the mail you sent from the mail you received/,
    );
  });
});
