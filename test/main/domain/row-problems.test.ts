/** One application's unusable row costs only that application's notes, and says why. */
import { describe, expect, it } from 'vitest';
import { createRulesCache, prepareStatus } from '../../../src/main/domain/obligations';
import { application, interview, participant, person, rulesInput } from './factory';

const YEAR_275760 = 8.64e15;

function input(bad: Partial<ReturnType<typeof interview>>) {
  return rulesInput({
    applications: [application(), application({ id: 'app2', company: 'Globex', roleTitle: 'SRE' })],
    interviews: [interview(), interview({ id: 'iv2', applicationId: 'app2', ...bad })],
    people: [person('ann'), person('bob')],
    participants: [participant('ann'), participant('bob', 'iv2')],
  });
}

describe('an application the rules cannot work out', () => {
  it('is left out and named; the other applications are worked out as usual', () => {
    const status = prepareStatus(input({ startsAt: YEAR_275760, endsAt: YEAR_275760 }));
    expect(status.obligations.map((o) => o.applicationId)).toEqual(['app1']);
    expect(status.problems).toEqual([
      {
        applicationId: 'app2',
        interviewId: 'iv2',
        company: 'Globex',
        roleTitle: 'SRE',
        message:
          'Globex, SRE: interview 1 of 1 (video): its start time must be in the year 9999 or earlier. Open the interview and enter it again; until then the notes for this application are not worked out.',
      },
    ]);
  });

  it('is worked out again once fixed, through the same cache', () => {
    const cache = createRulesCache();
    const broken = prepareStatus({
      ...input({ startsAt: YEAR_275760, endsAt: YEAR_275760 }),
      cache,
    });
    expect(broken.problems).toHaveLength(1);
    const again = prepareStatus({
      ...input({ startsAt: YEAR_275760, endsAt: YEAR_275760 }),
      cache,
    });
    expect(again.problems).toHaveLength(1);
    const fixed = prepareStatus({ ...input({}), cache });
    expect(fixed.problems).toEqual([]);
    expect(fixed.obligations).toEqual(prepareStatus(input({})).obligations);
    expect(new Set(fixed.obligations.map((o) => o.applicationId))).toEqual(
      new Set(['app1', 'app2']),
    );
  });
});
