/**
 * `npm run bench`: runs every benchmark, prints the tables and overwrites BENCHMARKS.md.
 *
 * Options (after `--`):
 * - `--full`: the sync at 50,000 messages as well (where its targets are set); a few minutes
 *   more. The figures in BENCHMARKS.md come from a full run.
 * - `--only=sync,rules,drafts,home,replies,cli`: just those parts; the tables are printed and
 *   BENCHMARKS.md is left alone unless `--write` is given too.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { benchCliStart } from './cli-start-bench';
import { benchDrafts } from './draft-bench';
import { benchHome } from './home-bench';
import { benchLargeHome } from './home-large-bench';
import { printTable, writeReport, type Table } from './report';
import { benchReplies } from './reply-bench';
import { benchRules } from './rules-bench';
import { benchSync } from './sync-bench';
import { keepYoungGenerationSmall } from '../src/main/memory';

const PARTS = ['sync', 'rules', 'drafts', 'home', 'replies', 'cli'] as const;
type Part = (typeof PARTS)[number];

function parseOptions(argv: string[]): { full: boolean; parts: Part[]; write: boolean } {
  const full = argv.includes('--full');
  const only = argv.find((a) => a.startsWith('--only='));
  const parts = only
    ? only
        .slice('--only='.length)
        .split(',')
        .map((p) => {
          if (!(PARTS as readonly string[]).includes(p)) {
            throw new Error(`unknown part "${p}"; parts: ${PARTS.join(', ')}`);
          }
          return p as Part;
        })
    : [...PARTS];
  return { full, parts, write: !only || argv.includes('--write') };
}

async function main(): Promise<void> {
  // The heap as the app and the command line run it.
  keepYoungGenerationSmall();
  const options = parseOptions(process.argv.slice(2));
  const command = ['npm run bench', ...(options.full ? ['-- --full'] : [])].join(' ');
  const startedAt = new Date();
  const loadBefore = loadavg()[0] ?? 0;
  const tables: Table[] = [];
  // Sync first: its in-process figures are for the whole process, which the rules data would inflate.
  if (options.parts.includes('sync')) tables.push(...(await benchSync({ full: options.full })));
  if (options.parts.includes('rules')) tables.push(...(await benchRules()));
  if (options.parts.includes('drafts')) tables.push(...(await benchDrafts()));
  if (options.parts.includes('home')) {
    tables.push(...(await benchHome()), ...(await benchLargeHome()));
  }
  if (options.parts.includes('replies')) tables.push(...(await benchReplies()));
  if (options.parts.includes('cli')) tables.push(...benchCliStart());
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const load = `Load average (1 min) ${loadBefore.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end; the run took ${seconds.toFixed(0)} s.`;
  tables.forEach(printTable);
  console.log(`\n${load}`);
  if (options.write) {
    await writeReport(join(__dirname, '..', 'BENCHMARKS.md'), command, startedAt, tables, [load]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
