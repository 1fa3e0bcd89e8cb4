import { describe, expect, it } from 'vitest';
import { statusAfterInterview } from '../../../src/main/domain/status-moves';
import type { ApplicationStatus } from '../../../src/shared/model';

describe('statusAfterInterview', () => {
  it.each<[ApplicationStatus, boolean, boolean, ApplicationStatus | null]>([
    // status, added, cancelled → moves to
    ['applied', true, false, 'interviewing'],
    ['applied', false, false, null],
    ['applied', true, true, null],
    ['interviewing', true, false, null],
    ['offer', true, false, null],
    ['accepted', true, false, null],
    ['rejected', true, false, null],
    ['withdrawn', true, false, null],
    ['rejected', false, false, null],
  ])('%s, added %s, cancelled %s → %s', (status, added, cancelled, expected) => {
    expect(statusAfterInterview({ status, added, cancelled })).toBe(expected);
  });
});
