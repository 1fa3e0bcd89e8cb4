/**
 * What the test suite needs besides npm packages: a Dovecot IMAP server, Chromium and
 * openssl. The paths are found once here (an environment variable wins, then the usual
 * places, then PATH) and used by the helpers that start them.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface Prerequisite {
  name: string;
  /** The environment variable that can point at the program. */
  variable: string;
  candidates: string[];
  program: string;
  install: { debian: string; fedora: string; macos: string };
}

export const PREREQUISITES = {
  dovecot: {
    name: 'Dovecot (the IMAP server the mail tests run against)',
    variable: 'FOLLOWTHROUGH_DOVECOT',
    candidates: ['/usr/sbin/dovecot', '/opt/homebrew/sbin/dovecot', '/usr/local/sbin/dovecot'],
    program: 'dovecot',
    install: {
      debian: 'sudo apt-get install dovecot-imapd',
      fedora: 'sudo dnf install dovecot',
      macos: 'brew install dovecot',
    },
  },
  chromium: {
    name: 'Chromium (the browser the renderer tests drive)',
    variable: 'FOLLOWTHROUGH_CHROMIUM',
    candidates: [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ],
    program: 'chromium',
    install: {
      debian: 'sudo apt-get install chromium',
      fedora: 'sudo dnf install chromium',
      macos: 'brew install --cask chromium',
    },
  },
  openssl: {
    name: 'openssl (makes the certificates of the TLS tests)',
    variable: 'FOLLOWTHROUGH_OPENSSL',
    candidates: ['/usr/bin/openssl', '/opt/homebrew/bin/openssl', '/usr/local/bin/openssl'],
    program: 'openssl',
    install: {
      debian: 'sudo apt-get install openssl',
      fedora: 'sudo dnf install openssl',
      macos: 'brew install openssl',
    },
  },
} satisfies Record<string, Prerequisite>;

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The program's path, or null when it is nowhere to be found. */
export function locate(
  prerequisite: Prerequisite,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const chosen = env[prerequisite.variable];
  if (chosen) return executable(chosen) ? chosen : null;
  const onPath = (env['PATH'] ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, prerequisite.program));
  return [...prerequisite.candidates, ...onPath].find(executable) ?? null;
}

/** The path of a program the tests need; throws the same message as the suite's check. */
export function required(prerequisite: Prerequisite): string {
  const found = locate(prerequisite);
  if (found === null) throw new Error(missingMessage([prerequisite]));
  return found;
}

/** One message naming what is missing and how to install it on the common systems. */
export function missingMessage(missing: Prerequisite[]): string {
  const lines = [
    `The tests need ${missing.length === 1 ? 'a program' : 'programs'} this machine does not have:`,
    ...missing.map((p) => `  - ${p.name}`),
    '',
    'Install with:',
    `  Debian, Ubuntu:    ${missing.map((p) => p.install.debian.replace(/^sudo apt-get install /, '')).reduce((a, b) => `${a} ${b}`, 'sudo apt-get install')}`,
    `  Fedora:            ${missing.map((p) => p.install.fedora.replace(/^sudo dnf install /, '')).reduce((a, b) => `${a} ${b}`, 'sudo dnf install')}`,
    ...missing.map(
      (p, i) => `  ${i === 0 ? 'macOS (Homebrew): ' : '                  '} ${p.install.macos}`,
    ),
    '',
    `Or point ${missing.map((p) => p.variable).join(', ')} at ${missing.length === 1 ? 'it' : 'them'}.`,
  ];
  return lines.join('\n');
}
