/**
 * Pure helpers for the note editor: the recipients typed in one field, and the text cut into
 * pieces so the ranges the checks found can be marked behind the textarea.
 */
import type { NoteFinding } from '../../../../shared/model';

type Severity = NoteFinding['severity'];

/** The address check main applies (zod's `z.email()`), so the editor warns before a save fails. */
const EMAIL =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** Splits "a@x.org, b@y.org" (commas, semicolons or spaces) into valid and invalid addresses. */
export function parseRecipients(text: string): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const address = part.trim().replace(/^<(.*)>$/, '$1');
    if (address === '') continue;
    (EMAIL.test(address) && address.length <= 320 ? valid : invalid).push(address);
  }
  return { valid, invalid };
}

export interface TextSegment {
  text: string;
  /** The most serious finding covering this piece, or null for plain text. */
  severity: Severity | null;
  /** Ids of the findings covering it. */
  findingIds: string[];
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/**
 * The text of one field cut at every start and end of a finding's range, each piece with the
 * findings over it. Ranges past the end of the text (found in an older version) are clipped.
 */
export function segmentText(
  text: string,
  findings: readonly NoteFinding[],
  field: NoteFinding['field'],
): TextSegment[] {
  const ranged = findings.flatMap((f) => {
    if (f.field !== field || f.range === null) return [];
    const start = Math.max(0, Math.min(f.range.start, text.length));
    const end = Math.max(start, Math.min(f.range.end, text.length));
    return end > start ? [{ finding: f, start, end }] : [];
  });
  const cuts = new Set<number>([0, text.length]);
  for (const r of ranged) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const over = ranged.filter((r) => r.start <= start && r.end >= end).map((r) => r.finding);
    const severity = over.reduce<Severity | null>(
      (worst, f) => (worst === null || RANK[f.severity] > RANK[worst] ? f.severity : worst),
      null,
    );
    const previous = segments[segments.length - 1];
    const ids = over.map((f) => f.id);
    if (previous && previous.severity === null && severity === null) {
      previous.text += text.slice(start, end);
    } else {
      segments.push({ text: text.slice(start, end), severity, findingIds: ids });
    }
  }
  return segments;
}

/** Findings in the order to work through them: errors first, then by where they are. */
export function sortFindings(findings: readonly NoteFinding[]): NoteFinding[] {
  const fieldOrder = { to: 0, subject: 1, body: 2 } as const;
  return [...findings].sort(
    (a, b) =>
      RANK[b.severity] - RANK[a.severity] ||
      fieldOrder[a.field] - fieldOrder[b.field] ||
      (a.range?.start ?? -1) - (b.range?.start ?? -1),
  );
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
