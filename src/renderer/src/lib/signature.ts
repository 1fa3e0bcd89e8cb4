/**
 * The signature placeholders a note keeps while the profile has no name, phone or email
 * (`[[senderName]]` and the like, as the templates leave them), found and filled in place.
 */
import type { Profile } from '../../../shared/model';

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
  return text.replace(MARK, (mark, name: keyof typeof MARKS) => {
    const value = String(profile[MARKS[name]] ?? '').trim();
    return value === '' ? mark : value;
  });
}

/** Whether the profile lacks a part of the signature. */
export function signatureIncomplete(profile: Profile): boolean {
  return [profile.fullName, profile.phone, profile.email].some((v) => v.trim() === '');
}
