/** Runs `followthrough` as a process of its own (for limits set on a process, such as ulimit). */
import { runCli } from '../../src/main/cli/index';

void runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: { ...process.env, TZ: 'UTC' },
  now: () => Date.parse('2026-11-24T09:00:00Z'),
}).then((code) => {
  process.exitCode = code;
});
