/**
 * A process that reads one calendar file on the worker and closes it, then prints what it
 * got: run by untrusted-parser.test.ts to see that closing the worker does not end the
 * process before the code after `close()` runs.
 */
import { readFileSync } from 'node:fs';
import { workerParser } from '../../../src/main/services/untrusted-parser';

const [script, file] = process.argv.slice(2) as [string, string];
const parser = workerParser({ script });
parser
  .run('ics', { text: readFileSync(file, 'utf8'), options: {} })
  .then(
    (invites) => `read ${invites.length}`,
    (error: unknown) => `refused: ${(error as Error).message}`,
  )
  .then(async (outcome) => {
    await parser.close();
    process.stdout.write(`${outcome}; closed\n`);
    process.exitCode = 3;
  })
  .catch(() => undefined);
