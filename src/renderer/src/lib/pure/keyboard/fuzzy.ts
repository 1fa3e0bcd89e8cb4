/**
 * Forgiving text matching for the command palette: "nor" finds Northwind, "orch fin" and "of"
 * find Orchard & Finch, "lena" finds Léna. Case and accents do not count.
 */

/** Lower case without accents, so "É" and "e" are the same letter. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const isWordStart = (text: string, at: number) =>
  at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1] ?? '');

/**
 * How well one query word fits a text, higher is better, 0 for no fit: the whole text, its
 * start, the start of a word, anywhere in it, and last (where `initials` allows) pieces of word
 * starts in order: "na" or "nwan" in "Northwind Analytics", not letters scattered anywhere,
 * which would let short queries fit nearly every long text.
 */
function wordScore(word: string, text: string, initials: boolean): number {
  if (text === word) return 100;
  if (text.startsWith(word)) return 80;
  const at = text.indexOf(word);
  if (at > 0 && isWordStart(text, at)) return 60;
  if (at > 0) return 40;
  if (!initials || word.length < 2) return 0;
  let from = 0;
  let previous = -2;
  for (const letter of word) {
    // The letter right after the last one, else the next word that starts with it.
    let found = text[previous + 1] === letter ? previous + 1 : -1;
    for (let i = from; found < 0 && i < text.length; i += 1) {
      if (text[i] === letter && isWordStart(text, i)) found = i;
    }
    if (found < 0) return 0;
    previous = found;
    from = found + 1;
  }
  return 20;
}

/**
 * How well a query fits an item with a title and further words (company, role, email): every
 * word of the query must fit the title or the further words; the title counts more. 0 when
 * something does not fit; any positive score for an empty query.
 */
export function matchScore(query: string, title: string, extra = ''): number {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return 1;
  const inTitle = fold(title);
  const inExtra = fold(extra);
  let total = 0;
  for (const word of words) {
    const best = Math.max(wordScore(word, inTitle, true) * 1.5, wordScore(word, inExtra, false));
    if (best <= 0) return 0;
    total += best;
  }
  return total / words.length;
}

/** The items that fit a query, best first; ties keep their order. */
export function rankByQuery<T>(
  items: readonly T[],
  query: string,
  text: (item: T) => { title: string; extra?: string },
): T[] {
  return items
    .map((item, index) => {
      const t = text(item);
      return { item, index, score: matchScore(query, t.title, t.extra) };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item);
}
