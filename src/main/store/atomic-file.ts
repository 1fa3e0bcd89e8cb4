/**
 * Writing a file the user keeps (an export, a calendar file) so that it is either the old
 * file or the whole new one, never a truncated mix: the text goes to a temporary file in the
 * same folder, is flushed to the disk, and only then renamed over the old one (a rename in
 * one folder is atomic). When anything fails (the disk is full, say) the temporary file is
 * removed and the old file is as it was.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * `bytes` random bytes as hex, from the global Web Crypto: it loads on first use, where
 * importing node:crypto cost every start of the command line about 10 ms.
 */
function randomHex(bytes: number): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const target = resolve(path);
  const folder = dirname(target);
  const temporary = join(folder, `.${basename(target)}.${randomHex(6)}.tmp`);
  // Keep the old file's permissions: a file the user made private stays private.
  let mode = 0o666;
  try {
    mode = statSync(target).mode & 0o777;
  } catch {
    // No old file: the usual mode, less the umask.
  }
  let fd: number | null = openSync(temporary, 'wx', mode);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone.
    }
    throw error;
  }
  syncFolder(folder);
}

/** Makes the rename itself durable; folders cannot be opened for this on Windows. */
function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the file is complete either way.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
