import { describe, expect, test } from 'vitest';
import { fillTemplate, builtInTemplate } from '../../src/main/domain/templates';
import {
  fillSignatureMarks,
  hasSignatureMarks,
  signatureIncomplete,
} from '../../src/renderer/src/lib/pure/signature';
import type { Profile } from '../../src/shared/model';

const EMPTY: Profile = { fullName: '', phone: '', email: '', aliases: [] };
const NOOR: Profile = {
  fullName: 'Noor Haddad',
  phone: '+44 20 7946 0321',
  email: 'noor.haddad@example.org',
  aliases: [],
};

describe('signature placeholders in a note', () => {
  test('are the ones the templates leave when the profile is empty', () => {
    const template = builtInTemplate('after-interview');
    if (!template) throw new Error('missing template');
    const filled = fillTemplate(template, {
      application: {
        id: 'a',
        company: 'Larkspur Labs',
        roleTitle: 'Platform Engineer',
      } as never,
      interview: null,
      person: null,
      participant: null,
      profile: EMPTY,
    });
    expect(hasSignatureMarks(filled.body)).toBe(true);
    const signed = fillSignatureMarks(filled.body, NOOR);
    expect(signed).toContain('Noor Haddad\n+44 20 7946 0321\nnoor.haddad@example.org');
    expect(hasSignatureMarks(signed)).toBe(false);
    // Other gaps are the user's to fill, and stay.
    expect(signed).toContain('[[specificPoint]]');
  });

  test('are filled in place, leaving the rest and the parts still unknown as they are', () => {
    const text =
      'Thanks, [[ senderName ]]!\n\nBest,\n[[senderName]]\n[[senderPhone]]\n[[senderEmail]]';
    expect(fillSignatureMarks(text, { ...NOOR, phone: ' ' })).toBe(
      'Thanks, Noor Haddad!\n\nBest,\nNoor Haddad\n[[senderPhone]]\nnoor.haddad@example.org',
    );
    expect(fillSignatureMarks('No marks here. {{senderName}}', NOOR)).toBe(
      'No marks here. {{senderName}}',
    );
  });

  test('a profile lacking any of name, phone or email is incomplete', () => {
    expect(signatureIncomplete(EMPTY)).toBe(true);
    expect(signatureIncomplete({ ...NOOR, email: '' })).toBe(true);
    expect(signatureIncomplete(NOOR)).toBe(false);
  });
});
