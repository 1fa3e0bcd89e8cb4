/**
 * A yes/no choice that belongs to this computer, not to the workspace (so it is neither
 * exported nor imported): kept as a small JSON file in the app's data folder.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export function fileChoice(path: string): { get(): boolean; set(value: boolean): void } {
  let value: boolean | null = null;
  return {
    get() {
      if (value === null) {
        try {
          value = (JSON.parse(readFileSync(path, 'utf8')) as { value?: unknown }).value === true;
        } catch {
          value = false;
        }
      }
      return value;
    },
    set(next) {
      // Written aside and renamed, so a crash never leaves half a file.
      writeFileSync(`${path}.tmp`, JSON.stringify({ value: next }));
      renameSync(`${path}.tmp`, path);
      value = next;
    },
  };
}
