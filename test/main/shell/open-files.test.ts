import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services';
import { MAX_ICS_BYTES } from '../../../src/main/services/invitation-service';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { calendarFilesIn, openCalendarFiles } from '../../../src/main/shell/open-files';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';

const FIXTURES = join(__dirname, '../../fixtures/ics');
const NOW = Date.parse('2026-11-24T09:00:00Z');

let dir: string;
let opened: OpenedDatabase;
let services: Services;
let shown: number;
let reported: Array<[string, string]>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-open-files-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  services = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => 'Europe/Berlin',
  });
  shown = 0;
  reported = [];
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = (files: string[]) =>
  openCalendarFiles(files, {
    importIcs: (text, name) => services.invitations.importIcs(text, name),
    maxBytes: MAX_ICS_BYTES,
    showInvitations: () => (shown += 1),
    report: (name, message) => reported.push([name, message]),
  });

describe('calendar files the system opens with the app', () => {
  it('are found among the arguments, each once', () => {
    expect(
      calendarFilesIn(['--inspect', '.', 'invite.ics', 'Panel.ICS', 'invite.ics', 'notes.txt']),
    ).toEqual([resolve('invite.ics'), resolve('Panel.ICS')]);
  });

  it('each become a proposal on the invitations view', async () => {
    await open([join(FIXTURES, 'zoom-call.ics'), join(FIXTURES, 'google-panel.ics')]);
    expect(services.invitations.list()).toHaveLength(2);
    expect(shown).toBe(1);
    expect(reported).toEqual([]);
  });

  it('that cannot be read are reported by name, and the others still open', async () => {
    const big = join(dir, 'big.ics');
    writeFileSync(big, 'x'.repeat(MAX_ICS_BYTES + 1));
    const folder = join(dir, 'folder.ics');
    mkdirSync(folder);
    await open([
      join(dir, 'gone.ics'),
      big,
      folder,
      join(FIXTURES, 'malformed-no-event.ics'),
      join(FIXTURES, 'zoom-call.ics'),
    ]);
    expect(reported.map(([name]) => name)).toEqual([
      'gone.ics',
      'big.ics',
      'folder.ics',
      'malformed-no-event.ics',
    ]);
    expect(reported[0]![1]).toBe('the file is no longer there.');
    expect(reported[1]![1]).toMatch(/too large/);
    expect(reported[3]![1]).toMatch(/no VEVENT|no events/i);
    expect(services.invitations.list()).toHaveLength(1);
    expect(shown).toBe(1);
  });

  it('show nothing when none could be opened', async () => {
    await open([join(dir, 'gone.ics')]);
    expect(shown).toBe(0);
  });
});
