/**
 * parseHeaderBlock splits header blocks itself; it must give what libmime's decodeHeaders
 * gives, for well-formed blocks and for odd ones alike.
 */
import fc from 'fast-check';
import libmime from 'libmime';
import { describe, expect, it } from 'vitest';
import { parseHeaderBlock } from '../../../src/main/mail/headers';

function reference(text: string): Map<string, string[]> {
  const end = text.search(/\r?\n\r?\n/);
  const head = end >= 0 ? text.slice(0, end) : text;
  const decoded = libmime.decodeHeaders(head, { skipPrototypeKeys: true });
  const map = new Map<string, string[]>();
  for (const [key, values] of Object.entries(decoded)) {
    map.set(
      key.toLowerCase(),
      values.map((v) => String(v)),
    );
  }
  return map;
}

/** Maps compared as sorted entries: the order of fields is not part of the result. */
function entries(map: Map<string, string[]>): [string, string[]][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const PIECES = [
  'Subject',
  'To',
  'FROM',
  'Message-ID',
  'X-Autoreply',
  'constructor',
  '__proto__',
  'toString',
  ':',
  ': ',
  ' ',
  '\t',
  '\r\n',
  '\n',
  '\r',
  '\r\n ',
  '\r\n\t',
  '\r\n\r\n',
  'ann@acme.example',
  '<id@host>',
  'Thank you',
  'Grüße',
  '=?UTF-8?B?w6k=?=',
  '\u2028',
  '\u00a0',
  ';',
  ',',
];

describe('header blocks', () => {
  it.each([
    'Subject: Hello\r\nTo: a@b\r\n\r\nbody: not a header',
    'Subject: Hello\r\n world\r\n\tagain\r\nsubject: second\r\n',
    '\r\n\r\nTo: after empty lines',
    'No colon here\r\n: empty name\r\nX-A:\r\n',
    'constructor: x\r\n__proto__: y\r\nTo: a@b',
    'To: a@b\u2028c@d\r\nSubject:  spaced  \r\n',
    'Subject: one\rTo: two\nCc: three',
    ' leading fold\r\nTo: a@b',
  ])('splits %j as libmime does', (text) => {
    expect(entries(parseHeaderBlock(text))).toEqual(entries(reference(text)));
    expect(entries(parseHeaderBlock(Buffer.from(text)))).toEqual(entries(reference(text)));
  });

  it('agrees with libmime on blocks made of any of these pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(entries(parseHeaderBlock(text))).toEqual(entries(reference(text)));
      }),
      { numRuns: 5000 },
    );
  });
});
