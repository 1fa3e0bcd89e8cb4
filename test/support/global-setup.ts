/**
 * Runs once before the suite: a whole run (`npm test`) on a machine without Dovecot,
 * Chromium or openssl stops at once with one message saying what to install, instead of
 * dozens of failing files. A run of chosen files (`npx vitest run test/main/domain`) is left
 * alone: it may need none of them.
 */
import { locate, missingMessage, PREREQUISITES } from './prerequisites';

/** True when the command line names no files or filters (argv as Node gives it). */
export function wholeSuite(argv: readonly string[]): boolean {
  return argv
    .slice(2)
    .filter((arg) => arg !== 'run' && arg !== 'watch')
    .every((arg) => arg.startsWith('-'));
}

export default function setup(): void {
  if (!wholeSuite(process.argv)) return;
  const missing = Object.values(PREREQUISITES).filter((p) => locate(p) === null);
  if (missing.length === 0) return;
  process.stderr.write(`\n${missingMessage(missing)}\n\n`);
  process.exit(1);
}
