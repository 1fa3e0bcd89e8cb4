import MailComposer from 'nodemailer/lib/mail-composer';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeTextPart,
  firstTextOfMessage,
  MAX_REPLY_TEXT_BYTES,
} from '../../../src/main/mail/mime-text';
import { fetchReplyTexts, type ReplyText } from '../../../src/main/mail/reply-text';
import { startDovecot, type Dovecot } from '../../support/dovecot';

const HEAD = [
  'From: Lena Vogel <lena@quillworks.example>',
  'To: Sam Carter <sam@example.org>',
  'Date: Mon, 23 Nov 2026 09:15:00 +0100',
  'MIME-Version: 1.0',
];

function handWritten(id: string, lines: string[]): Buffer {
  return Buffer.from(
    [...HEAD, `Message-ID: <${id}@quillworks.example>`, `Subject: ${id}`, ...lines].join('\r\n'),
    'latin1',
  );
}

async function composed(
  id: string,
  options: ConstructorParameters<typeof MailComposer>[0],
): Promise<Buffer> {
  return new MailComposer({
    from: 'Lena Vogel <lena@quillworks.example>',
    to: 'Sam Carter <sam@example.org>',
    subject: id,
    messageId: `<${id}@quillworks.example>`,
    ...options,
  })
    .compile()
    .build();
}

const LONG_LINE = 'We would like to invite you to the final round next week. ';

/** Each message with the text expected from it (or null when it has no text part). */
async function messages(): Promise<
  { name: string; raw: Buffer; text: string | RegExp | null; from?: string; truncated?: boolean }[]
> {
  return [
    {
      name: 'plain 7bit',
      raw: handWritten('plain', [
        'Content-Type: text/plain; charset=us-ascii',
        '',
        'Thanks for your note, Sam.',
        'We will be in touch.',
      ]),
      text: 'Thanks for your note, Sam.\nWe will be in touch.',
      from: 'text/plain',
    },
    {
      name: 'no Content-Type at all',
      raw: handWritten('bare', ['', 'Plain by default.']),
      text: 'Plain by default.',
    },
    {
      name: 'quoted-printable utf-8',
      raw: handWritten('qp', [
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Gr=C3=BC=C3=9Fe aus K=C3=B6ln =E2=80=93 we are pleased to offer you the r=',
        'ole.',
      ]),
      text: 'Grüße aus Köln – we are pleased to offer you the role.',
    },
    {
      name: 'base64 utf-8',
      raw: handWritten('b64', [
        'Content-Type: text/plain; charset="UTF-8"',
        'Content-Transfer-Encoding: base64',
        '',
        ...(Buffer.from('Zoë here: could you do Tuesday at 3pm?', 'utf8')
          .toString('base64')
          .match(/.{1,20}/g) ?? []),
      ]),
      text: 'Zoë here: could you do Tuesday at 3pm?',
    },
    {
      name: 'iso-8859-1, 8bit',
      raw: Buffer.concat([
        handWritten('latin1', [
          'Content-Type: text/plain; charset=iso-8859-1',
          'Content-Transfer-Encoding: 8bit',
          '',
          '',
        ]),
        Buffer.from('Merci beaucoup, à bientôt. Señor Müller says hello.', 'latin1'),
      ]),
      text: 'Merci beaucoup, à bientôt. Señor Müller says hello.',
    },
    {
      name: 'format=flowed',
      raw: handWritten('flowed', [
        'Content-Type: text/plain; charset=utf-8; format=flowed',
        '',
        'We have decided to move forward with ',
        'other candidates.',
      ]),
      text: 'We have decided to move forward with other candidates.',
    },
    {
      name: 'HTML only (composer)',
      raw: await composed('html', {
        html: '<html><head><style>p{color:red}</style></head><body><p>Hi Sam,</p><p>Thanks for the <b>kind</b> note &amp; see you soon.</p><div class="gmail_quote">On Mon wrote:<blockquote>old text</blockquote></div></body></html>',
      }),
      text: 'Hi Sam,\n\nThanks for the kind note & see you soon.',
      from: 'text/html',
    },
    {
      name: 'multipart/alternative prefers text/plain',
      raw: await composed('alternative', {
        text: 'The plain version.',
        html: '<p>The <i>HTML</i> version.</p>',
      }),
      text: 'The plain version.',
      from: 'text/plain',
    },
    {
      name: 'an attachment before the text',
      raw: handWritten('attachment-first', [
        'Content-Type: multipart/mixed; boundary="outer"',
        '',
        '--outer',
        'Content-Type: application/pdf; name="offer.pdf"',
        'Content-Disposition: attachment; filename="offer.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 not really').toString('base64'),
        '--outer',
        'Content-Type: text/plain; name="notes.txt"',
        'Content-Disposition: attachment; filename="notes.txt"',
        '',
        'An attached text file, not the message.',
        '--outer',
        'Content-Type: multipart/alternative; boundary="inner"',
        '',
        '--inner',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Your offer letter is attached =E2=80=94 welcome aboard!',
        '--inner',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>HTML twin</p>',
        '--inner--',
        '--outer--',
        '',
      ]),
      text: 'Your offer letter is attached — welcome aboard!',
      from: 'text/plain',
    },
    {
      name: '100 KB body cut at 8 KB',
      raw: await composed('long', { text: LONG_LINE.repeat(1800) }),
      text: /^We would like to invite you/,
      truncated: true,
    },
    {
      name: 'only an attachment',
      raw: await composed('no-text', {
        attachments: [
          { filename: 'cv.pdf', content: Buffer.from('%PDF-1.4'), contentType: 'application/pdf' },
        ],
      }),
      // MailComposer adds no text part when there is none.
      text: null,
    },
  ];
}

