/**
 * How fast `followthrough status` answers, as a whole process, next to a bare `node -e 0`
 * start: the command line built from the current source (`out/main/cli.js`) over the sample
 * workspace. Runs alternate, so a busy machine weighs on both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { infoRow, ms, spread, timingRow, type Table } from './report';
import { summarize } from './stats';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'followthrough.js');
const RUNS = 30;
/** The target: within twice a bare Node start. */
const TARGET_RATIO = 2;

/**
 * CPU time (user + system, ms) of the waited-for children so far, from /proc on Linux (in
 * clock ticks, USER_HZ = 100); null elsewhere. On a busy machine it says more than wall time.
 */
function childCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // cutime and cstime are fields 16 and 17 of the whole line, 14 and 15 after the name.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function run(args: string[]): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const took = performance.now() - started;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed: ${String(child.stderr)}`);
  return took;
}

/** Built from the current source every time: a stale out/ would measure old code. */
export function buildCommandLine(): void {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('electron-vite build failed');
}

export function benchCliStart(): Table[] {
  buildCommandLine();
  const dir = mkdtempSync(join(tmpdir(), 'ft-cli-bench-'));
  try {
    const db = join(dir, 'sample.sqlite');
    run([BIN, 'sample', '--db', db]);
    // One of each first: the file cache warm for both.
    run(['-e', '0']);
    run([BIN, 'status', '--db', db]);
    const bare: number[] = [];
    const status: number[] = [];
    const cpu = { bare: 0, status: 0 };
    for (let i = 0; i < RUNS; i++) {
      let before = childCpuMs() ?? 0;
      bare.push(run(['-e', '0']));
      cpu.bare += (childCpuMs() ?? 0) - before;
      before = childCpuMs() ?? 0;
      status.push(run([BIN, 'status', '--db', db]));
      cpu.status += (childCpuMs() ?? 0) - before;
    }
    const cpuRows =
      childCpuMs() === null
        ? []
        : [
            infoRow('`node -e 0`, CPU time (mean)', ms(cpu.bare / RUNS)),
            infoRow('`followthrough status`, CPU time (mean)', ms(cpu.status / RUNS)),
            infoRow('status ÷ bare start (CPU time)', `${(cpu.status / cpu.bare).toFixed(2)}×`),
          ];
    const bareSummary = summarize(bare);
    const statusSummary = summarize(status);
    const ratio = statusSummary.median / bareSummary.median;
    return [
      {
        title: 'Command line start',
        rows: [
          infoRow('`node -e 0`', ms(bareSummary.median), spread(bareSummary)),
          timingRow(
            '`followthrough status` (sample workspace)',
            statusSummary,
            bareSummary.median * TARGET_RATIO,
          ),
          {
            figure: 'status ÷ bare start (medians)',
            median: `${ratio.toFixed(2)}×`,
            spread: '—',
            target: `≤ ${TARGET_RATIO}×`,
            result: ratio <= TARGET_RATIO ? 'met' : 'missed',
          },
          ...cpuRows,
        ],
        note: `Whole processes, ${RUNS} runs of each, alternating: \`node bin/followthrough.js status --db sample.sqlite\` (the five-application sample) against \`node -e 0\`. The status target is twice the bare median of the same run. CPU time (user + system, Linux only) is less swayed by other work on the machine than wall time.`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
