import { describe, expect, it } from 'vitest';
import { matchMessages } from '../../../src/main/domain/matching';
import type { Scenario } from './factory';
import { participant, person, received, rulesInput, sent } from './factory';

const ada = person('ada', { name: 'Ada Okafor', emails: ['ada@acme.com'] });
const one: Scenario = {
  people: [ada],
  participants: [participant('ada')],
  now: '2025-03-20T12:00',
};
const MASS = { massMailing: { recipients: 20_000 } };

describe('mass mailings', () => {
  it('a mass mailing sent to her among thousands is no note to her', () => {
    const personal = sent('m1', ['ada@acme.com'], '2025-03-04T15:00');
    expect(matchMessages(rulesInput({ ...one, messages: [personal] }))).toHaveLength(1);

    const mass = sent('m1', ['ada@acme.com', 'x@list.example'], '2025-03-04T15:00', MASS);
    expect(matchMessages(rulesInput({ ...one, messages: [mass] }))).toEqual([]);
  });

  it('a mass mailing received from her address or her company is no reply', () => {
    const note = sent('m1', ['ada@acme.com'], '2025-03-04T15:00');
    const mass = received('r1', 'Ada <ada@acme.com>', '2025-03-06T10:00', MASS);
    const all = matchMessages(rulesInput({ ...one, messages: [note, mass] }));
    expect(all.map((m) => m.messageId)).toEqual(['m1']);
    const fromCompany = received('r2', 'news@acme.com', '2025-03-06T10:00', MASS);
    expect(
      matchMessages(rulesInput({ ...one, messages: [note, fromCompany] })).map((m) => m.messageId),
    ).toEqual(['m1']);
  });
});
