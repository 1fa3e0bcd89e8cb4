import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_DIAGNOSTIC_CHARS,
  parseDeliveryReport,
  parseReportMessage,
  reportPartsOf,
  summarizeReport,
} from '../../../src/main/mail/delivery-report';
import { toKnownMessage } from '../../../src/main/mail/headers';

const FIXTURES = join(__dirname, '../../fixtures/mail/bounces');
const raw = (name: string) => readFileSync(join(FIXTURES, name));
const facts = (name: string) => summarizeReport(parseReportMessage(raw(name)));
const facts2 = (source: string) => summarizeReport(parseReportMessage(source));

function known(name: string) {
  return toKnownMessage(raw(name), {
    idPrefix: 'acct:inbox',
    folderRole: 'inbox',
    fallbackKey: 'uid:1',
    fallbackDate: 0,
  });
}

describe('delivery reports read from their parts', () => {
  it.each([
    [
      'postfix.eml',
      {
        outcome: 'failed',
        originalMessageId: '<note-1110@mail.example.net>',
        failedRecipients: ['alex.chen@northwind.example'],
        status: '5.1.1',
        diagnostic:
          '550 5.1.1 <alex.chen@northwind.example>: Recipient address rejected: User unknown in virtual mailbox table',
      },
    ],
    [
      'exim.eml',
      {
        outcome: 'failed',
        originalMessageId: '<note-exim-1@mail.example.net>',
        failedRecipients: ['jo.ward@fabrikam.example'],
        status: '5.0.0',
        diagnostic: '550 5.2.1 Mailbox disabled for this recipient',
      },
    ],
    [
      'gmail.eml',
      {
        outcome: 'failed',
        originalMessageId: '<CAF1x9-Qz7uA=note-gm@mail.gmail.com>',
        failedRecipients: ['riya.patel@contoso.example'],
        status: '5.1.1',
        diagnostic:
          '550 5.1.1 <riya.patel@contoso.example>: Recipient address rejected: User unknown',
      },
    ],
    [
      'microsoft-365.eml',
      {
        outcome: 'failed',
        originalMessageId:
          '<AM9PR01MB7777C0FFEE1234ABCD@AM9PR01MB7777.eurprd01.prod.exchangelabs.com>',
        failedRecipients: ['morgan.lee@tailspin.example'],
        status: '5.1.10',
        diagnostic:
          '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
      },
    ],
    [
      'qmail.eml',
      {
        outcome: 'failed',
        originalMessageId: '<note-qmail-1@mail.example.net>',
        failedRecipients: ['dana.fox@litware.example'],
        status: '5.1.1',
        diagnostic: '550 5.1.1 <dana.fox@litware.example>: mailbox does not exist',
      },
    ],
    [
      'delayed.eml',
      {
        outcome: 'delayed',
        originalMessageId: '<note-1110@mail.example.net>',
        failedRecipients: [],
        status: '4.4.1',
        diagnostic: 'connect to mx.northwind.example[192.0.2.25]:25: Connection timed out',
      },
    ],
    [
      'empty-sender.eml',
      {
        outcome: 'failed',
        originalMessageId: '<note-empty-1@mail.example.net>',
        failedRecipients: ['kim.berg@adatum.example'],
        status: '5.7.1',
        diagnostic: '550 5.7.1 Message rejected by recipient policy',
      },
    ],
    [
      'bare-mailer-daemon.eml',
      {
        outcome: 'failed',
        originalMessageId: '<note-bare-1@mail.example.net>',
        failedRecipients: ['pat.quinn@woodgrove.example'],
        status: '5.1.1',
        diagnostic: '550 5.1.1 <pat.quinn@woodgrove.example>... User unknown',
      },
    ],
  ])('%s', (name, expected) => {
    expect(facts(name)).toEqual(expected);
  });

  it('finds nothing to read in a feedback report, a DMARC report or an out-of-office', () => {
    for (const name of ['arf-feedback.eml', 'dmarc-aggregate.eml', 'out-of-office-subject.eml']) {
      expect(parseReportMessage(raw(name)), name).toBeNull();
    }
    expect(facts('dmarc-aggregate.eml').outcome).toBe('unreadable');
  });

  it('keeps each recipient of a report with several, and counts only failed ones', () => {
    const report = parseDeliveryReport({
      deliveryStatus: [
        'Reporting-MTA: dns; mx.example',
        '',
        'Final-Recipient: rfc822; A@Example.org',
        'Action: delivered',
        'Status: 2.0.0',
        '',
        'Final-Recipient: rfc822; b@example.org',
        'Action: failed (bad address)',
        'Status: 5.1.1',
        '',
        'Final-Recipient: rfc822; c@example.org',
        'Action: delayed',
        'Status: 4.2.2',
      ].join('\r\n'),
      returnedHeaders: null,
      text: null,
    });
    expect(report?.recipients.map((r) => [r.address, r.action])).toEqual([
      ['a@example.org', 'delivered'],
      ['b@example.org', 'failed'],
      ['c@example.org', 'delayed'],
    ]);
    expect(summarizeReport(report)).toMatchObject({
      outcome: 'failed',
      failedRecipients: ['b@example.org'],
      status: '5.1.1',
    });
  });

  it('caps a long diagnostic and ignores what lies past the part limit', () => {
    const report = parseDeliveryReport({
      deliveryStatus: `Final-Recipient: rfc822; a@example.org\r\nAction: failed\r\nDiagnostic-Code: smtp; 550 ${'x'.repeat(5000)}`,
      returnedHeaders: `Subject: hi\r\n${'X-Filler: y\r\n'.repeat(10_000)}Message-ID: <late@example.org>\r\n`,
      text: null,
    });
    expect(report?.recipients[0]?.diagnostic).toHaveLength(MAX_DIAGNOSTIC_CHARS);
    expect(report?.originalMessageId).toBeNull();
  });

  it('decodes report parts sent in base64 and quoted-printable', () => {
    const status = Buffer.from(
      'Final-Recipient: rfc822; lee@example.org\r\nAction: failed\r\nStatus: 5.2.2\r\n',
    ).toString('base64');
    const message = [
      'From: MAILER-DAEMON@mx.example',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: message/delivery-status',
      'Content-Transfer-Encoding: base64',
      '',
      status,
      '--b',
      'Content-Type: text/rfc822-headers; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Subject: Gr=C3=BC=C3=9Fe',
      'Message-ID: <qp-1@exa=',
      'mple.org>',
      '--b--',
      '',
    ].join('\r\n');
    expect(facts2(message)).toEqual({
      outcome: 'failed',
      originalMessageId: '<qp-1@example.org>',
      failedRecipients: ['lee@example.org'],
      status: '5.2.2',
      diagnostic: null,
    });
  });

  it('reads only the report parts of a message, not the text beside them', () => {
    const parts = reportPartsOf(raw('postfix.eml').toString('latin1'));
    expect(parts.text).toBeNull();
    expect(parts.deliveryStatus).toContain('Final-Recipient');
    expect(parts.returnedHeaders).toContain('Message-ID: <note-1110@mail.example.net>');
  });
});

