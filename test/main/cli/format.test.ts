import { describe, expect, it } from 'vitest';
import { statusAsText } from '../../../src/main/cli/format';
import type { StatusSummary } from '../../../src/shared/contract';

const EMPTY: StatusSummary = {
  at: Date.parse('2026-11-24T09:00:00Z'),
  timeZone: 'Europe/Berlin',
  obligations: [],
  counts: { overdue: 0, due: 0, upcoming: 0, done: 0, skipped: 0 },
  problems: [],
  suggestions: [],
};

describe('status as text', () => {
  it.each([
    [0, null],
    [1, '1 message waits for your review: followthrough review'],
    [2, '2 messages wait for your review: followthrough review'],
  ])('with %i messages on the review list says %s', (waiting, line) => {
    const text = statusAsText(EMPTY, waiting);
    expect(text.startsWith('Nobody is owed a note.')).toBe(true);
    if (line === null) expect(text).not.toContain('review');
    else expect(text.trimEnd().split('\n').at(-1)).toBe(line);
  });
});
