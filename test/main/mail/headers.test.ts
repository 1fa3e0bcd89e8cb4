import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMailDate, toKnownMessage } from '../../../src/main/mail/headers';

const FIXTURES = join(__dirname, '../../fixtures/mail');
const ARRIVED = Date.UTC(2026, 10, 7, 12, 0, 0);

function load(name: string, role: 'sent' | 'inbox' = 'sent') {
  return toKnownMessage(readFileSync(join(FIXTURES, name)), {
    idPrefix: `acct:${role}`,
    folderRole: role,
    fallbackKey: 'uid:42:7',
    fallbackDate: ARRIVED,
  });
}

describe('toKnownMessage on fixture messages', () => {
  it('reads a plain thank-you note', () => {
    const m = load('thank-you.eml');
    expect(m).toEqual({
      id: 'acct:sent:<thanks-0001@mail.example.net>',
      folderRole: 'sent',
      messageId: '<thanks-0001@mail.example.net>',
      inReplyTo: null,
      references: [],
      date: Date.UTC(2026, 10, 3, 16, 42, 10),
      from: [{ name: 'Sam Carter', address: 'sam.carter@example.net' }],
      to: [{ name: 'Dr. Priya Raman', address: 'priya.raman@acme-robotics.com' }],
      cc: [],
      bcc: [],
      subject: 'Thank you for the interview, Senior Platform Engineer - Sam Carter',
      autoReply: false,
      bounce: false,
    });
  });

  it('decodes encoded words (UTF-8 B, ISO-8859-1 Q), lower-cases addresses, keeps Bcc', () => {
    const m = load('encoded-words.eml');
    expect(m.subject).toBe('Danke schön für das Gespräch (Backend)');
    expect(m.from).toEqual([{ name: 'Sam Cárter', address: 'sam.carter@example.net' }]);
    expect(m.to).toEqual([
      { name: 'Jürgen Müller', address: 'juergen.mueller@beispiel.de' },
      { name: 'Weber, Anna', address: 'anna.weber@beispiel.de' },
    ]);
    expect(m.cc).toEqual([{ name: 'Françoise Lefèvre', address: 'f.lefevre@exemple.fr' }]);
    expect(m.bcc).toEqual([{ name: 'Me Myself', address: 'sam.carter+archive@example.net' }]);
  });

  it('falls back to the arrival time when Date is missing or broken', () => {
    expect(load('missing-date.eml').date).toBe(ARRIVED);
    const broken = load('broken-date.eml');
    expect(broken.date).toBe(ARRIVED);
    expect(broken.messageId).toBe('<baddate-0004@mail.example.net>');
  });

  it('keeps a null Message-ID and uses the fallback key in the id', () => {
    const m = load('missing-message-id.eml');
    expect(m.messageId).toBeNull();
    expect(m.id).toBe('acct:sent:uid:42:7');
    expect(m.date).toBe(Date.UTC(2026, 10, 5, 13, 0, 0));
  });

  it('keeps the first 200 of 300 recipients, marks a mass mailing and bulk mail as automatic', () => {
    const m = load('many-recipients.eml', 'inbox');
    expect(m.to).toHaveLength(200);
    expect(m.to[0]).toEqual({ name: 'Candidate 1', address: 'candidate001@example.org' });
    expect(m.to[199]).toEqual({ name: 'Candidate 200', address: 'candidate200@example.org' });
    expect(m.massMailing).toEqual({ recipients: 300 });
    expect(m.autoReply).toBe(true);
    expect(m.bounce).toBe(false);
  });

  it('recognises an out-of-office reply', () => {
    const m = load('auto-reply.eml', 'inbox');
    expect(m.autoReply).toBe(true);
    expect(m.bounce).toBe(false);
    expect(m.inReplyTo).toBe('<thanks-0001@mail.example.net>');
  });

  it('recognises a delivery status report as a bounce', () => {
    const m = load('bounce.eml', 'inbox');
    expect(m.bounce).toBe(true);
    expect(m.from).toEqual([
      { name: 'Mail Delivery System', address: 'mailer-daemon@mx.example.net' },
    ]);
  });

  it('reads a reply in a thread', () => {
    const m = load('reply-in-thread.eml', 'inbox');
    expect(m.messageId).toBe('<CAF=reply+0008@mail.acme-robotics.com>');
    expect(m.inReplyTo).toBe('<thanks-0001@mail.example.net>');
    expect(m.references).toEqual([
      '<invite-0000@acme-robotics.com>',
      '<thanks-0001@mail.example.net>',
    ]);
    expect(m.from).toEqual([{ name: 'Raman, Priya', address: 'priya.raman@acme-robotics.com' }]);
    expect(m.cc).toEqual([{ name: null, address: 'recruiting@acme-robotics.com' }]);
    expect(m.autoReply).toBe(false);
    expect(m.date).toBe(Date.UTC(2026, 10, 5, 9, 15, 0));
  });
});

