import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_FLAG } from '../../../src/main/memory';

const ROOT = join(__dirname, '..', '..', '..');
const CHILD = join(__dirname, 'young-generation-child.ts');
const MIB = 1024 * 1024;

/** The largest young generation a process allocating like a first sync reached, in bytes. */
function largestYoungGeneration(mode: 'app' | 'default'): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, mode], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return (JSON.parse(child.stdout) as { largest: number }).largest;
}

describe('the heap as the app and the command line run it', () => {
  it('keeps the young generation at its starting size where V8 would grow it to its largest', () => {
    // Without the setting the same work grows it: the setting is what keeps it small (a V8
    // that renamed the flag would ignore it, and this would fail).
    expect(largestYoungGeneration('default')).toBeGreaterThanOrEqual(16 * MIB);
    expect(largestYoungGeneration('app')).toBeLessThanOrEqual(4 * MIB);
  });
});

describe('the command line', () => {
  it('reads a mailbox with the same heap setting as the app, set before its code cache is read', () => {
    const launcher = readFileSync(join(ROOT, 'bin', 'followthrough.js'), 'utf8');
    const set = launcher.indexOf(`setFlagsFromString('${YOUNG_GENERATION_FLAG}')`);
    expect(set).toBeGreaterThan(-1);
    expect(launcher.slice(0, set)).toMatch(/command === 'sync'/);
    expect(set).toBeLessThan(launcher.indexOf('installCodeCache('));
  });
});
