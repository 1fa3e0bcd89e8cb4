import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  businessDayOnOrAfter,
  calendarDateOf,
  createBusinessCalendar,
  endOfDay,
  isBusinessDay,
  nextBusinessDay,
  plusCalendarDaysInZone,
  resolveZone,
  startOfDay,
} from '../../../src/main/domain/business-days';
import { at, iso } from './factory';

const berlin = createBusinessCalendar('Europe/Berlin', [6, 7], ['2025-04-18', '2025-04-21']);

describe('isBusinessDay', () => {
  it.each([
    ['2025-03-07', true, 'a Friday'],
    ['2025-03-08', false, 'a Saturday'],
    ['2025-03-09', false, 'a Sunday'],
    ['2025-04-18', false, 'a holiday on a Friday'],
    ['2025-04-22', true, 'the Tuesday after Easter Monday'],
  ])('%s is a business day: %s (%s)', (date, expected) => {
    expect(isBusinessDay(date, berlin)).toBe(expected);
  });

  it('honours a Friday-Saturday weekend', () => {
    const calendar = createBusinessCalendar('Asia/Jerusalem', [5, 6], []);
    expect(isBusinessDay('2025-03-07', calendar)).toBe(false);
    expect(isBusinessDay('2025-03-09', calendar)).toBe(true);
  });

  it('ignores a weekend covering the whole week rather than never finding a business day', () => {
    const calendar = createBusinessCalendar('UTC', [1, 2, 3, 4, 5, 6, 7], []);
    expect(nextBusinessDay('2025-03-07', calendar)).toBe('2025-03-08');
  });
});

describe('nextBusinessDay and addBusinessDays', () => {
  it.each([
    ['2025-03-04', 1, '2025-03-05', 'Tuesday to Wednesday'],
    ['2025-03-07', 1, '2025-03-10', 'Friday skips the weekend'],
    ['2025-03-08', 1, '2025-03-10', 'from a Saturday'],
    ['2025-04-17', 1, '2025-04-22', 'Thursday before Good Friday and Easter Monday'],
    ['2025-03-06', 2, '2025-03-10', 'two business days over a weekend'],
    ['2025-04-16', 3, '2025-04-23', 'three business days over a long weekend'],
    ['2025-03-06', 0, '2025-03-06', 'zero days is the day itself'],
    ['2025-12-31', 1, '2026-01-01', 'across the new year'],
  ])('%s + %i business day(s) = %s (%s)', (date, count, expected) => {
    expect(addBusinessDays(date, count, berlin)).toBe(expected);
    if (count === 1) expect(nextBusinessDay(date, berlin)).toBe(expected);
  });

  it.each([
    ['2025-03-07', '2025-03-07'],
    ['2025-03-08', '2025-03-10'],
    ['2025-04-18', '2025-04-22'],
  ])('the business day on or after %s is %s', (date, expected) => {
    expect(businessDayOnOrAfter(date, berlin)).toBe(expected);
  });
});

describe('days as instants across DST', () => {
  it.each([
    ['2025-03-30', '2025-03-30T00:00:00.000+01:00', '2025-03-30T23:59:59.999+02:00', 23],
    ['2025-10-26', '2025-10-26T00:00:00.000+02:00', '2025-10-26T23:59:59.999+01:00', 25],
    ['2025-03-04', '2025-03-04T00:00:00.000+01:00', '2025-03-04T23:59:59.999+01:00', 24],
  ])('%s in Berlin runs from %s to %s (%i hours)', (date, start, end, hours) => {
    const from = startOfDay(date, 'Europe/Berlin');
    const to = endOfDay(date, 'Europe/Berlin');
    expect(iso(from)).toBe(start);
    expect(iso(to)).toBe(end);
    expect((to + 1 - from) / 3_600_000).toBe(hours);
  });

  it('keeps the wall-clock time when adding calendar days over the spring change', () => {
    const later = plusCalendarDaysInZone(at('2025-03-27T09:00'), 7, 'Europe/Berlin');
    expect(iso(later)).toBe('2025-04-03T09:00:00.000+02:00');
  });

  it.each([
    [at('2025-03-06T23:30', 'America/New_York'), 'America/New_York', '2025-03-06'],
    [at('2025-03-06T23:30', 'America/New_York'), 'Europe/Berlin', '2025-03-07'],
    [at('2025-03-07T00:30'), 'America/New_York', '2025-03-06'],
  ])('the calendar date of an instant depends on the zone (%#)', (instant, zone, expected) => {
    expect(calendarDateOf(instant, zone)).toBe(expected);
  });

  it('adds calendar days to a date label over month ends', () => {
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(resolveZone('Mars/Olympus')).toBe('UTC');
    expect(resolveZone('Europe/Berlin')).toBe('Europe/Berlin');
  });
});
