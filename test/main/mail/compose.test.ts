import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  composeNote,
  newMessageId,
  noteEnvelope,
  readMessageId,
  type NoteToCompose,
} from '../../../src/main/mail/compose';

const note: NoteToCompose = {
  from: { name: 'Zoë Müller', address: 'zoe.mueller@example.net' },
  to: [{ name: 'Priya Raman', address: 'priya.raman@acme-robotics.com' }],
  cc: [{ name: 'José Núñez', address: 'jose.nunez@acme-robotics.com' }],
  bcc: [{ name: null, address: 'zoe.mueller+archive@example.net' }],
  subject: 'Danke schön — thank you for Tuesday’s interview',
  text:
    'Hi Priya,\n\nThank you for walking me through the gripper calibration work. ' +
    'Größe matters, as you said. 🙂\n\nBest,\nZoë\n',
  date: new Date('2026-11-03T15:04:05Z'),
};

function headerBlock(raw: Buffer): string {
  const text = raw.toString('utf8');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

describe('composeNote', () => {
  it('writes the standard headers and records the Message-ID it generated', async () => {
    const { raw, messageId } = await composeNote(note);
    expect(messageId).toMatch(/^<[0-9a-f]{32}@example\.net>$/);
    const head = headerBlock(raw);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    expect(head).toMatch(/^Date: Tue, 03 Nov 2026 15:04:05 \+0000$/m);
    expect(head).toContain(`Message-ID: ${messageId}`);
    expect(readMessageId(raw)).toBe(messageId);

    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.date?.toISOString()).toBe('2026-11-03T15:04:05.000Z');
  });

  it('keeps a Message-ID it is given and threads with In-Reply-To and References', async () => {
    const { raw, messageId } = await composeNote({
      ...note,
      messageId: '<note-42@example.net>',
      inReplyTo: '<invite-7@acme-robotics.com>',
      references: ['<thread-1@acme-robotics.com>', '<invite-7@acme-robotics.com>'],
    });
    expect(messageId).toBe('<note-42@example.net>');
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe('<note-42@example.net>');
    expect(parsed.inReplyTo).toBe('<invite-7@acme-robotics.com>');
    expect(parsed.references).toEqual([
      '<thread-1@acme-robotics.com>',
      '<invite-7@acme-robotics.com>',
    ]);
  });

  it('refuses a malformed Message-ID', async () => {
    await expect(composeNote({ ...note, messageId: 'no-brackets' })).rejects.toThrow(/Message-ID/);
  });

  it('encodes non-ASCII names and subjects as encoded words that decode back', async () => {
    const { raw } = await composeNote(note);
    const head = headerBlock(raw);
    // Headers stay 7-bit: every non-ASCII character is inside an encoded word.
    expect(head).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(head).toMatch(/^From: =\?UTF-8\?Q\?/m);
    expect(head).toMatch(/^Subject: =\?UTF-8\?Q\?/m);

    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(note.subject);
    expect(parsed.from?.value).toEqual([
      { name: 'Zoë Müller', address: 'zoe.mueller@example.net' },
    ]);
    const cc = Array.isArray(parsed.cc) ? parsed.cc[0] : parsed.cc;
    expect(cc?.value).toEqual([{ name: 'José Núñez', address: 'jose.nunez@acme-robotics.com' }]);
  });

  it('writes the body as UTF-8 quoted-printable plain text', async () => {
    const { raw } = await composeNote(note);
    const head = headerBlock(raw);
    expect(head).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(head).toMatch(/^Content-Transfer-Encoding: quoted-printable$/m);
    expect(raw.toString('utf8')).toContain('Gr=C3=B6=C3=9Fe');
    // Every line ends in CRLF, as SMTP and IMAP APPEND require.
    expect(raw.toString('latin1')).not.toMatch(/[^\r]\n/);

    const parsed = await simpleParser(raw);
    expect(parsed.html).toBe(false);
    expect(parsed.text?.replace(/\r\n/g, '\n')).toBe(note.text);
  });

  it('leaves Bcc out of the message unless the copy is for the user', async () => {
    const forSending = await composeNote(note);
    expect(headerBlock(forSending.raw)).not.toMatch(/^Bcc:/im);
    expect((await simpleParser(forSending.raw)).bcc).toBeUndefined();

    const forSent = await composeNote(note, { keepBcc: true });
    expect(headerBlock(forSent.raw)).toMatch(/^Bcc: zoe\.mueller\+archive@example\.net$/m);
    const bcc = (await simpleParser(forSent.raw)).bcc;
    expect((Array.isArray(bcc) ? bcc[0] : bcc)?.value[0]?.address).toBe(
      'zoe.mueller+archive@example.net',
    );
  });
});

describe('newMessageId', () => {
  it('uses the domain of the sender, in ASCII, and is new each time', () => {
    expect(newMessageId('Sam@Example.NET')).toMatch(/^<[0-9a-f]{32}@example\.net>$/);
    expect(newMessageId('sam@bücher.example')).toMatch(/@xn--bcher-kva\.example>$/);
    expect(newMessageId('not-an-address')).toMatch(/@followthrough\.invalid>$/);
    expect(newMessageId('a@example.net')).not.toBe(newMessageId('a@example.net'));
  });
});

describe('noteEnvelope', () => {
  it('lists To, Cc and Bcc once each', () => {
    expect(
      noteEnvelope({
        ...note,
        cc: [...(note.cc ?? []), { name: null, address: 'PRIYA.RAMAN@acme-robotics.com' }],
      }),
    ).toEqual({
      from: 'zoe.mueller@example.net',
      to: [
        'priya.raman@acme-robotics.com',
        'jose.nunez@acme-robotics.com',
        'zoe.mueller+archive@example.net',
      ],
    });
  });
});