describe('header edge cases', () => {
  const build = (text: string) =>
    toKnownMessage(text, {
      idPrefix: 'a:inbox',
      folderRole: 'inbox',
      fallbackKey: 'k',
      fallbackDate: 1,
    });

  it('treats Auto-Submitted: no as a person writing', () => {
    expect(build('Auto-Submitted: no\r\nFrom: a@b.example\r\n\r\n').autoReply).toBe(false);
    expect(build('Auto-Submitted: auto-generated\r\n\r\n').autoReply).toBe(true);
    expect(build('X-Autorespond: yes\r\n\r\n').autoReply).toBe(true);
    expect(build('Precedence: auto_reply\r\n\r\n').autoReply).toBe(true);
    expect(build('Precedence: list\r\n\r\n').autoReply).toBe(false);
  });

  it('treats a postmaster sender as a bounce, and an undisclosed group as no recipient', () => {
    const m = build('From: postmaster@example.org\r\nTo: undisclosed-recipients:;\r\n\r\n');
    expect(m.bounce).toBe(true);
    expect(m.to).toEqual([]);
  });

  it('reads raw UTF-8 (RFC 6532) and Latin-1 header bytes', () => {
    const utf8 = build('Subject: Grüße aus Köln\r\n\r\n');
    expect(utf8.subject).toBe('Grüße aus Köln');
    const latin1 = toKnownMessage(Buffer.from('Subject: Gr\xfc\xdfe\r\n\r\n', 'latin1'), {
      idPrefix: 'a:inbox',
      folderRole: 'inbox',
      fallbackKey: 'k',
      fallbackDate: 1,
    });
    expect(latin1.subject).toBe('Grüße');
  });

  it('parses the date forms seen in real mail and refuses what is not a date', () => {
    expect(parseMailDate('Tue, 3 Nov 2026 17:42:10 +0100 (CET)')).toBe(
      Date.UTC(2026, 10, 3, 16, 42, 10),
    );
    expect(parseMailDate('3 Nov 26 17:42 EST')).toBe(Date.UTC(2026, 10, 3, 22, 42, 0));
    expect(parseMailDate('Tue, 03 Nov 2026 17:42:10 GMT')).toBe(Date.UTC(2026, 10, 3, 17, 42, 10));
    expect(parseMailDate('2026-11-03T17:42:10Z')).toBe(Date.UTC(2026, 10, 3, 17, 42, 10));
    expect(parseMailDate('1')).toBeNull();
    expect(parseMailDate('sometime next Tuesday')).toBeNull();
    expect(parseMailDate('Tue, 31 Foo 2026 10:00:00 +0000')).toBeNull();
  });

  it('wraps a bare Message-ID in brackets', () => {
    expect(build('Message-ID: abc@host.example\r\n\r\n').messageId).toBe('<abc@host.example>');
    expect(build('Message-ID: \r\n\r\n').messageId).toBeNull();
  });
});
