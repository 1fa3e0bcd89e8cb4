/**
 * A workspace service on a fresh database file for each test, and the rows the workspace tests
 * share: an application at Acme, a panel of two interviewers, a note found in Sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createServices, type Services } from '../../src/main/services';
import { createMemoryVault } from '../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../src/main/store/database';
import type { ChannelInput } from '../../src/shared/contract';
import type { KnownMessage } from '../../src/shared/model';

// Tuesday 24 November 2026, 10:00 in Berlin.
export const NOW = Date.parse('2026-11-24T09:00:00Z');
export const ZONE = 'Europe/Berlin';

export interface WorkspaceFixture {
  dir: string;
  opened: OpenedDatabase;
  services: Services;
  service: Services['workspace'];
  /** How often the service said something changed. */
  changes: number;
}

/** Opens a new database and services before each test and closes them after it. */
export function useWorkspace(): WorkspaceFixture {
  const fixture = {} as WorkspaceFixture;
  beforeEach(async () => {
    fixture.dir = mkdtempSync(join(tmpdir(), 'followthrough-service-'));
    fixture.opened = await openDatabase(join(fixture.dir, 'db.sqlite'));
    fixture.changes = 0;
    fixture.services = createServices({
      database: fixture.opened,
      vault: createMemoryVault(),
      now: () => NOW,
      systemTimeZone: () => ZONE,
      onChange: () => (fixture.changes += 1),
    });
    fixture.service = fixture.services.workspace;
  });
  afterEach(() => {
    fixture.opened.store.close();
    rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}

/** An application at Acme, interviewing. */
export function addApplication(service: Services['workspace']) {
  return service.saveApplication({
    company: 'Acme',
    roleTitle: 'Site Reliability Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: '2026-11-01',
    decidedOn: null,
    companyDomains: [' Acme.Example '],
    notes: '',
  });
}

export const newPerson = (name: string, email: string) => ({
  name,
  title: '',
  company: 'Acme',
  emails: [email],
  phone: '',
  firstNameOk: false,
  doNotContact: false,
  notApplicable: false,
  notes: '',
});

export function panelOfTwo(applicationId: string): ChannelInput<'interviews:save'> {
  return {
    interview: {
      applicationId,
      kind: 'panel',
      // Monday 23 November, 14:00–15:30 Berlin.
      startsAt: Date.parse('2026-11-23T13:00:00Z'),
      endsAt: Date.parse('2026-11-23T14:30:00Z'),
      timeZone: ZONE,
      location: null,
      decisionBy: null,
      contactPlan: '',
      outcome: 'good',
      notes: '',
      cancelled: false,
    },
    participants: [
      {
        person: newPerson('Grace Hopper', 'Grace@Acme.example'),
        role: 'interviewer',
        topics: 'Compilers',
        notes: '',
      },
      {
        person: newPerson('Alan Turing', 'alan@acme.example'),
        role: 'interviewer',
        topics: 'Testing',
        notes: '',
      },
    ],
  };
}

/** A note in Sent, number `n`, to one address. */
export function sentMessage(
  n: number,
  to: { name: string | null; address: string },
  date: number,
): KnownMessage & { uid: number } {
  return {
    id: `acct:sent:<note-${n}@example.org>`,
    folderRole: 'sent',
    messageId: `<note-${n}@example.org>`,
    inReplyTo: null,
    references: [],
    date,
    from: [{ name: 'Sam Rivera', address: 'sam@example.org' }],
    to: [to],
    cc: [],
    bcc: [],
    subject: `Thank you (${n})`,
    autoReply: false,
    bounce: false,
    uid: n,
  };
}
