import { describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/shared/model';
import { channels } from '../../src/shared/contract';
import {
  applicationSchema,
  describeIssues,
  interviewSchema,
  isRealIsoDate,
  LATEST_INSTANT,
  settingsSchema,
  workspaceSchema,
} from '../../src/shared/schemas';

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

describe('dates and instants', () => {
  const application = {
    id: 'a',
    company: 'Acme',
    roleTitle: 'Engineer',
    postingUrl: null,
    status: 'applied',
    appliedOn: '2026-02-28',
    decidedOn: null,
    companyDomains: [],
    notes: '',
    createdAt: 0,
    updatedAt: 0,
  };
  const interview = {
    id: 'i',
    applicationId: 'a',
    kind: 'video',
    startsAt: Date.UTC(2026, 2, 2, 15),
    endsAt: Date.UTC(2026, 2, 2, 16),
    timeZone: 'UTC',
    location: null,
    decisionBy: null,
    contactPlan: '',
    outcome: 'unknown',
    notes: '',
    cancelled: false,
  };

  test('a date must name a day that exists, in years 1970 to 9999', () => {
    for (const good of ['2026-02-28', '2028-02-29', '1970-01-01', '9999-12-31']) {
      expect(isRealIsoDate(good), good).toBe(true);
    }
    for (const bad of [
      '2026-02-31',
      '2027-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '1969-12-31',
      '0000-01-01',
      '2026-1-1',
    ]) {
      expect(isRealIsoDate(bad), bad).toBe(false);
    }
    expect(problem(applicationSchema, { ...application, appliedOn: '2026-02-31' })).toMatch(
      /^appliedOn: is not a day on the calendar/,
    );
    expect(
      problem(settingsSchema, { ...DEFAULT_SETTINGS, holidays: ['2026-12-24', '2026-11-31'] }),
    ).toMatch(/^holidays\[1\]: is not a day on the calendar/);
  });

  test('an instant must fall in years 1970 to 9999', () => {
    const year275760 = 8.64e15;
    expect(interviewSchema.safeParse(interview).success).toBe(true);
    expect(interviewSchema.safeParse({ ...interview, endsAt: LATEST_INSTANT }).success).toBe(true);
    const far = interviewSchema.safeParse({
      ...interview,
      startsAt: year275760,
      endsAt: year275760,
    });
    expect(far.success ? null : describeIssues(far.error)).toBe(
      'startsAt: must be in the year 9999 or earlier; endsAt: must be in the year 9999 or earlier',
    );
    const before = applicationSchema.safeParse({ ...application, createdAt: -1 });
    expect(before.success ? null : describeIssues(before.error)).toBe(
      'createdAt: must be in 1970 or later',
    );
  });

  test('imports and IPC input refuse the same values', () => {
    const workspace = {
      applications: [{ ...application, decidedOn: '2026-02-30' }],
      interviews: [],
      people: [],
      participants: [],
      manualContacts: [],
      profile: { fullName: '', phone: '', email: '' },
      settings: DEFAULT_SETTINGS,
    };
    expect(workspaceSchema.safeParse(workspace).success).toBe(false);
    expect(channels['status:get'].input.safeParse({ at: 8.64e15 }).success).toBe(false);
    expect(
      channels['obligations:snooze'].input.safeParse({ obligationId: 'x', until: 8.64e15 }).success,
    ).toBe(false);
    expect(
      channels['interviews:save'].input.safeParse({ ...interview, startsAt: 8.64e15 }).success,
    ).toBe(false);
  });
});
