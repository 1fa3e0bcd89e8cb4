/**
 * The signature placeholders a note keeps while the profile has no name, phone or email
 * (`[[senderName]]` and the like, as the templates leave them), found and filled in place.
 */
import type { Profile } from '../../../../shared/model';

const MARKS = {
  senderName: 'fullName',
  senderPhone: 'phone',
  senderEmail: 'email',
} as const satisfies Record<string, keyof Profile>;

const MARK = /\[\[\s*(senderName|senderPhone|senderEmail)\s*\]\]/g;

/** Whether the text still holds a signature placeholder. */
export function hasSignatureMarks(text: string): boolean {
  return new RegExp(MARK.source).test(text);
}

/**
 * The text with each signature placeholder replaced by the profile's value; a placeholder whose
 * value is still empty stays, and nothing else in the text changes.
 */
export function fillSignatureMarks(text: string, profile: Profile): string {
  const marked = new Set([...text.matchAll(MARK)].map((m) => m[1]));
  // Templates leave out the phone and email the profile did not have then (they never ask for
  // a fact the app knows is missing): now that there are some, they go under the name.
  const under = (['senderPhone', 'senderEmail'] as const)
    .filter((name) => !marked.has(name))
    .map((name) => String(profile[MARKS[name]] ?? '').trim())
    .filter((value) => value !== '' && !text.includes(value));
  return text.replace(MARK, (mark, name: keyof typeof MARKS) => {
    const value = String(profile[MARKS[name]] ?? '').trim();
    if (value === '') return mark;
    return name === 'senderName' ? [value, ...under].join('\n') : value;
  });
}

/** Whether the profile lacks a part of the signature. */
export function signatureIncomplete(profile: Profile): boolean {
  return [profile.fullName, profile.phone, profile.email].some((v) => v.trim() === '');
}
