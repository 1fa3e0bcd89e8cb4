/**
 * Calendar files the system asks the app to open (the installers associate `.ics` with it):
 * on Windows and Linux their paths come as command-line arguments, to the first instance or
 * to the running one through 'second-instance'; on macOS through 'open-file'. Each becomes
 * an invitation proposal, and the window shows the invitations.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** The arguments that name calendar files (by extension), in order, each once. */
export function calendarFilesIn(argv: readonly string[]): string[] {
  const files = argv.filter((arg) => !arg.startsWith('-') && /\.ics$/i.test(arg));
  return [...new Set(files.map((file) => path.resolve(file)))];
}

export interface OpenCalendarDeps {
  importIcs: (text: string, fileName: string) => unknown;
  /** Larger files are refused before they are read. */
  maxBytes: number;
  showInvitations: () => void;
  /** A file that could not be opened, with why, in words. */
  report: (fileName: string, message: string) => void;
}

/** Reads each file and hands it to the invitations; a failure is reported, never thrown. */
export async function openCalendarFiles(
  files: readonly string[],
  deps: OpenCalendarDeps,
): Promise<void> {
  let opened = 0;
  for (const file of files) {
    const name = path.basename(file);
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('it is not a file.');
      if (info.size > deps.maxBytes) throw new Error('it is too large for a calendar invitation.');
      await deps.importIcs(await readFile(file, 'utf8'), name);
      opened += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.report(name, /ENOENT/.test(reason) ? 'the file is no longer there.' : reason);
    }
  }
  if (opened > 0) deps.showInvitations();
}
