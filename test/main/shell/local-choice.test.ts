import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileChoice } from '../../../src/main/shell/local-choice';

const dir = mkdtempSync(join(tmpdir(), 'followthrough-choice-'));
afterEach(() => rmSync(join(dir, 'c.json'), { force: true }));

describe('a choice kept on this computer', () => {
  it('is off until set, and remembered by the next start', () => {
    expect(fileChoice(join(dir, 'c.json')).get()).toBe(false);
    fileChoice(join(dir, 'c.json')).set(true);
    expect(fileChoice(join(dir, 'c.json')).get()).toBe(true);
  });

  it('reads a damaged file as off', () => {
    writeFileSync(join(dir, 'c.json'), '{"value": tr');
    expect(fileChoice(join(dir, 'c.json')).get()).toBe(false);
  });
});