function check(
  got: { text: string; from: string; truncated: boolean } | undefined | null,
  want: Awaited<ReturnType<typeof messages>>[number],
) {
  if (want.text === null) {
    expect(got ?? null).toBeNull();
    return;
  }
  expect(got).toBeTruthy();
  if (!got) return;
  if (typeof want.text === 'string') expect(got.text.trim()).toBe(want.text);
  else expect(got.text).toMatch(want.text);
  if (want.from) expect(got.from).toBe(want.from);
  expect(got.truncated).toBe(want.truncated ?? false);
  if (want.truncated) {
    expect(got.text.length).toBeLessThanOrEqual(MAX_REPLY_TEXT_BYTES);
    expect(got.text.length).toBeGreaterThan(MAX_REPLY_TEXT_BYTES - 400);
  }
}

describe('the first text part of a raw message (local mailboxes)', async () => {
  const cases = await messages();
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, want) => {
    check(firstTextOfMessage(want.raw), want);
  });

  it('drops a quoted-printable escape cut by the cap', () => {
    const body = Buffer.from('a'.repeat(MAX_REPLY_TEXT_BYTES - 1) + '=C3=A9 and more', 'latin1');
    const got = decodeTextPart(body, {
      type: 'text/plain',
      encoding: 'quoted-printable',
      charset: 'utf-8',
    });
    expect(got.text).toBe('a'.repeat(MAX_REPLY_TEXT_BYTES - 1));
    expect(got.truncated).toBe(true);
  });
});

describe('reply texts from IMAP (Dovecot)', () => {
  let dovecot: Dovecot;
  let client: ImapFlow;
  let cases: Awaited<ReturnType<typeof messages>>;
  let result: Awaited<ReturnType<typeof fetchReplyTexts>>;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user: 'sam', password: 'correct horse' }] });
    cases = await messages();
    await dovecot.appendMessages(
      'sam',
      'INBOX',
      cases.map((c) => c.raw),
    );
    client = await dovecot.adminClient('sam');
    result = await fetchReplyTexts(
      client,
      'INBOX',
      cases.map((_, i) => i + 1),
    );
  });

  afterAll(async () => {
    await client?.logout().catch(() => undefined);
    await dovecot?.stop();
  });

  it('reads every message the same way as from raw bytes', () => {
    expect(result.uidValidity).not.toBe('');
    const byUid = new Map<number, ReplyText>(result.texts.map((t) => [t.uid, t]));
    cases.forEach((want, i) => check(byUid.get(i + 1), want));
  });

  it('gives nothing for no UIDs and leaves the folder unselected', async () => {
    const empty = await fetchReplyTexts(client, 'INBOX', []);
    expect(empty.texts).toEqual([]);
    expect(client.mailbox).toBeFalsy();
  });
});
