/**
 * Runs one `followthrough` command in a process of its own, then prints (as JSON on the last
 * line) which packages that process loaded: the command line loads the mail, calendar and
 * sending code only for the commands that need it.
 */
import { createRequire } from 'node:module';
import { runCli } from '../../src/main/cli/index';

const loaded = () => {
  const cache = createRequire(__filename).cache;
  const packages = new Set<string>();
  for (const file of Object.keys(cache)) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (match) packages.add(match[1]!.replace('\\', '/'));
  }
  return [...packages].sort();
};

void runCli(process.argv.slice(2), {
  stdout: () => {},
  stderr: (t) => process.stderr.write(t),
  env: { ...process.env, TZ: 'UTC' },
  now: () => Date.parse('2026-11-24T09:00:00Z'),
}).then((code) => {
  process.stdout.write(`${JSON.stringify({ code, packages: loaded() })}\n`);
});
