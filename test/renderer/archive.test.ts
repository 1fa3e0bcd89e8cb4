import { describe, expect, it } from 'vitest';
import { isArchived, splitArchived } from '../../src/renderer/src/lib/pure/archive';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../src/shared/model';

describe('the sidebar archive', () => {
  it.each<[ApplicationStatus, boolean]>([
    ['applied', false],
    ['interviewing', false],
    ['offer', false],
    ['accepted', true],
    ['rejected', true],
    ['withdrawn', true],
  ])('an application %s is archived: %s', (status, archived) => {
    expect(isArchived(status)).toBe(archived);
  });

  it('splits the list in two, each in the order given', () => {
    const list = APPLICATION_STATUSES.map((status, i) => ({ application: { status }, i }));
    const { active, archived } = splitArchived(list);
    expect(active.map((a) => a.application.status)).toEqual(['applied', 'interviewing', 'offer']);
    expect(archived.map((a) => a.application.status)).toEqual([
      'accepted',
      'rejected',
      'withdrawn',
    ]);
  });
});
