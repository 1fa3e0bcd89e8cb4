/**
 * Header parsing under random and hostile input (fast-check): any bytes at all give a
 * well-formed message without throwing; addresses written properly come back exactly, however
 * odd their display names (encoded words, quotes, commas, look-alike addresses); huge lists
 * lose nothing; dates written in any accepted form come back as the same instant.
 */
import fc from 'fast-check';
import libmime from 'libmime';
import { describe, expect, it } from 'vitest';
import {
  parseAddressList,
  parseMailDate,
  toKnownMessage,
  type MessageSource,
} from '../../../src/main/mail/headers';
import type { KnownMessage } from '../../../src/shared/model';

const ARRIVED = Date.UTC(2026, 10, 7, 12, 0, 0);
const SOURCE: MessageSource = {
  idPrefix: 'acct:sent',
  folderRole: 'sent',
  fallbackKey: 'uid:7:42',
  fallbackDate: ARRIVED,
};
const RUNS = { numRuns: Number(process.env['PROP_RUNS'] ?? 400) };

const FIELDS = [
  'Message-ID',
  'In-Reply-To',
  'References',
  'Date',
  'From',
  'To',
  'Cc',
  'Bcc',
  'Subject',
  'Auto-Submitted',
  'Precedence',
  'Content-Type',
  'X-Autoreply',
];

/** Pieces that trip parsers: encoded words, brackets, quotes, group syntax, odd bytes. */
const nasty = fc.constantFrom(
  '=?utf-8?B?',
  '=?utf-8?Q?=41=?=',
  '=?x-unknown?q?abc?=',
  '=?utf-8?B?////?=',
  '=?iso-8859-1?q?J=FCrgen?=',
  '"',
  '\\',
  '<',
  '>',
  '<>',
  '@',
  '@@',
  ',',
  ';',
  ':',
  '(',
  ')',
  'undisclosed-recipients:;',
  'ada@acme.com',
  '<ada@acme.com>',
  '\u0000',
  '\u202e',
  '\ud83d\ude00',
  '\ud800',
  '\t',
  ' ',
  '\r\n ',
  'x'.repeat(5000),
);
const headerValue = fc
  .array(fc.oneof(nasty, fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

/** A header block of random fields (present or not, repeated or not), as text or raw bytes. */
const headerBlock = fc.oneof(
  fc
    .array(fc.tuple(fc.constantFrom(...FIELDS), headerValue), { maxLength: 20 })
    .map((fields) => fields.map(([name, value]) => `${name}: ${value}`).join('\r\n') + '\r\n\r\n'),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'binary', maxLength: 2000 }),
);

function expectWellFormed(m: KnownMessage): void {
  expect(m.id.startsWith(`${SOURCE.idPrefix}:`)).toBe(true);
  expect(m.folderRole).toBe('sent');
  expect(Number.isFinite(m.date)).toBe(true);
  if (m.date !== ARRIVED) {
    const year = new Date(m.date).getUTCFullYear();
    expect(year).toBeGreaterThanOrEqual(1980);
    expect(year).toBeLessThanOrEqual(9999);
  }
  for (const id of [m.messageId, m.inReplyTo, ...m.references]) {
    if (id !== null) expect(id).toMatch(/^<[^<>\s]+>$/);
  }
  for (const a of [...m.from, ...m.to, ...m.cc, ...m.bcc]) {
    expect(a.address).toBe(a.address.trim().toLowerCase());
    expect(a.address).not.toBe('');
    if (a.name !== null) expect(a.name).toBe(a.name.replace(/\s+/g, ' ').trim());
  }
  expect(m.subject).toBe(m.subject.replace(/\s+/g, ' ').trim());
  // What is stored must survive JSON: no undefined, NaN or functions slip through.
  expect(JSON.parse(JSON.stringify(m))).toEqual(m);
}

describe('any header block', () => {
  it('gives a well-formed message and never throws', () => {
    fc.assert(
      fc.property(headerBlock, (block) => {
        expectWellFormed(toKnownMessage(block, SOURCE));
      }),
      RUNS,
    );
  });

  it('with fields missing gives the fallbacks, not errors', () => {
    fc.assert(
      fc.property(
        fc.subarray(FIELDS.filter((f) => f !== 'Date' && f !== 'Message-ID')),
        (fields) => {
          const block = fields.map((f) => `${f}: `).join('\r\n');
          const m = toKnownMessage(block, SOURCE);
          expect(m.messageId).toBeNull();
          expect(m.id).toBe('acct:sent:uid:7:42');
          expect(m.date).toBe(ARRIVED);
          expect([...m.from, ...m.to, ...m.cc, ...m.bcc]).toEqual([]);
        },
      ),
      RUNS,
    );
  });
});

