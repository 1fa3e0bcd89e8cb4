/**
 * An export over a previous one, on a disk that fills up midway: the previous file must stay
 * as it was. The disk filling up is real: the command runs in a process whose files may not
 * grow past 64 KiB (`ulimit -f`), so writing the long export fails the way a full disk does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliOn } from '../../support/cli';

const CHILD = resolve(__dirname, '../../support/cli-child.ts');
const LIMIT_KIB = 64;

let dir: string;
let db: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ft-atomic-export-'));
  db = join(dir, 'db.sqlite');
  // A workspace whose export is well over the limit.
  const file = join(dir, 'big.json');
  const exported = JSON.parse((await runCliOn(db, ['export'])).stdout) as {
    applications: unknown[];
  };
  exported.applications = Array.from({ length: 20 }, (_, i) => ({
    id: `a${i}`,
    company: `Company ${i}`,
    roleTitle: 'Engineer',
    postingUrl: null,
    status: 'applied',
    appliedOn: '2026-11-02',
    decidedOn: null,
    companyDomains: [],
    notes: 'n'.repeat(8000),
    createdAt: 0,
    updatedAt: 0,
  }));
  // And a calendar export well over it: a thank-you due for each of many interviewers.
  const many = 200;
  Object.assign(exported, {
    interviews: Array.from({ length: many }, (_, i) => ({
      id: `i${i}`,
      applicationId: 'a0',
      kind: 'video',
      startsAt: Date.parse('2026-11-23T10:00:00Z') + i * 60_000,
      endsAt: Date.parse('2026-11-23T11:00:00Z') + i * 60_000,
      timeZone: 'UTC',
      location: null,
      decisionBy: null,
      contactPlan: '',
      outcome: 'unknown',
      notes: '',
      cancelled: false,
    })),
    people: Array.from({ length: many }, (_, i) => ({
      id: `p${i}`,
      name: `Interviewer Number ${i}`,
      title: '',
      company: 'Company 0',
      emails: [`p${i}@company0.example`],
      phone: '',
      firstNameOk: true,
      doNotContact: false,
      notApplicable: false,
      notes: '',
    })),
    participants: Array.from({ length: many }, (_, i) => ({
      interviewId: `i${i}`,
      personId: `p${i}`,
      role: 'interviewer',
      topics: '',
      notes: '',
    })),
  });
  writeFileSync(file, JSON.stringify(exported));
  expect((await runCliOn(db, ['import', file])).code).toBe(0);
  rmSync(file);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the command line in a process of its own; with `limited`, its files may not grow past
 * the limit (SIGXFSZ ignored, so such a write fails with EFBIG as on a full disk).
 */
function runCli(args: string[], limited = false) {
  const quoted = [process.execPath, '--import', 'tsx', CHILD, ...args, '--db', db]
    .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
    .join(' ');
  const limit = limited ? `trap '' XFSZ; ulimit -f ${LIMIT_KIB}; ` : '';
  return spawnSync('bash', ['-c', `${limit}exec ${quoted}`], {
    cwd: resolve(__dirname, '../../..'),
    encoding: 'utf8',
  });
}

describe('exports on a full disk', () => {
  for (const command of ['export', 'export-ics'] as const) {
    it(`${command} --out leaves the previous file intact when the write fails`, () => {
      const out = join(dir, command === 'export' ? 'workspace.json' : 'due.ics');
      const previous = `the previous good ${command}\n`.repeat(10);
      writeFileSync(out, previous);
      const run = runCli([command, '--out', out], true);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/followthrough: .*(EFBIG|too large)/i);
      expect(readFileSync(out, 'utf8')).toBe(previous);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  }

  it('export and export-ics --out write the whole file when there is room', () => {
    const out = join(dir, 'workspace.json');
    writeFileSync(out, 'old');
    const run = runCli(['export', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(
      (JSON.parse(readFileSync(out, 'utf8')) as { applications: unknown[] }).applications,
    ).toHaveLength(20);
    const ics = runCli(['export-ics', '--out', join(dir, 'due.ics')]);
    expect(ics.status, ics.stderr).toBe(0);
    expect(readFileSync(join(dir, 'due.ics'), 'utf8').length).toBeGreaterThan(LIMIT_KIB * 1024);
  });
});
