/**
 * A sync in a process of its own, for the SIGKILL test: the real services over the
 * database file, small batches, one progress line on stderr after each stored batch.
 * Usage: node --import tsx sync-child.ts DB_FILE ACCOUNT_ID BATCH_SIZE (password in SYNC_PASSWORD).
 */
import { createServices } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase } from '../../../src/main/store/database';

async function main(): Promise<number> {
  const [file, accountId, batch] = process.argv.slice(2);
  const password = process.env['SYNC_PASSWORD'];
  if (!file || !accountId || !password) throw new Error('usage: DB ACCOUNT BATCH');
  const opened = await openDatabase(file);
  try {
    const vault = createMemoryVault();
    vault.save(accountId, password);
    const { sync } = createServices({
      database: opened,
      vault,
      now: () => Date.now(),
      systemTimeZone: () => 'UTC',
      syncBatchSize: Number(batch ?? 10),
      onSyncProgress: ({ folder, done, total }) =>
        process.stderr.write(`progress ${folder} ${done}/${total}\n`),
    });
    const result = await sync.syncAccount(accountId);
    process.stderr.write(`done ${result.ok ? 'ok' : `failed: ${result.error ?? ''}`}\n`);
    return result.ok ? 0 : 1;
  } finally {
    opened.store.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`error ${String(error)}\n`);
    process.exitCode = 2;
  },
);
