/** Runs `followthrough` in-process against one database file, capturing what it prints. */
import { runCli, type CliIo } from '../../src/main/cli/index';
import { untrustedParserScript } from './untrusted-parser-script';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliOn(
  db: string,
  args: string[],
  options: {
    env?: Record<string, string>;
    now?: number;
    askPassword?: CliIo['askPassword'];
  } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const now = options.now ?? Date.parse('2026-11-24T09:00:00Z');
  const code = await runCli([...args, '--db', db], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { TZ: 'Europe/Berlin', ...options.env },
    now: () => now,
    untrustedParserScript: await untrustedParserScript(),
    ...(options.askPassword ? { askPassword: options.askPassword } : {}),
  });
  return { code, stdout, stderr };
}
