import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createServices, type Services } from '../../src/main/services';
import { createMemoryVault } from '../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../src/main/store/database';
import { groupObligations } from '../../src/renderer/src/lib/pure/obligation-groups';
import { DEFAULT_NOW } from '../support/bridge/server';
import {
  buildLargeWorkspace,
  LARGE_APPLICATIONS,
  loadLargeWorkspace,
} from '../support/large-workspace';

const ZONE = 'Europe/Berlin';
let dir: string;
let opened: OpenedDatabase;
let services: Services;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-large-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  services = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => DEFAULT_NOW,
    systemTimeZone: () => ZONE,
  });
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the large workspace', () => {
  test('is the same for the same seed and differs for another', () => {
    const a = buildLargeWorkspace({ now: DEFAULT_NOW });
    expect(buildLargeWorkspace({ now: DEFAULT_NOW })).toEqual(a);
    expect(buildLargeWorkspace({ now: DEFAULT_NOW, seed: 7 })).not.toEqual(a);
  });

  test('imports as 300 applications, about 920 people and about 1,000 open notes in every group', () => {
    loadLargeWorkspace(services, { now: DEFAULT_NOW, timeZone: ZONE });
    const exported = services.workspace.exportWorkspace();
    expect(exported.applications).toHaveLength(LARGE_APPLICATIONS);
    expect(exported.people.length).toBeGreaterThanOrEqual(880);
    expect(exported.people.length).toBeLessThanOrEqual(960);

    const status = services.workspace.status();
    const { overdue, due, upcoming, done } = status.counts;
    const open = overdue + due + upcoming;
    expect(open).toBeGreaterThanOrEqual(950);
    expect(open).toBeLessThanOrEqual(1050);
    expect(done).toBeGreaterThan(100);

    const groups = groupObligations(status.obligations, DEFAULT_NOW, ZONE);
    const sizes = Object.fromEntries(groups.map((g) => [g.id, g.items.length]));
    for (const id of ['overdue', 'today', 'upcoming', 'waiting', 'done'] as const) {
      expect(sizes[id], id).toBeGreaterThan(20);
    }
  });
});
