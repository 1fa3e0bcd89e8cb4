/**
 * The "name from another application" checks skip most names before building a pattern for
 * them (every keystroke, thousands of names). Whatever they skip, the findings must be those
 * of the plain way: one pattern per distinct name, run over the text with the note's own
 * names hidden.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDraft, type DraftContext, type Finding } from '../../../src/main/domain/draft-checks';
import { person } from './factory';

function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function phrasePattern(phrase: string, flags: string): RegExp {
  const words = phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, `gu${flags}`);
}

function blank(text: string, phrase: string): string {
  if (phrase.trim() === '') return text;
  return text.replace(phrasePattern(phrase, 'i'), (match) => ' '.repeat(match.length));
}

/** The findings as the plain way finds them, in the order it emits them. */
function reference(text: string, context: DraftContext): { id: string; at: string }[] {
  const ownNames = [
    context.application.company,
    context.person?.name ?? '',
    context.profile.fullName,
    ...context.siblings.map((s) => s.personName),
  ];
  let masked = text;
  for (const own of ownNames) masked = blank(masked, own);
  const own = new Set(ownNames.map(squash));
  const found: { id: string; at: string }[] = [];
  const search = (names: readonly string[], id: string) => {
    const seen = new Set<string>();
    for (const raw of names) {
      const name = raw.trim();
      if (name === '' || own.has(squash(name)) || seen.has(squash(name))) continue;
      seen.add(squash(name));
      for (const match of masked.matchAll(phrasePattern(name, ''))) {
        found.push({ id, at: `${match.index}:${match[0]}` });
      }
    }
  };
  search(context.otherCompanies, 'other-company');
  search(context.otherPeopleNames, 'other-person');
  return found;
}

function actual(findings: Finding[], text: string): { id: string; at: string }[] {
  return findings
    .filter((f) => f.field === 'body' && (f.id === 'other-company' || f.id === 'other-person'))
    .map((f) => ({
      id: f.id,
      at: `${f.range!.start}:${text.slice(f.range!.start, f.range!.end)}`,
    }));
}

const WORDS = [
  'Grace',
  'grace',
  'Graceful',
  'Ben',
  'Benefits',
  'Lee',
  'Zoë',
  'Zoe',
  'Ünal',
  '𝒜da',
  'Okafor',
  'Acme',
  'Acme Corp',
  'Initech',
  'ACME',
];
const SEPARATORS = [' ', '  ', '\t', ', ', '-', '.', '\n\n', '𝒜', 'x'];

describe('names from other applications', () => {
  it('are found exactly where one pattern per distinct name finds them', () => {
    const phrase = fc
      .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 })
      .chain((words) =>
        fc
          .array(fc.constantFrom(' ', '  ', '\t'), {
            minLength: words.length - 1,
            maxLength: words.length - 1,
          })
          .map((gaps) => words.map((w, i) => w + (gaps[i] ?? '')).join('')),
      );
    const text = fc
      .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), {
        maxLength: 30,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        text,
        fc.array(phrase, { maxLength: 12 }),
        fc.array(phrase, { maxLength: 6 }),
        phrase,
        (body, otherPeopleNames, otherCompanies, recipientName) => {
          const context: DraftContext = {
            kind: 'connection',
            profile: { fullName: 'Sam Carter', phone: '', email: 'sam@home.example' },
            application: { company: 'Acme Corp', roleTitle: 'Engineer' },
            person: person('r', { name: recipientName }),
            participant: null,
            siblings: [{ personName: 'Ben Lee', body: '' }],
            people: [],
            otherCompanies: [...otherCompanies, ` ${otherCompanies[0] ?? 'x'}`],
            otherPeopleNames: [...otherPeopleNames, '', '  '],
          };
          const findings = checkDraft({ subject: '', body, to: [] }, context);
          expect(actual(findings, body).sort(byAt)).toEqual(reference(body, context).sort(byAt));
        },
      ),
      { numRuns: 800 },
    );
  });
});

function byAt(a: { id: string; at: string }, b: { id: string; at: string }): number {
  return a.id.localeCompare(b.id) || a.at.localeCompare(b.at);
}
