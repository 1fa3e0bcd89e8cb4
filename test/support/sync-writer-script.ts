/**
 * The sync's writer thread as the app runs it: `src/main/services/sync-writer-thread.ts`
 * bundled into one CommonJS file (packages stay in node_modules), built once per content
 * from the current source. Tests and benchmarks pass it as `syncWriter.script`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
let built: Promise<string> | null = null;

export function syncWriterScript(): Promise<string> {
  return (built ??= buildScript());
}

async function buildScript(): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'src', 'main', 'services', 'sync-writer-thread.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]!.contents;
  const dir = join(ROOT, 'node_modules', '.cache', 'followthrough-test');
  const file = join(
    dir,
    `sync-writer-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`,
  );
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    // Test files run in parallel: write aside, then move into place in one step.
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await writeFile(temporary, code);
    await rename(temporary, file);
  }
  return file;
}
