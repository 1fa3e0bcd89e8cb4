/**
 * parseAddressList reads plain lists itself and leaves the rest to nodemailer's addressparser;
 * whichever path a value takes, the result must be what addressparser alone gives.
 */
import fc from 'fast-check';
import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';
import { describe, expect, it } from 'vitest';
import { parseAddressList } from '../../../src/main/mail/headers';
import type { MailAddress } from '../../../src/shared/model';

/** The list as addressparser alone reads it, with the same clean-up parseAddressList does. */
function reference(value: string): MailAddress[] {
  const result: MailAddress[] = [];
  for (const entry of addressparser(value, { flatten: true })) {
    const address = entry.address.trim().toLowerCase();
    if (!address) continue;
    let name: string;
    try {
      name = libmime.decodeWords(entry.name);
    } catch {
      name = entry.name;
    }
    name = name.replace(/\s+/g, ' ').trim();
    result.push({ name: name === '' ? null : name, address });
  }
  return result;
}

const PIECES = [
  'ann@acme.example',
  'Bob.Smith@Mail.Example',
  'x@y',
  'Ann',
  'Smith',
  'José',
  'Ünal Yıldız',
  '面接',
  '=?UTF-8?B?w6lsb2RpZQ==?=',
  '=?UTF-8?Q?Andr=C3=A9_Dubois?=',
  '=?ISO-8859-1?Q?Fran=E7ois?=',
  ' ',
  '  ',
  '\t',
  ',',
  ', ',
  '<',
  '>',
  '@',
  '.',
  '"',
  "'",
  '(',
  ')',
  ':',
  ';',
  '\\',
  '[',
  ']',
  '=?',
  '?=',
  '-',
  '_',
  '\u00a0',
  '\r\n ',
];

describe('address lists', () => {
  it.each([
    'ann@acme.example',
    'Ann Smith <Ann@Acme.example>',
    'Ann  Smith\t<ann@acme.example>, bob@acme.example',
    '=?UTF-8?B?w6lsb2Rpw6k=?= <e@x.example>, =?UTF-8?Q?Andr=C3=A9?= <a@x.example>',
    '"Smith, Ann" <ann@acme.example>',
    'Ann <ann@acme.example>,',
    'x <a@b> y',
    'Undisclosed recipients:;',
    'ann@acme.example (Ann)',
    'Ann Q. Public <ann@acme.example>',
    'Ann<ann@acme.example>',
    '<ann@acme.example>',
    'Ann Smith',
    '',
  ])('reads %j as addressparser does', (value) => {
    expect(parseAddressList(value)).toEqual(reference(value));
  });

  it('agrees with addressparser on lists made of any of the usual and unusual pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }), (pieces) => {
        const value = pieces.join('');
        expect(parseAddressList(value)).toEqual(reference(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on lists made only of what the plain form allows, well formed or not', () => {
    const plain = PIECES.filter((p) => !/["():;[\\\]\u00a0\r\n]/.test(p));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...plain), { maxLength: 14 }), (pieces) => {
        const value = pieces.join('');
        expect(parseAddressList(value)).toEqual(reference(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees on lists of well-formed entries', () => {
    const name = fc.array(fc.constantFrom('Ann', 'Smith', 'José', 'Q.', '=?UTF-8?B?w6k=?='), {
      minLength: 0,
      maxLength: 3,
    });
    const entry = fc
      .tuple(name, fc.constantFrom('a@b.example', 'Ann.Smith@Acme.Example', 'x+tag@y.z'))
      .map(([words, address]) =>
        words.length === 0 ? address : `${words.join(' ')} <${address}>`,
      );
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',', ', ', ',\t'),
        (entries, comma) => {
          const value = entries.join(comma);
          expect(parseAddressList(value)).toEqual(reference(value));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
