/**
 * Recurring invitations and time zones built at random (frequencies, intervals, months, days
 * of the month, weekdays, counts or end dates, a start in the past, zone rules of any
 * frequency) go through the untrusted-parsing worker: each ends, within the worker's budget,
 * with a value or a one-line refusal, never with a fault of the parser or a hang.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  UnreadableInputError,
  workerParser,
  type UntrustedParser,
} from '../../../src/main/services/untrusted-parser';
import { untrustedParserScript } from '../../support/untrusted-parser-script';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

let parser: UntrustedParser;
beforeAll(async () => {
  // A short budget keeps the run small; what overruns it is a clear failure too.
  parser = workerParser({ script: await untrustedParserScript(), timeLimit: 1_000 });
});
afterAll(async () => {
  await parser.close();
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const rule = fc
  .record({
    freq: fc.constantFrom(...FREQS),
    interval: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    months: fc.uniqueArray(fc.integer({ min: 1, max: 13 }), { maxLength: 3 }),
    monthDays: fc.uniqueArray(fc.integer({ min: -32, max: 32 }), { maxLength: 3 }),
    weekdays: fc.uniqueArray(
      fc.tuple(
        fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
        fc.constantFrom(...DAYS),
      ),
      { maxLength: 3, selector: ([, day]) => day },
    ),
    end: fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 500 }).map((n) => `;COUNT=${n}`),
      fc.integer({ min: 2000, max: 2040 }).map((y) => `;UNTIL=${y}0615T000000Z`),
    ),
  })
  .map(({ freq, interval, months, monthDays, weekdays, end }) => {
    const parts = [`FREQ=${freq}`];
    if (interval !== undefined) parts.push(`INTERVAL=${interval}`);
    if (months.length > 0) parts.push(`BYMONTH=${months.join(',')}`);
    if (monthDays.length > 0) parts.push(`BYMONTHDAY=${monthDays.join(',')}`);
    if (weekdays.length > 0)
      parts.push(
        `BYDAY=${weekdays.map(([n, d]) => `${n === undefined || n === 0 ? '' : n}${d}`).join(',')}`,
      );
    return parts.join(';') + end;
  });

const zone = fc.record({
  freq: fc.constantFrom(...FREQS),
  since: fc.integer({ min: 1601, max: 2025 }),
  extra: fc.constantFrom('', ';BYMONTH=3;BYDAY=-1SU', ';BYMONTH=10;BYDAY=-1SU', ';BYMONTHDAY=30'),
});

const start = fc.record({
  year: fc.integer({ min: 1990, max: 2026 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
});

function calendar(
  eventRule: string,
  zoneRule: { freq: string; since: number; extra: string } | null,
  at: { year: number; month: number; day: number; hour: number },
): string {
  const when = `${at.year}${pad(at.month)}${pad(at.day)}T${pad(at.hour)}0000`;
  const until = `${at.year}${pad(at.month)}${pad(at.day)}T${pad(at.hour)}4500`;
  const tz = zoneRule ? ';TZID=Generated Zone' : '';
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Followthrough tests//Generated//EN',
    ...(zoneRule
      ? [
          'BEGIN:VTIMEZONE',
          'TZID:Generated Zone',
          'BEGIN:STANDARD',
          `DTSTART:${zoneRule.since}0101T030000`,
          'TZOFFSETFROM:+0200',
          'TZOFFSETTO:+0100',
          `RRULE:FREQ=${zoneRule.freq}${zoneRule.extra}`,
          'END:STANDARD',
          'END:VTIMEZONE',
        ]
      : []),
    'BEGIN:VEVENT',
    'UID:generated@example.com',
    'DTSTAMP:20261101T090000Z',
    `DTSTART${tz}:${when}${zoneRule ? '' : 'Z'}`,
    `DTEND${tz}:${until}${zoneRule ? '' : 'Z'}`,
    `RRULE:${eventRule}`,
    'SUMMARY:Generated hold',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

describe('recurring invitations built at random', () => {
  it('end with a value or a clear one-line error, within the budget', async () => {
    await fc.assert(
      fc.asyncProperty(
        rule,
        fc.option(zone, { nil: null }),
        start,
        async (eventRule, zoneRule, at) => {
          const text = calendar(eventRule, zoneRule, at);
          try {
            const invites = await parser.run('ics', { text, options: { now: NOW } });
            expect(invites).toHaveLength(1);
            expect(Number.isFinite(invites[0]!.startsAt)).toBe(true);
            expect(invites[0]!.endsAt).toBeGreaterThanOrEqual(invites[0]!.startsAt);
          } catch (error) {
            expect(error).toBeInstanceOf(UnreadableInputError);
            const { reason, message } = error as UnreadableInputError;
            // A fault would be a parser error the user cannot act on.
            expect({ reason, message, text }).toMatchObject({
              reason: expect.stringMatching(/^(refused|too-slow|too-large)$/) as unknown,
            });
            expect(message).not.toMatch(/\n/);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 180_000);
});
