import { describe, expect, test } from 'vitest';
import {
  recycleKeys,
  stackOffsets,
  windowPieces,
  windowRange,
} from '../../src/renderer/src/lib/pure/virtual-window';

describe('a long list drawn in part', () => {
  // A heading (40 px), four rows of 45 px, the third opened to 100 px.
  const offsets = stackOffsets([40, 45, 45, 100, 45]);

  test('items stack: each starts where the one before ends', () => {
    expect(offsets).toEqual([0, 40, 85, 130, 230, 275]);
    expect(stackOffsets([])).toEqual([0]);
  });

  test('the window holds the items that overlap the span on screen', () => {
    expect(windowRange(offsets, 0, 50)).toEqual([0, 2]);
    expect(windowRange(offsets, 84, 131)).toEqual([1, 4]);
    // An item touching the edge from outside is not in it.
    expect(windowRange(offsets, 85, 130)).toEqual([2, 3]);
    expect(windowRange(offsets, -500, -10)).toEqual([0, 0]);
    expect(windowRange(offsets, 1000, 2000)).toEqual([5, 5]);
    expect(windowRange(offsets, -100, 5000)).toEqual([0, 5]);
  });

  test('a group draws the rows in the window, gaps as tall as the rows left out', () => {
    // The group's rows are items 1 to 4; the window covers items 2 and 3.
    expect(windowPieces(offsets, 1, 5, 2, 4)).toEqual([
      { gap: 45, from: 1 },
      { index: 2 },
      { index: 3 },
      { gap: 45, from: 4 },
    ]);
    // A window past the group draws one gap the whole group's height.
    expect(windowPieces(offsets, 1, 5, 5, 5)).toEqual([{ gap: 235, from: 1 }]);
    expect(windowPieces(offsets, 1, 5, 0, 9)).toEqual([1, 2, 3, 4].map((index) => ({ index })));
  });

  test('the row holding focus stays drawn out of the window, in its place', () => {
    expect(windowPieces(offsets, 1, 5, 3, 5, 1)).toEqual([
      { index: 1 },
      { gap: 45, from: 2 },
      { index: 3 },
      { index: 4 },
    ]);
    expect(windowPieces(offsets, 1, 5, 0, 2, 4)).toEqual([
      { index: 1 },
      { gap: 145, from: 2 },
      { index: 4 },
    ]);
    // Once, when in the window; not at all when in another group.
    expect(windowPieces(offsets, 1, 5, 1, 3, 2)).toEqual([
      { index: 1 },
      { index: 2 },
      { gap: 145, from: 3 },
    ]);
    expect(windowPieces(offsets, 1, 3, 5, 5, 4)).toEqual([{ gap: 90, from: 1 }]);
  });

  test('rows are reused: a note still drawn keeps its row, one coming in takes the row of one that left', () => {
    let made = 0;
    const fresh = () => `k${made++}`;
    const first = recycleKeys(new Map(), ['a', 'b', 'c'], fresh);
    expect([...first]).toEqual([
      ['a', 'k0'],
      ['b', 'k1'],
      ['c', 'k2'],
    ]);
    // Scrolled by one row: a leaves, d comes in and takes a's row; b and c stay as they are.
    const scrolled = recycleKeys(first, ['b', 'c', 'd'], fresh);
    expect(scrolled.get('b')).toBe('k1');
    expect(scrolled.get('c')).toBe('k2');
    expect(scrolled.get('d')).toBe('k0');
    // A search keeps c and brings four others: two rows are reused, two are made.
    const searched = recycleKeys(scrolled, ['x', 'c', 'y', 'z', 'w'], fresh);
    expect(searched.get('c')).toBe('k2');
    expect(new Set(searched.values()).size).toBe(5);
    expect([...searched.values()].filter((k) => k === 'k0' || k === 'k1')).toHaveLength(2);
    expect(made).toBe(5);
  });
});
