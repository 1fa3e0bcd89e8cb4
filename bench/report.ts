/** Result tables: printed to stdout and written to BENCHMARKS.md (overwritten each run). */
import { writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { format as formatMarkdown } from 'prettier';
import type { Summary } from './stats';

export interface Row {
  figure: string;
  median: string;
  spread: string;
  target: string;
  /** 'met', 'missed', or '—' for a figure given for context only. */
  result: 'met' | 'missed' | '—';
}

export interface Table {
  title: string;
  rows: Row[];
  /** A sentence or two under the table: what exactly was measured. */
  note?: string;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** "p10–p90" for ten or more runs, "min–max" below that. */
export function spread(summary: Summary, format: (v: number) => string = ms): string {
  return summary.runs >= 10
    ? `${format(summary.p10)}–${format(summary.p90)} (p10–p90, n=${summary.runs})`
    : `${format(summary.min)}–${format(summary.max)} (min–max, n=${summary.runs})`;
}

/** A timing row: median against an upper bound in ms (or no target). */
export function timingRow(
  figure: string,
  summary: Summary,
  targetMs?: number,
  label?: string,
): Row {
  return {
    figure,
    median: ms(summary.median),
    spread: spread(summary),
    target: targetMs === undefined ? '—' : (label ?? `< ${ms(targetMs)}`),
    result: targetMs === undefined ? '—' : summary.median < targetMs ? 'met' : 'missed',
  };
}

export function infoRow(figure: string, median: string, spreadText = '—'): Row {
  return { figure, median, spread: spreadText, target: '—', result: '—' };
}

export function machine(): string[] {
  const cpu = cpus();
  return [
    `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores`,
    `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node ${process.version}, ${platform()} ${release()}`,
  ];
}

function markdownTable(table: Table): string[] {
  const lines = [
    `## ${table.title}`,
    '',
    '| Figure | Median | Spread | Target | Result |',
    '| --- | --- | --- | --- | --- |',
    ...table.rows.map(
      (r) =>
        `| ${[r.figure, r.median, r.spread, r.target, r.result].map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`,
    ),
  ];
  if (table.note) lines.push('', table.note);
  lines.push('');
  return lines;
}

function textTable(table: Table): string {
  const header: Row = {
    figure: 'Figure',
    median: 'Median',
    spread: 'Spread',
    target: 'Target',
    result: '—',
  };
  const all = [header, ...table.rows];
  const keys = ['figure', 'median', 'spread', 'target', 'result'] as const;
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: Row): string =>
    keys
      .map((k, i) => r[k].padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    `\n${table.title}`,
    line({ ...header, result: 'met/missed' as Row['result'] }),
    ...table.rows.map(line),
  ].join('\n');
}

export function printTable(table: Table): void {
  console.log(textTable(table));
}

export async function writeReport(
  file: string,
  command: string,
  startedAt: Date,
  tables: Table[],
  context: string[] = [],
): Promise<void> {
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`${command}\` on ${startedAt.toISOString()}; every run overwrites this file.`,
    'Tests never assert timings: speed and memory figures live here.',
    '',
    ...machine(),
    ...context.map((line) => `- ${line}`),
    '',
    ...tables.flatMap(markdownTable),
  ];
  // Formatted as `npm run check` expects, so a fresh report never fails the format check.
  await writeFile(file, await formatMarkdown(lines.join('\n'), { parser: 'markdown' }));
}
