/**
 * The sync's writer thread as the app runs it (`src/main/services/sync/sync-writer-thread.ts`,
 * bundled). Tests and benchmarks pass it as `syncWriter.script`.
 */
import { workerScript } from './worker-script';

export function syncWriterScript(): Promise<string> {
  return workerScript('services/sync/sync-writer-thread');
}
