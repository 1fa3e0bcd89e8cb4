/**
 * The record schemas are built on first use, apart from schemas.ts: the store and the rules
 * use them without loading the rest. Their messages must read the same either way.
 */
import { describe, expect, it } from 'vitest';
import { recordSchemas } from '../../src/shared/record-schemas';

describe('record schemas loaded on their own', () => {
  it('say a value out of range in plain words', () => {
    const parsed = recordSchemas().settings.shape.checkInFallbackDays.safeParse(0);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('must be at least 1');
  });

  it('are built once', () => {
    expect(recordSchemas()).toBe(recordSchemas());
  });
});
