import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { wholeSuite } from '../support/global-setup';
import { locate, missingMessage, PREREQUISITES } from '../support/prerequisites';

const ROOT = path.resolve(__dirname, '../..');

describe('the test command on a machine without Dovecot or Chromium', () => {
  it('stops at once with one message naming what is missing and how to install it', async () => {
    const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const outcome = await promisify(execFile)(process.execPath, [vitest, 'run'], {
      cwd: ROOT,
      env: {
        ...process.env,
        FOLLOWTHROUGH_DOVECOT: '/nowhere/dovecot',
        FOLLOWTHROUGH_CHROMIUM: '/nowhere/chromium',
      },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: '', stdout: '' }),
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('Dovecot (the IMAP server the mail tests run against)');
    expect(outcome.stderr).toContain('Chromium (the browser the renderer tests drive)');
    expect(outcome.stderr).toContain('sudo apt-get install dovecot-imapd chromium');
    expect(outcome.stderr).toContain('brew install dovecot');
    expect(outcome.stderr).not.toContain('openssl (');
    // No test file ran.
    expect(outcome.stdout).not.toMatch(/Test Files/);
  }, 90_000);

  it('checks only whole runs: a run of chosen files may not need the servers', () => {
    expect(wholeSuite(['node', 'vitest', 'run'])).toBe(true);
    expect(wholeSuite(['node', 'vitest', 'run', '--reporter=verbose'])).toBe(true);
    expect(wholeSuite(['node', 'vitest', 'run', 'test/main/domain'])).toBe(false);
  });

  it('finds a program named by its variable, and nothing at a wrong path', () => {
    expect(locate(PREREQUISITES.openssl, { FOLLOWTHROUGH_OPENSSL: process.execPath })).toBe(
      process.execPath,
    );
    expect(locate(PREREQUISITES.openssl, { FOLLOWTHROUGH_OPENSSL: '/nowhere/openssl' })).toBe(null);
    expect(missingMessage([PREREQUISITES.openssl])).toMatch(/Fedora: +sudo dnf install openssl/);
  });
});
