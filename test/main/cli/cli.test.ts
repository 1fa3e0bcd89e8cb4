import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliOn } from '../../support/cli';

// Tuesday 24 November 2026, 10:00 in Berlin.
const NOW = Date.parse('2026-11-24T09:00:00Z');

let dir: string;
let db: string;

const cli = (...args: string[]) => runCliOn(db, args, { now: NOW });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-cli-'));
  db = join(dir, 'workspace.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('followthrough status', () => {
  it('says nobody is owed anything in a new workspace', async () => {
    const { code, stdout } = await cli('status');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Nobody is owed a note/);
  });

  it('lists the sample workspace overdue first, with states, due times and rules', async () => {
    expect((await cli('sample')).code).toBe(0);
    const { code, stdout } = await cli('status', '--json');
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as {
      timeZone: string;
      counts: Record<string, number>;
      obligations: Array<{
        person: string;
        kind: string;
        state: string;
        dueAt: string | null;
        rule: { text: string };
      }>;
    };
    expect(status.timeZone).toBe('Europe/Berlin');
    const states = status.obligations.map((o) => o.state);
    expect(states.indexOf('overdue')).toBe(0);
    for (const state of ['overdue', 'due', 'upcoming', 'done'] as const) {
      expect(status.counts[state], state).toBeGreaterThan(0);
    }
    const byPerson = (name: string, kind = 'thank-you') =>
      status.obligations.find((o) => o.person === name && o.kind === kind);
    // The panel three business days ago: Ada is overdue, Mei was thanked on LinkedIn.
    expect(byPerson('Ada Okafor')?.state).toBe('overdue');
    expect(byPerson('Mei Tanaka')?.state).toBe('done');
    // This morning's video call: Jonas is due, Priya has no address yet.
    expect(byPerson('Jonas Weber')?.state).toBe('due');
    expect(byPerson('Priya Raman', 'get-address')?.state).toMatch(/due|overdue/);
    // Tomorrow's phone screen is still ahead.
    expect(byPerson('Tom Becker')?.state).toBe('upcoming');
    expect(byPerson('Ada Okafor')?.dueAt).toMatch(/\+01:00$/);
    expect(byPerson('Ada Okafor')?.rule.text.length).toBeGreaterThan(10);
  });

  it('prints a readable list with groups', async () => {
    await cli('sample');
    const { stdout } = await cli('status');
    expect(stdout).toMatch(/^Overdue \(\d+\)$/m);
    expect(stdout).toMatch(
      /Ada Okafor · Northwind Analytics, Senior Data Engineer: thank-you note/,
    );
    expect(stdout.indexOf('Overdue')).toBeLessThan(stdout.indexOf('Done'));
  });

  it('shows the state as of another moment with --at', async () => {
    await cli('sample');
    const later = JSON.parse(
      (await cli('status', '--json', '--at', '2026-12-31T12:00')).stdout,
    ) as {
      at: string;
      obligations: Array<{ person: string; kind: string; state: string }>;
    };
    expect(later.at).toBe('2026-12-31T12:00:00+01:00');
    expect(
      later.obligations.find((o) => o.person === 'Tom Becker' && o.kind === 'thank-you')?.state,
    ).toBe('overdue');
  });

  it('rejects a malformed --at with one clear line', async () => {
    const { code, stderr } = await cli('status', '--at', 'next tuesday');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--at: "next tuesday" is not an ISO time/);
  });
});

describe('followthrough export and import', () => {
  it('round-trips the whole workspace exactly', async () => {
    await cli('sample');
    const exported = join(dir, 'export.json');
    expect((await cli('export', '--out', exported)).code).toBe(0);
    const before = readFileSync(exported, 'utf8');

    db = join(dir, 'other.sqlite');
    const imported = await cli('import', exported);
    expect(imported).toMatchObject({ code: 0, stdout: 'Imported 5 applications.\n' });
    const again = await cli('export');
    expect(again.stdout).toBe(before);
  });

  it('names the bad field and changes nothing when the file is invalid', async () => {
    await cli('sample');
    const before = (await cli('export')).stdout;
    const broken = JSON.parse(before) as { applications: Array<Record<string, unknown>> };
    broken.applications[1]!['status'] = 'ghosted';
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));

    const { code, stderr } = await cli('import', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/applications\[1\]\.status/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect((await cli('export')).stdout).toBe(before);
  });

  it('refuses rows that point at nothing, naming the field', async () => {
    await cli('sample');
    const data = JSON.parse((await cli('export')).stdout) as {
      participants: Array<{ interviewId: string }>;
    };
    data.participants[2]!.interviewId = 'no-such-interview';
    const file = join(dir, 'dangling.json');
    writeFileSync(file, JSON.stringify(data));
    const { code, stderr } = await cli('import', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/participants\[2\]\.interviewId/);
  });

  it('says when the file is not JSON and creates no database', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'hello');
    const { code, stderr } = await cli('import', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/is not valid JSON/);
    expect(() => statSync(db)).toThrow();
  });
});

describe('followthrough sample and errors', () => {
  it('will not overwrite tracked applications without --replace', async () => {
    await cli('sample');
    const second = await cli('sample');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/replace/);
    expect((await cli('sample', '--replace')).code).toBe(0);
  });

  it('rejects an unknown command with usage help', async () => {
    const { code, stderr } = await cli('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('refuses a database written by a newer version', async () => {
    await cli('status');
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(db);
    raw.pragma('user_version = 999');
    raw.close();
    const { code, stderr } = await cli('status');
    expect(code).toBe(1);
    expect(stderr).toMatch(/newer/i);
  });
});
