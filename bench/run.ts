/**
 * `npm run bench` (add `-- --full` for the 50,000-message folder): runs every benchmark,
 * prints the tables and overwrites BENCHMARKS.md with them.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { printTable, writeReport, type Table } from './report';
import { benchRules } from './rules-bench';
import { benchSync } from './sync-bench';

async function main(): Promise<void> {
  const full = process.argv.includes('--full');
  const command = full ? 'npm run bench -- --full' : 'npm run bench';
  const startedAt = new Date();
  const loadBefore = loadavg()[0] ?? 0;
  const tables: Table[] = [];
  // Sync first: its memory figures are for the whole process, which the rules data would inflate.
  tables.push(...(await benchSync({ full })));
  tables.push(...(await benchRules()));
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const load = `Load average (1 min) ${loadBefore.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end; the run took ${seconds.toFixed(0)} s.`;
  tables.forEach(printTable);
  console.log(`\n${load}`);
  await writeReport(join(__dirname, '..', 'BENCHMARKS.md'), command, startedAt, tables, [load]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
