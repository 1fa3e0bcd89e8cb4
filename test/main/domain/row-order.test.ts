/**
 * One order for rows everywhere: the store sorts with `domain/row-order`, the kept rows put a
 * written row back with it, and where SQLite sorts (messages) it must agree with ORDER BY.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText } from '../../../src/main/domain/row-order';

describe('compareText', () => {
  it('orders text as SQLite does, also beyond U+FFFF and in the private use area', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (s TEXT)');
    const insert = db.prepare('INSERT INTO t (s) VALUES (?)');
    const anyText = fc.string({ unit: 'grapheme', maxLength: 6 });
    const mixed = fc.constantFrom('a', 'B', 'é', '\uE000', '\uFFFD', '😀', '𝒜', 'Z');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(anyText, fc.string({ unit: mixed })), { maxLength: 30 }),
        (texts) => {
          db.exec('DELETE FROM t');
          for (const text of texts) insert.run(text);
          const bySqlite = db.prepare('SELECT s FROM t ORDER BY s').pluck().all() as string[];
          expect([...texts].sort(compareText)).toEqual(bySqlite);
        },
      ),
    );
    db.close();
  });
});
