import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import type { Workspace } from '../../../src/shared/model';
import { DEFAULT_SETTINGS } from '../../../src/shared/model';
import { makeTempDir, participant, sampleWorkspace } from './helpers';

let temp: ReturnType<typeof makeTempDir>;
const opened: OpenedDatabase[] = [];

async function fresh(name: string): Promise<OpenedDatabase> {
  const result = await openDatabase(path.join(temp.dir, name));
  opened.push(result);
  return result;
}

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(() => {
  for (const { store } of opened.splice(0)) store.close();
  temp.remove();
});

describe('export and import', () => {
  it('an export imported into a fresh database exports deep-equal', async () => {
    const source = (await fresh('source.sqlite')).store;
    source.replaceWorkspace(sampleWorkspace());
    const exported = source.exportWorkspace();

    const target = (await fresh('target.sqlite')).store;
    target.replaceWorkspace(structuredClone(exported));
    expect(target.exportWorkspace()).toEqual(exported);
  });

  it('exports the workspace it was given, in the documented order', async () => {
    const { store } = await fresh('db.sqlite');
    const input = sampleWorkspace();
    store.replaceWorkspace(input);
    const exported = store.exportWorkspace();

    const byId = <T extends { id: string }>(list: T[], ids: string[]) =>
      ids.map((id) => list.find((item) => item.id === id));
    expect(exported.applications).toEqual(input.applications);
    expect(exported.interviews).toEqual(byId(input.interviews, ['int-1', 'int-3', 'int-2']));
    expect(exported.people).toEqual(byId(input.people, ['person-1', 'person-3', 'person-2']));
    expect(exported.participants).toEqual(input.participants);
    expect(exported.manualContacts).toEqual(input.manualContacts);
    expect(exported.profile).toEqual(input.profile);
    expect(exported.settings).toEqual(input.settings);
    expect(exported.people[0]?.emails).toEqual(['ada@acme.com', 'ada.l@gmail.com']);
  });

  it('replaces what was there before', async () => {
    const { store } = await fresh('db.sqlite');
    store.replaceWorkspace(sampleWorkspace());
    const empty: Workspace = {
      applications: [],
      interviews: [],
      people: [],
      participants: [],
      manualContacts: [],
      profile: { fullName: '', phone: '', email: '', aliases: [] },
      settings: DEFAULT_SETTINGS,
    };
    store.replaceWorkspace(empty);
    expect(store.exportWorkspace()).toEqual(empty);
  });

  it('is all or nothing: a participant of a missing interview leaves the old data', async () => {
    const { store } = await fresh('db.sqlite');
    store.replaceWorkspace(sampleWorkspace());
    const before = store.exportWorkspace();

    const broken = sampleWorkspace();
    broken.applications.push({ ...broken.applications[0]!, id: 'new-app' });
    broken.profile = { fullName: 'Someone Else', phone: '', email: '' };
    broken.participants.push(participant({ interviewId: 'no-such-interview' }));

    expect(() => store.replaceWorkspace(broken)).toThrow(/FOREIGN KEY/);
    expect(store.exportWorkspace()).toEqual(before);
  });

  it('is all or nothing for a value outside a CHECK list and for a duplicate id', async () => {
    const { store } = await fresh('db.sqlite');
    store.replaceWorkspace(sampleWorkspace());
    const before = store.exportWorkspace();

    const badStatus = sampleWorkspace();
    badStatus.interviews[2] = { ...badStatus.interviews[2]!, kind: 'dinner' as never };
    expect(() => store.replaceWorkspace(badStatus)).toThrow(/CHECK/);

    const duplicate = sampleWorkspace();
    duplicate.people.push({ ...duplicate.people[0]! });
    expect(() => store.replaceWorkspace(duplicate)).toThrow(/UNIQUE/);

    expect(store.exportWorkspace()).toEqual(before);
  });

  it('survives closing and reopening the file', async () => {
    const file = path.join(temp.dir, 'db.sqlite');
    const first = await openDatabase(file);
    first.store.replaceWorkspace(sampleWorkspace());
    const exported = first.store.exportWorkspace();
    first.store.close();

    const second = await fresh('db.sqlite');
    expect(second.migratedFrom).toBeNull();
    expect(second.store.exportWorkspace()).toEqual(exported);
  });
});

describe('a large workspace', () => {
  it('keeps every row and every address of a large workspace (2,000 applications, 10,000 people)', async () => {
    const { store } = await fresh('large.sqlite');
    const workspace: Workspace = {
      applications: [],
      interviews: [],
      people: [],
      participants: [],
      manualContacts: [],
      profile: { fullName: 'Sam', phone: '', email: 'sam@example.com' },
      settings: DEFAULT_SETTINGS,
    };
    for (let a = 0; a < 2000; a += 1) {
      workspace.applications.push({
        id: `app-${a}`,
        company: `Company ${a}`,
        roleTitle: 'Engineer',
        postingUrl: null,
        status: 'interviewing',
        appliedOn: '2025-01-01',
        decidedOn: null,
        companyDomains: [`c${a}.com`],
        notes: '',
        createdAt: a,
        updatedAt: a,
      });
      for (let i = 0; i < 2; i += 1) {
        const interviewId = `int-${a}-${i}`;
        workspace.interviews.push({
          id: interviewId,
          applicationId: `app-${a}`,
          kind: 'video',
          startsAt: a * 10 + i,
          endsAt: a * 10 + i + 1,
          timeZone: 'UTC',
          location: null,
          decisionBy: null,
          contactPlan: '',
          contactPersonId: null,
          outcome: 'unknown',
          notes: '',
          cancelled: false,
        });
        for (let p = 0; p < 2; p += 1) {
          workspace.participants.push({
            interviewId,
            personId: `person-${(a * 5 + i * 2 + p) % 10_000}`,
            role: 'interviewer',
            topics: '',
            notes: '',
          });
        }
      }
    }
    for (let p = 0; p < 10_000; p += 1) {
      workspace.people.push({
        id: `person-${p}`,
        name: `Person ${String(p).padStart(5, '0')}`,
        title: '',
        company: '',
        emails: [`p${p}@work.com`, `p${p}@home.org`],
        phone: '',
        firstNameOk: false,
        doNotContact: false,
        notApplicable: false,
        notes: '',
      });
    }

    store.replaceWorkspace(workspace);
    const exported = store.exportWorkspace();
    const found = store.findPersonByEmail('P7@HOME.org');

    expect(exported.applications).toHaveLength(2000);
    expect(exported.people).toHaveLength(10_000);
    expect(exported.people[1]?.emails).toEqual(['p1@work.com', 'p1@home.org']);
    expect(exported.participants).toHaveLength(8000);
    expect(found?.id).toBe('person-7');
  });
});
