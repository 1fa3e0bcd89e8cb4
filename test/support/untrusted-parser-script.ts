/**
 * The untrusted-parsing worker as the app runs it (`src/main/services/untrusted-parser-thread.ts`,
 * bundled). Tests pass it as `untrustedParser.script`.
 */
import { workerScript } from './worker-script';

export function untrustedParserScript(): Promise<string> {
  return workerScript('services/untrusted-parser-thread');
}
