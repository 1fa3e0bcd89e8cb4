/**
 * A worker thread's entry as the app runs it: `src/main/<entry>.ts` bundled into one
 * CommonJS file (packages stay in node_modules), built once per content from the current
 * source. Tests and benchmarks pass the file where the app passes the built script.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
const built = new Map<string, Promise<string>>();

export function workerScript(entry: string): Promise<string> {
  let script = built.get(entry);
  if (!script) {
    script = buildScript(entry);
    built.set(entry, script);
  }
  return script;
}

async function buildScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'src', 'main', `${entry}.ts`)],
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
    `${basename(entry)}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`,
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