describe('recognising reports by their headers', () => {
  it.each([
    ['postfix.eml', true, false],
    ['exim.eml', true, true],
    ['gmail.eml', true, true],
    ['microsoft-365.eml', true, false],
    ['qmail.eml', true, false],
    ['delayed.eml', true, true],
    ['empty-sender.eml', true, false],
    ['bare-mailer-daemon.eml', true, false],
    ['arf-feedback.eml', false, true],
    ['dmarc-aggregate.eml', false, true],
    ['out-of-office-subject.eml', false, true],
  ])('%s: bounce %s, machine-made %s', (name, bounce, autoReply) => {
    const message = known(name);
    expect(message.bounce).toBe(bounce);
    // A bounce may carry Auto-Submitted as well; what counts is that it is never a reply.
    if (!bounce) expect(message.autoReply).toBe(autoReply);
  });

  it('recognises delivery systems by name and failure notices from an empty sender', () => {
    const head = (lines: string[]) =>
      toKnownMessage(lines.join('\r\n') + '\r\n\r\n', {
        idPrefix: 'x',
        folderRole: 'inbox',
        fallbackKey: 'k',
        fallbackDate: 0,
      });
    expect(head(['From: Mail Delivery System <bounces@relay.example>', 'Subject: hi']).bounce).toBe(
      true,
    );
    expect(head(['From: Mail Delivery Subsystem <MAILER-DAEMON>', 'Subject: x']).bounce).toBe(true);
    expect(
      head(['Return-Path: <>', 'From: Relay <relay@example.org>', 'Subject: failure notice'])
        .bounce,
    ).toBe(true);
    expect(head(['From: Relay <relay@example.org>', 'Subject: failure notice']).bounce).toBe(false);
    expect(head(['From: Ann <ann@example.org>', 'Subject: Auto reply: Thanks']).autoReply).toBe(
      true,
    );
    expect(head(['From: Ann <ann@example.org>', 'Subject: Out of office']).autoReply).toBe(true);
    expect(
      head(['From: Ann <ann@example.org>', 'Subject: Re: out of office plans']).autoReply,
    ).toBe(false);
    expect(head(['From: Ann <ann@example.org>', 'Subject: Out of offices we go']).autoReply).toBe(
      false,
    );
  });
});
