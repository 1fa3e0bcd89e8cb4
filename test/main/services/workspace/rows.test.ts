/**
 * The kept rows: after one of the workspace's own writes only the touched rows are read again
 * and put back in place. They must then equal what a fresh read of the store gives, in the
 * same order, whatever the names are.
 */
import { describe, expect, it } from 'vitest';
import { addApplication, newPerson, useWorkspace } from '../../../support/workspace-fixture';

const ws = useWorkspace();

describe('kept rows after the workspace’s own writes', () => {
  it('put people, interviews and participants where a fresh read puts them', () => {
    const application = addApplication(ws.service);
    // Names whose order by UTF-16 unit and by code point differ, and ties broken by id.
    const names = ['Zoë', '😀 Smiley', '\uE000 Private', 'Ada', 'ada', 'Ada', '𝒜 Script'];
    ws.service.status();
    names.forEach((name, n) => {
      ws.service.saveInterview({
        interview: {
          applicationId: application.id,
          kind: 'video',
          startsAt: Date.parse('2026-11-20T10:00:00Z') + (n % 3) * 3_600_000,
          endsAt: Date.parse('2026-11-20T11:00:00Z') + (n % 3) * 3_600_000,
          timeZone: 'Europe/Berlin',
          location: null,
          decisionBy: null,
          contactPlan: '',
          outcome: 'unknown',
          notes: '',
          cancelled: false,
        },
        participants: [
          {
            person: newPerson(name, `p${n}@acme.example`),
            role: 'interviewer',
            topics: '',
            notes: '',
          },
        ],
      });
      ws.service.status();
    });
    const renamed = ws.service.listPeople().find((p) => p.name === 'Zoë')!;
    ws.service.savePerson({ ...renamed, name: '\u{1F600}' });

    const kept = ws.service.workspaceRows();
    const { store } = ws.opened;
    expect(kept.people.map((p) => p.id)).toEqual(store.listPeople().map((p) => p.id));
    expect(kept.interviews.map((i) => i.id)).toEqual(store.listInterviews().map((i) => i.id));
    expect(kept.participants).toEqual(store.listParticipants());
    expect(kept.people.map((p) => p.name)).toEqual([
      'Ada',
      'Ada',
      'ada',
      '\uE000 Private',
      '𝒜 Script',
      '\u{1F600}',
      '😀 Smiley',
    ]);
  });
});
