/**
 * The order rows are listed in, everywhere: the store sorts what it reads with these, and the
 * workspace service's kept rows put a written row back in place with the same functions, so
 * the two cannot drift apart. Text compares by code point, which is also SQLite's order of
 * TEXT (UTF-8 bytes), so an index or an ORDER BY on a text column agrees where one is used.
 */
import type {
  Application,
  Interview,
  KnownMessage,
  ManualContact,
  Person,
} from '../../shared/model';

/**
 * Compares two strings by code point. `<` compares UTF-16 units instead, where characters
 * beyond U+FFFF (surrogates) come before U+E000 to U+FFFF.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (code points above U+FFFF) rank after U+E000–U+FFFF. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** Applications: oldest first, as the user added them. */
export function applicationOrder(a: Application, b: Application): number {
  return a.createdAt - b.createdAt || compareText(a.id, b.id);
}

/** Interviews: by start. */
export function interviewOrder(a: Interview, b: Interview): number {
  return a.startsAt - b.startsAt || compareText(a.id, b.id);
}

/** People: by name. */
export function personOrder(a: Person, b: Person): number {
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}

/** Notes marked by hand: by when they went. */
export function manualContactOrder(a: ManualContact, b: ManualContact): number {
  return a.at - b.at || compareText(a.id, b.id);
}

/** Participants: grouped by interview; within one, in the order the user listed them. */
export function participantGroupOrder(a: { interviewId: string }, b: { interviewId: string }) {
  return compareText(a.interviewId, b.interviewId);
}

/** Messages: by date. */
export function messageOrder(a: KnownMessage, b: KnownMessage): number {
  return a.date - b.date || compareText(a.id, b.id);
}
