/**
 * The untrusted-parsing worker with calendar files built to hurt: rules ical.js cannot bound
 * and impossible dates are refused up front with one line naming the line; what slips past
 * is stopped by the worker's time or memory budget, and the next file reads on a fresh worker.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  UnreadableInputError,
  workerParser,
  type UntrustedParser,
  type WorkerParserOptions,
} from '../../../src/main/services/untrusted-parser';
import { untrustedParserScript } from '../../support/untrusted-parser-script';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const ics = (name: string) => readFileSync(join(__dirname, '../../fixtures/ics', name), 'utf8');

let script: string;
const parsers: UntrustedParser[] = [];

beforeAll(async () => {
  script = await untrustedParserScript();
});
afterEach(async () => {
  for (const parser of parsers.splice(0)) await parser.close();
});

function parser(options: Omit<WorkerParserOptions, 'script'> = {}): UntrustedParser {
  const made = workerParser({ script, ...options });
  parsers.push(made);
  return made;
}

async function failure(run: Promise<unknown>): Promise<UnreadableInputError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnreadableInputError);
  return error as UnreadableInputError;
}

const read = (p: UntrustedParser, name: string) =>
  p.run('ics', { text: ics(name), options: { now: NOW, floatingZone: 'Europe/Berlin' } });

describe('hostile calendar files', () => {
  it.each([
    [
      'hostile-impossible-day.ics',
      'line 10: the RRULE "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30" asks for day 30 of a month too short to have it',
    ],
    [
      'hostile-secondly-zone.ics',
      'line 11: the RRULE "FREQ=SECONDLY" makes a time zone change more often than once a day',
    ],
    [
      'hostile-long-duration.ics',
      'line 9: the event "Technical interview" ends after the year 9999',
    ],
    ['hostile-year-long.ics', 'line 9: the event "Onsite interview" lasts longer than a year'],
    [
      'invalid-month.ics',
      'line 7: the DTSTART value "20261301T100000Z" is not a real date (there is no month 13)',
    ],
    [
      'invalid-hour.ics',
      'line 8: the DTEND value "20261203T990000Z" is not a real date (there is no hour 99)',
    ],
    [
      'multiline-title-no-start.ics',
      'line 4: the event "Second round with the platform team" has no start time',
    ],
  ])('%s is refused with one line naming the line', async (name, message) => {
    const error = await failure(read(parser(), name));
    expect(error.reason).toBe('refused');
    expect(error.message).toBe(message);
  });

  it('stops a file that takes too long, and reads the next one on a fresh worker', async () => {
    const p = parser();
    const error = await failure(read(p, 'hostile-daily-zone.ics'));
    expect(error.reason).toBe('too-slow');
    expect(error.message).toMatch(/took too long/);
    const [next] = await read(p, 'zoom-call.ics');
    expect(next?.summary).toBeTruthy();
  });

  it('stops a file that needs too much memory', async () => {
    const p = parser({ memoryLimit: 12, timeLimit: 120_000 });
    const error = await failure(read(p, 'hostile-daily-zone.ics'));
    expect(error.reason).toBe('too-large');
    expect(error.message).toMatch(/too much memory/);
    expect((await read(p, 'zoom-call.ics')).length).toBe(1);
  });

  it('reads extra dates given as periods: the next one, with its own end', async () => {
    const [invite] = await read(parser(), 'recurring-period-dates.ics');
    expect(new Date(invite!.startsAt).toISOString()).toBe('2026-12-10T09:00:00.000Z');
    expect(new Date(invite!.endsAt).toISOString()).toBe('2026-12-10T11:30:00.000Z');
  });

  it('a worker script that cannot start fails the task instead of hanging', async () => {
    const p = workerParser({ script: join(__dirname, 'no-such-worker.js') });
    parsers.push(p);
    const error = await failure(read(p, 'zoom-call.ics'));
    expect(error.reason).toBe('unavailable');
  });

  it('keeps a process alive until the worker has closed', () => {
    for (const name of ['zoom-call.ics', 'invalid-month.ics']) {
      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(__dirname, 'untrusted-parser-child.ts'),
          script,
          join(__dirname, '../../fixtures/ics', name),
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(child.stdout).toMatch(/; closed\n$/);
      expect(child.status).toBe(3);
    }
  });
});
