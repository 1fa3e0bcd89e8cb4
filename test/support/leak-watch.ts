/**
 * For tests that look for a secret everywhere it could leak: what the code logged, at any
 * level, and every file in a folder (the database, its -wal and -shm, backups, exports).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';

/**
 * Captures every console call from now on (undone by `vi.restoreAllMocks()`); the array
 * fills as the code logs.
 */
export function captureConsole(): string[] {
  const logged: string[] = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(
        args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '),
      );
    });
  }
  return logged;
}

/** Every file now in the folder, by name. */
export function filesIn(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}
