/**
 * The quick commands start fast because they never load the mail, calendar, sending or
 * classifier packages; the mail commands still do. Run as processes of their own, so what
 * another test loaded does not count.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHILD = resolve(__dirname, '../../support/cli-modules-child.ts');
const HEAVY = ['imapflow', 'nodemailer', 'ical.js', 'html-to-text', 'libmime'];

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ft-lazy-load-'));
  db = join(dir, 'db.sqlite');
  expect(run(['sample']).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): { code: number; packages: string[] } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, ...args, '--db', db], {
    encoding: 'utf8',
  });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('{')) throw new Error(`no result: ${child.stderr}`);
  return JSON.parse(last) as { code: number; packages: string[] };
}

describe('what a command loads', () => {
  it.each([['status'], ['status', '--json'], ['export'], ['review']])(
    '%s loads no mail, calendar or sending package',
    (...args) => {
      const { code, packages } = run(args);
      expect(code).toBe(0);
      expect(packages.filter((p) => HEAVY.includes(p))).toEqual([]);
      expect(packages).toContain('better-sqlite3');
    },
  );

  it('a mail command still loads them', () => {
    const { code, packages } = run(['invitations']);
    expect(code).toBe(0);
    expect(packages).toEqual(expect.arrayContaining(['imapflow', 'nodemailer']));
  });
});
