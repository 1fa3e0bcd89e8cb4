/**
 * A form's errors by field path (as `fieldErrors` in ./api splits them): which one a field
 * shows, and which belong to no field and go under the form. Pure.
 */

/** Whether the field path `key` is `prefix` or lies under it (`companyDomains[1]`, `interview.startsAt`). */
function isUnder(key: string, prefix: string): boolean {
  return key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`);
}

/** The first message whose field path starts with `prefix` (e.g. `companyDomains` matches `companyDomains[1]`). */
export function errorFor(errors: Record<string, string>, prefix: string): string | undefined {
  const key = Object.keys(errors).find((k) => isUnder(k, prefix));
  return key === undefined ? undefined : errors[key];
}

/** The messages that belong to none of `fields`, for a form to show apart from its fields. */
export function generalErrors(errors: Record<string, string>, fields: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([key]) => !fields.some((f) => isUnder(key, f)))
    .map(([, message]) => message);
}
