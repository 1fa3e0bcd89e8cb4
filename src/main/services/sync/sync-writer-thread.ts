/**
 * Entry of the sync's writer thread (built as out/main/sync-writer.js): one database
 * connection of its own, one batch at a time, each in one transaction, each answered.
 * See sync-writer.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from '../../store/database';
import { writeFetched } from './folder-writer';
import { unpack, type WriterReply, type WriterRequest, type WriterThreadData } from './sync-writer';

const port = parentPort;
if (port === null) throw new Error('sync-writer-thread runs as a worker thread only');
const { file, nativeBinding } = workerData as WriterThreadData;
// A power cut may undo the last batches, and their folder state with them: they are read again.
const stores = openConnection(file, {
  durability: 'normal',
  ...(nativeBinding === null ? {} : { nativeBinding }),
});

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    stores.db.close();
    port.close();
    return;
  }
  let error: string | null = null;
  try {
    writeFetched(stores, request.target, unpack(request.batch), request.state, request.at);
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  const bytes = request.batch.bytes.buffer as ArrayBuffer;
  const reply: WriterReply = { id: request.id, error, bytes };
  port.postMessage(reply, [bytes]);
});
