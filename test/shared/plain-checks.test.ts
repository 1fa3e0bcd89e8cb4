/**
 * The store reads settings back with the plain checks, not zod (a quick command never builds
 * a schema): every field must come out as `settingsSchema` would have made it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/model';
import { settingsSchema } from '../../src/shared/schemas';
import { settingsFromRow } from '../../src/main/store/sqlite-store';

/** The settings as reading them field by field with the schema made them. */
function withSchema(stored: Record<string, unknown>): Settings {
  const settings = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const parsed = settingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) settings[key] = parsed.data;
  }
  return settings as unknown as Settings;
}

// Values right for some field and wrong for the others, and the edges of each range.
const CANDIDATES: unknown[] = [
  null,
  true,
  false,
  0,
  1,
  -1,
  0.5,
  6,
  7,
  8,
  10,
  11,
  29.5,
  30,
  31,
  60,
  61,
  72,
  72.5,
  1e300,
  '',
  '24h',
  'same-day',
  'next-business-day',
  'weekly',
  'phone',
  'email',
  'Europe/Berlin',
  'America/New_York',
  'UTC',
  'Mars/Olympus_Mons',
  'x'.repeat(65),
  '2026-12-24',
  [],
  [6, 7],
  [1, 2, 3, 4, 5, 6],
  [1, 2, 3, 4, 5, 6, 7],
  [0],
  [1.5],
  ['6'],
  ['2026-12-24', '2027-01-01'],
  ['2026-02-30'],
  ['1969-12-31'],
  ['2026-1-5'],
  Array.from({ length: 400 }, () => '2026-12-24'),
  Array.from({ length: 401 }, () => '2026-12-24'),
  {},
  { a: 1 },
];

describe('settings read back without zod', () => {
  it.each(Object.keys(DEFAULT_SETTINGS))('%s is read as the schema reads it', (key) => {
    for (const value of CANDIDATES) {
      const stored = { [key]: value };
      const row = { json: JSON.stringify(stored) };
      expect([value, settingsFromRow(row)]).toEqual([value, withSchema(stored)]);
    }
  });

  it('a row without a field, or no row, gives the defaults', () => {
    expect(settingsFromRow({ json: '{}' })).toEqual(withSchema({}));
    expect(settingsFromRow(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});
