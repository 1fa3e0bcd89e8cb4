/**
 * Windowing for a long list drawn in part: items stacked top to bottom, each with a height
 * (measured once drawn, estimated before), of which only those near the screen are mounted.
 * The rest are stood in for by gaps of the same height, so the page keeps its length and its
 * scroll bar.
 */

/** Where each item starts when stacked: `offsets[i]` is item i's top, `offsets[n]` the total. */
export function stackOffsets(heights: readonly number[]): number[] {
  const offsets = new Array<number>(heights.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]!;
  return offsets;
}

/** The items `[start, end)` that overlap the span `[from, to)` of the stack. */
export function windowRange(
  offsets: readonly number[],
  from: number,
  to: number,
): [start: number, end: number] {
  const n = offsets.length - 1;
  // The first item ending below `from`, and the first starting at or below `to`.
  const start = firstIndex(n, (i) => offsets[i + 1]! > from);
  const end = Math.max(
    start,
    firstIndex(n, (i) => offsets[i]! >= to),
  );
  return [start, end];
}

/** The least i in [0, n) for which `ok` holds (`ok` false then true along the items), else n. */
function firstIndex(n: number, ok: (i: number) => boolean): number {
  let low = 0;
  let high = n;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ok(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** One piece of a drawn run: an item to mount, or a gap the height of the items left out. */
export type Piece = { index: number } | { gap: number; from: number };

/**
 * What to draw of the items `[first, last)` (one group of the list): those in the window
 * `[start, end)` and the `keep` item (the row holding focus stays mounted wherever the list is
 * scrolled), with one gap for each run of items left out.
 */
export function windowPieces(
  offsets: readonly number[],
  first: number,
  last: number,
  start: number,
  end: number,
  keep = -1,
): Piece[] {
  const from = Math.max(first, start);
  const to = Math.max(from, Math.min(last, end));
  const drawn: number[] = [];
  const kept = keep >= first && keep < last && (keep < from || keep >= to);
  if (kept && keep < from) drawn.push(keep);
  for (let i = from; i < to; i++) drawn.push(i);
  if (kept && keep >= to) drawn.push(keep);
  const pieces: Piece[] = [];
  let at = first;
  for (const index of drawn) {
    if (index > at) pieces.push({ gap: offsets[index]! - offsets[at]!, from: at });
    pieces.push({ index });
    at = index + 1;
  }
  if (last > at) pieces.push({ gap: offsets[last]! - offsets[at]!, from: at });
  return pieces;
}

/**
 * Keys for the drawn rows that let the list reuse mounted rows (a recycler's keys): an item
 * still drawn keeps its key, so its row stays as it is; an item coming into the window takes
 * the key of one that left, so the row that showed the one leaving shows it instead of being
 * torn down while another is mounted; only when more come than left is a key made (`fresh`).
 * `previous` is the last call's answer for the same list.
 */
export function recycleKeys(
  previous: ReadonlyMap<string, string>,
  ids: readonly string[],
  fresh: () => string,
): Map<string, string> {
  const keys = new Map<string, string>();
  const coming: string[] = [];
  for (const id of ids) {
    const key = previous.get(id);
    if (key === undefined) coming.push(id);
    else keys.set(id, key);
  }
  if (coming.length === 0) return keys;
  // Handed out in the order the rows stood, so the rows keep their order on the page and the
  // list is updated in place rather than rows moved about.
  const free: string[] = [];
  for (const [id, key] of previous) if (!keys.has(id)) free.push(key);
  let next = 0;
  for (const id of coming) keys.set(id, free[next++] ?? fresh());
  return keys;
}
