import { describe, expect, it } from 'vitest';
import {
  addressDomain,
  addressesOverlap,
  normalizeAddress,
  normalizeAddresses,
  normalizeMessageId,
  sameAddressSet,
} from '../../../src/main/domain/addresses';

describe('normalizeAddress', () => {
  it.each([
    ['  Jane.Doe@Acme.COM ', 'jane.doe@acme.com'],
    ['<jane@acme.com>', 'jane@acme.com'],
    ['mailto:jane@acme.com', 'jane@acme.com'],
    ['MAILTO:JANE@ACME.COM', 'jane@acme.com'],
    ['Jane Doe <Jane@Acme.com>', 'jane@acme.com'],
    ['"Doe, Jane" <jane@acme.com>', 'jane@acme.com'],
    ['<mailto:jane@acme.com>', 'jane@acme.com'],
    ['', null],
    ['   ', null],
    ['Jane Doe', null],
    ['jane@', null],
    ['@acme.com', null],
  ])('%j becomes %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});

describe('address sets', () => {
  it('drops duplicates and unusable entries', () => {
    expect(normalizeAddresses(['A@x.com', 'a@x.com ', 'nope', 'B <b@x.com>'])).toEqual([
      'a@x.com',
      'b@x.com',
    ]);
  });

  it.each([
    [['a@x.com', 'B@x.com'], ['b@x.com', '<a@x.com>'], true],
    [['a@x.com', 'a@x.com'], ['A@X.com'], true],
    [['a@x.com'], ['a@x.com', 'b@x.com'], false],
    [[], [], true],
  ])('sameAddressSet(%j, %j) is %s', (a, b, expected) => {
    expect(sameAddressSet(a, b)).toBe(expected);
  });

  it('detects a shared mailbox', () => {
    expect(addressesOverlap(['Jane <JANE@acme.com>'], ['x@y.com', 'jane@acme.com'])).toBe(true);
    expect(addressesOverlap(['jane@acme.com'], ['jane@acme.org'])).toBe(false);
  });

  it('reads the domain', () => {
    expect(addressDomain('Jane <jane@Mail.Acme.com>')).toBe('mail.acme.com');
    expect(addressDomain('nobody')).toBeNull();
  });

  it('strips brackets from Message-IDs', () => {
    expect(normalizeMessageId(' <abc@host> ')).toBe('abc@host');
    expect(normalizeMessageId('<>')).toBeNull();
  });
});
