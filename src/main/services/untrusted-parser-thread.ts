/**
 * Entry of the untrusted-parsing worker (built as out/main/untrusted-parser.js): runs one
 * task at a time from `untrusted-tasks.ts` and answers each. It holds no database and no
 * secrets; the host kills it when a task overruns its time or memory. See untrusted-parser.ts.
 */
import { parentPort } from 'node:worker_threads';
import { runUntrustedTask, type UntrustedRequest } from './untrusted-tasks';

const port = parentPort;
if (port === null) throw new Error('untrusted-parser-thread runs as a worker thread only');

port.on('message', (request: UntrustedRequest | { kind: 'close' }) => {
  if (request.kind === 'close') {
    port.close();
    return;
  }
  port.postMessage(runUntrustedTask(request));
});
// Loading the parsers takes a moment: the host starts a task's clock only after this.
port.postMessage({ ready: true });