/** A plausible mailbox: lower-case local part and domain, each address distinct by construction. */
const mailbox = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}$/),
    fc.stringMatching(/^[a-z0-9-]{1,12}(\.[a-z]{2,6}){1,2}$/),
  )
  .map(([local, domain]) => `${local}@${domain}`);

/** Display names meant to confuse: quotes, commas, angle brackets, other people's addresses. */
const displayName = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'Okafor, Ada',
    'Ada "the boss" Okafor',
    '<grace@acme.com>',
    'grace@acme.com',
    'Ada <ada@acme.com>',
    'To: ada@acme.com',
    'Jürgen Müller',
    '李小龙',
    '=?utf-8?q?not_decoded_twice?=',
    'Back\\slash',
  ),
);

/** A display name written the two standard ways: a quoted string, or an encoded word. */
function writeName(name: string, how: 'quoted' | 'encoded'): string {
  const clean = name.replace(/\p{Cc}/gu, ' ');
  if (clean.trim() === '') return '';
  return how === 'encoded'
    ? libmime.encodeWord(clean, 'B')
    : `"${clean.replace(/(["\\])/g, '\\$1')}"`;
}

describe('addresses written properly', () => {
  const entries = fc.array(
    fc.record({
      name: displayName,
      address: mailbox,
      how: fc.constantFrom<'quoted' | 'encoded'>('quoted', 'encoded'),
      upper: fc.boolean(),
    }),
    { maxLength: 25 },
  );

  it('come back exactly: each address once, in order, whatever the names hold', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const header = list
          .map(({ name, address, how, upper }) => {
            const written = writeName(name, how);
            const addr = upper ? address.toUpperCase() : address;
            return written === '' ? addr : `${written} <${addr}>`;
          })
          .join(', ');
        const parsed = parseAddressList(header);
        expect(parsed.map((a) => a.address)).toEqual(list.map((e) => e.address));
      }),
      RUNS,
    );
  });

  it('keep a display name that looks like an address out of the address', () => {
    fc.assert(
      fc.property(mailbox, mailbox, (shown, real) => {
        fc.pre(shown !== real);
        for (const header of [
          `"${shown}" <${real}>`,
          `${libmime.encodeWord(`<${shown}>`, 'Q')} <${real}>`,
          `${real} (${shown})`,
          `"Someone <${shown}>" <${real}>`,
        ]) {
          expect(parseAddressList(header).map((a) => a.address)).toEqual([real]);
        }
      }),
      RUNS,
    );
  });

  it('in a huge list are all counted, the first 200 kept (5,000 recipients over folded lines)', () => {
    const list = Array.from({ length: 5000 }, (_, i) => `Person ${i} <p${i}@big-list.example>`);
    const block = `To: ${list.join(',\r\n ')}\r\nSubject: many\r\n\r\n`;
    const m = toKnownMessage(block, SOURCE);
    expect(m.massMailing).toEqual({ recipients: 5000 });
    expect(m.to).toHaveLength(200);
    expect(m.to[199]).toEqual({ name: 'Person 199', address: 'p199@big-list.example' });
  });
});

describe('encoded words in the subject', () => {
  it('decode to the text that was encoded, B or Q, folded or not', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
        fc.constantFrom<'B' | 'Q'>('B', 'Q'),
        (text, encoding) => {
          fc.pre(!/\p{Cc}/u.test(text));
          const encoded = libmime.encodeWords(text, encoding, 40);
          const m = toKnownMessage(`Subject: ${encoded}\r\n\r\n`, SOURCE);
          expect(m.subject).toBe(text.replace(/\s+/g, ' ').trim());
        },
      ),
      RUNS,
    );
  });
});

describe('dates', () => {
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');

  it('never throw, and are either refused or plausible', () => {
    fc.assert(
      fc.property(fc.oneof(headerValue, fc.string(), fc.date().map(String)), (text) => {
        const ms = parseMailDate(text);
        if (ms !== null) {
          const year = new Date(ms).getUTCFullYear();
          expect(year >= 1980 && year <= 9999).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('in RFC 5322 form, with or without weekday, seconds, two-digit year or comment, give the same instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1980, 0, 2), max: Date.UTC(2049, 11, 30) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (instant, offsetMinutes, weekday, seconds, shortYear, comment) => {
          const at = seconds
            ? Math.floor(instant / 1000) * 1000
            : Math.floor(instant / 60_000) * 60_000;
          const local = new Date(at + offsetMinutes * 60_000);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const year = local.getUTCFullYear();
          const text =
            (weekday ? `${DAYS[local.getUTCDay()]}, ` : '') +
            `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ` +
            `${shortYear ? pad(year % 100) : year} ` +
            `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}` +
            (seconds ? `:${pad(local.getUTCSeconds())}` : '') +
            ` ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}` +
            (comment ? ' (Some Zone Name)' : '');
          expect(parseMailDate(text)).toBe(at);
        },
      ),
      RUNS,
    );
  });
});
