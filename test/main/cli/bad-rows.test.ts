import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliOn } from '../../support/cli';

// Rows an older version, or a hand-made edit, may have left in the file: values the schemas
// refuse today. Each one must cost only its own application's notes.
const BAD_ROWS = [
  {
    what: 'an interview in year 275760',
    sql: 'UPDATE interviews SET starts_at = 8640000000000000, ends_at = 8640000000000000 WHERE id = :id',
    says: /interview 1 of 1 \(\w+\): its start time must be in the year 9999 or earlier\. Open the interview/,
  },
  {
    what: 'a decision date that does not exist',
    sql: "UPDATE interviews SET decision_by = '2026-02-31' WHERE id = :id",
    says: /its expected decision date is not a day on the calendar/,
  },
];

describe('status with one bad row in the database', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ft-bad-rows-'));
    db = join(dir, 'followthrough.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const bad of BAD_ROWS) {
    it(`shows everything else and names the application with ${bad.what}`, async () => {
      expect((await runCliOn(db, ['sample'])).code).toBe(0);
      const before = JSON.parse((await runCliOn(db, ['status', '--json'])).stdout) as {
        obligations: { applicationId: string; interviewId: string }[];
      };
      const victim = before.obligations[0]!;
      const raw = new Database(db);
      const company = (
        raw.prepare('SELECT company FROM applications WHERE id = ?').get(victim.applicationId) as {
          company: string;
        }
      ).company;
      raw.prepare(bad.sql).run({ id: victim.interviewId });
      raw.close();

      const json = await runCliOn(db, ['status', '--json']);
      expect(json.code).toBe(0);
      const after = JSON.parse(json.stdout) as {
        obligations: { applicationId: string }[];
        problems: { applicationId: string; interviewId: string | null; message: string }[];
      };
      expect(after.problems).toHaveLength(1);
      expect(after.problems[0]).toMatchObject({
        applicationId: victim.applicationId,
        interviewId: victim.interviewId,
      });
      expect(after.problems[0]!.message).toMatch(bad.says);
      expect(after.problems[0]!.message.startsWith(company)).toBe(true);
      const others = before.obligations.filter((o) => o.applicationId !== victim.applicationId);
      expect(others.length).toBeGreaterThan(0);
      expect(after.obligations).toHaveLength(others.length);

      const text = await runCliOn(db, ['status']);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('Could not be worked out (1)');
      expect(text.stdout).toMatch(bad.says);
    });
  }

  it('refuses to import a date that does not exist, saying so in plain words', async () => {
    expect((await runCliOn(db, ['sample'])).code).toBe(0);
    const exported = JSON.parse((await runCliOn(db, ['export'])).stdout) as {
      applications: { decidedOn: string | null }[];
    };
    exported.applications[1]!.decidedOn = '2026-02-31';
    const file = join(dir, 'workspace.json');
    writeFileSync(file, JSON.stringify(exported));
    const run = await runCliOn(db, ['import', file]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('applications[1].decidedOn: is not a day on the calendar');
    // Nothing was replaced.
    expect((await runCliOn(db, ['status'])).code).toBe(0);
  });
});
