/**
 * How fast `followthrough status` answers, as a whole process, next to a bare `node -e 0`
 * start: the command line built from the current source (`out/main/cli.js`) over the sample
 * workspace. Runs alternate, so a busy machine weighs on both.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

function run(args: string[]): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const took = performance.now() - started;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed: ${String(child.stderr)}`);
  return took;
}

/** Built from the current source every time: a stale out/ would measure old code. */
function build(): void {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('electron-vite build failed');
}

export function benchCliStart(): Table[] {
  build();
  const dir = mkdtempSync(join(tmpdir(), 'ft-cli-bench-'));
  try {
    const db = join(dir, 'sample.sqlite');
    run([BIN, 'sample', '--db', db]);
    // One of each first: the file cache warm for both.
    run(['-e', '0']);
    run([BIN, 'status', '--db', db]);
    const bare: number[] = [];
    const status: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(run(['-e', '0']));
      status.push(run([BIN, 'status', '--db', db]));
    }
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
        ],
        note: `Whole processes, ${RUNS} runs of each, alternating: \`node bin/followthrough.js status --db sample.sqlite\` (the five-application sample) against \`node -e 0\`. The status target is twice the bare median of the same run.`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
