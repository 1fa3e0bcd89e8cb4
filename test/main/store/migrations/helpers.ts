import path from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../../../src/main/store/database';
import { MIGRATIONS } from '../../../../src/main/store/migrations';
import { makeTempDir } from '../helpers';

/**
 * One database file per test, opened at a chosen schema version: seed rows at N-1, close,
 * open again at N and check them. Call `dispose` after each test.
 */
export function migrationFile(): {
  open: (version: number) => Promise<OpenedDatabase>;
  dispose: () => void;
} {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'followthrough.sqlite');
  const opened: OpenedDatabase[] = [];
  return {
    async open(version) {
      const result = await openDatabase(file, { migrations: MIGRATIONS.slice(0, version) });
      opened.push(result);
      return result;
    },
    dispose() {
      for (const o of opened.splice(0)) if (o.db.open) o.db.close();
      temp.remove();
    },
  };
}
