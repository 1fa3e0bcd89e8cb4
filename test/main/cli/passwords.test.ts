/**
 * `followthrough sync` with several accounts: each account's password goes to that account's
 * server only. Two loopback servers record every byte they are sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase } from '../../../src/main/store/database';
import { startCapturingImap, type CapturingImap } from '../../support/capturing-imap';
import { runCliOn } from '../../support/cli';

let dir: string;
let db: string;
let work: CapturingImap;
let home: CapturingImap;
const ids: { work: string; home: string } = { work: '', home: '' };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ft-cli-passwords-'));
  db = join(dir, 'db.sqlite');
  work = await startCapturingImap();
  home = await startCapturingImap();
  const opened = await openDatabase(db);
  const { accounts } = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => Date.parse('2026-11-24T09:00:00Z'),
    systemTimeZone: () => 'UTC',
  });
  for (const [name, server] of [
    ['work', work],
    ['home', home],
  ] as const) {
    const at = { host: server.host, port: server.port, security: 'plaintext' as const };
    ids[name] = accounts.save({
      label: name === 'work' ? 'Work' : 'Home',
      provider: 'other',
      email: `sam@${name}.example`,
      username: 'sam',
      imap: at,
      smtp: at,
      providerFilesSent: false,
      sentFolder: null,
      draftsFolder: null,
      password: 'not-kept-by-the-cli',
    }).account.id;
  }
  opened.store.close();
});
afterEach(async () => {
  await work.close();
  await home.close();
  rmSync(dir, { recursive: true, force: true });
});

const ENV = { WORK_PW: 'work-secret-1', HOME_PW: 'home-secret-2' };

describe('followthrough sync with several accounts', () => {
  it('refuses one password for every account, says what to do, and connects nowhere', async () => {
    const run = await runCliOn(db, ['sync', '--password-env', 'WORK_PW'], { env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('there are 2 accounts');
    expect(run.stderr).toContain('--account ID');
    expect(run.stderr).toContain(`--password-env ${ids.work}=VAR`);
    expect(run.stderr).toContain(`--password-env ${ids.home}=VAR`);
    expect(work.received().length).toBe(0);
    expect(home.received().length).toBe(0);
  });

  it('sends each account only its own password, one variable per account', async () => {
    const run = await runCliOn(
      db,
      ['sync', '--password-env', `${ids.work}=WORK_PW`, '--password-env', `${ids.home}=HOME_PW`],
      { env: ENV },
    );
    expect(run.code).toBe(1); // both servers refuse to sign in
    expect(work.heard(ENV.WORK_PW)).toBe(true);
    expect(work.heard(ENV.HOME_PW)).toBe(false);
    expect(home.heard(ENV.HOME_PW)).toBe(true);
    expect(home.heard(ENV.WORK_PW)).toBe(false);
  });

  it('takes one password for the one account named with --account', async () => {
    await runCliOn(db, ['sync', '--account', ids.home, '--password-env', 'HOME_PW'], { env: ENV });
    expect(home.heard(ENV.HOME_PW)).toBe(true);
    expect(work.received().length).toBe(0);
  });

  it('names the account missing a variable', async () => {
    const run = await runCliOn(db, ['sync', '--password-env', `${ids.work}=WORK_PW`], {
      env: ENV,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no password for account ${ids.home} (Home)`);
    expect(work.received().length + home.received().length).toBe(0);
  });

  it('asks on the terminal once per account, naming it', async () => {
    const asked: string[] = [];
    await runCliOn(db, ['sync'], {
      askPassword: (question) => {
        asked.push(question);
        return Promise.resolve(question.includes('Work') ? ENV.WORK_PW : ENV.HOME_PW);
      },
    });
    expect(asked.sort()).toEqual([
      'Password for Home (sam@home.example): ',
      'Password for Work (sam@work.example): ',
    ]);
    expect(work.heard(ENV.HOME_PW)).toBe(false);
    expect(home.heard(ENV.WORK_PW)).toBe(false);
  });
});
