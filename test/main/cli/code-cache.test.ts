/**
 * The command line's code cache (bin/code-cache.js): a second run uses what the first saved,
 * and a file changed since never runs its old code, even at the same length (the one thing
 * V8 itself checks). Each run is a process of its own, as a command is.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const CODE_CACHE = resolve(__dirname, '../../../bin/code-cache.js');

let dir: string;
let cacheDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ft-code-cache-'));
  cacheDir = join(dir, 'cache');
  writeFileSync(
    join(dir, 'helper.js'),
    "exports.where = () => require('node:path').basename(__dirname);\n",
  );
  writeFileSync(
    join(dir, 'start.js'),
    `require(${JSON.stringify(CODE_CACHE)}).installCodeCache(${JSON.stringify(dir + sep)}, ${JSON.stringify(cacheDir)});\n` +
      "const main = require('./main.js');\n" +
      "process.stdout.write(`${main.word} ${require('./helper.js').where()} ${require.resolve('./helper.js') === require('node:path').join(__dirname, 'helper.js')}`);\n",
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(): string {
  const child = spawnSync(process.execPath, [join(dir, 'start.js')], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return child.stdout;
}

function writeMain(word: string, mtime: number): void {
  const file = join(dir, 'main.js');
  writeFileSync(file, `exports.word = ${JSON.stringify(word)};\n`);
  utimesSync(file, mtime, mtime);
}

describe('the code cache', () => {
  it('saves the modules it compiled and loads them the same way next time', () => {
    writeMain('first', 1_800_000_000);
    const base = dir.split(sep).at(-1)!;
    expect(run()).toBe(`first ${base} true`);
    // main.js and helper.js (start.js installs it, so it was loaded before).
    expect(readdirSync(cacheDir)).toHaveLength(2);
    expect(run()).toBe(`first ${base} true`);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('runs a changed file as it is now, even at the same length', () => {
    writeMain('first', 1_800_000_000);
    run();
    writeMain('other', 1_800_000_100);
    expect(run().split(' ')[0]).toBe('other');
  });

  it('still runs when the cache cannot be written', () => {
    writeFileSync(cacheDir, 'a file where the folder would be');
    writeMain('first', 1_800_000_000);
    expect(run().split(' ')[0]).toBe('first');
  });
});
