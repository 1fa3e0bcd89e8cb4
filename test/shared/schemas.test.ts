import { describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/shared/model';
import { applicationSchema, describeIssues, settingsSchema } from '../../src/shared/schemas';

/** The one line a form shows for `value`, or null when it is valid. */
function problem(schema: typeof settingsSchema | typeof applicationSchema, value: unknown) {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : describeIssues(parsed.error);
}

describe('validation messages', () => {
  test('a number out of range says the bound in plain words', () => {
    expect(problem(settingsSchema, { ...DEFAULT_SETTINGS, checkInFallbackDays: 0 })).toBe(
      'checkInFallbackDays: must be at least 1',
    );
    expect(problem(settingsSchema, { ...DEFAULT_SETTINGS, notBeforeHours: 100 })).toBe(
      'notBeforeHours: must be at most 72',
    );
    expect(
      problem(settingsSchema, { ...DEFAULT_SETTINGS, holidays: Array(401).fill('2026-12-24') }),
    ).toBe('holidays: can have at most 400');
  });

  test("text too long says how long it may be; a message of the schema's own wins", () => {
    const application = {
      id: 'a',
      company: 'Acme',
      roleTitle: 'Engineer',
      postingUrl: null,
      status: 'applied',
      appliedOn: null,
      decidedOn: null,
      companyDomains: [],
      notes: '',
      createdAt: 0,
      updatedAt: 0,
    };
    expect(problem(applicationSchema, application)).toBeNull();
    expect(problem(applicationSchema, { ...application, roleTitle: 'x'.repeat(201) })).toBe(
      'roleTitle: can be at most 200 characters',
    );
    expect(problem(applicationSchema, { ...application, company: '' })).toBe(
      'company: company is required',
    );
  });
});
