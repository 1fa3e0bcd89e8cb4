/**
 * Draft checks: what a good note has (RULES.md, "What makes a good note"), as findings with
 * a plain message and, where it helps, the characters they are about. Never a rewrite.
 *
 * Every check is one pass over the text; the near-duplicate check builds one set of word
 * 3-grams per note, so the work grows with words plus siblings, not their product.
 * Spelling is left to the desktop shell's spellchecker.
 */
import type { Draft, Participant, Person, Profile } from '../../shared/model';
import { normalizeAddress } from './addresses';
import { greetingFor, nameParts, topicsAsText } from './templates';

export type Severity = 'error' | 'warning' | 'info';
export type DraftField = 'subject' | 'body' | 'to';

export const CHECK_IDS = [
  'body-missing',
  'subject-missing',
  'subject-role',
  'subject-name',
  'greeting-missing',
  'greeting-no-name',
  'greeting-wrong-name',
  'greeting-too-familiar',
  'greeting-casual',
  'thanks-missing',
  'no-notes',
  'specific-missing',
  'near-duplicate',
  'fit-missing',
  'downplaying',
  'call-to-action-missing',
  'too-long',
  'too-many-paragraphs',
  'emoji',
  'text-speak',
  'exclamation',
  'signature-name',
  'signature-phone',
  'signature-email',
  'placeholder',
  'other-company',
  'other-person',
  'do-not-contact',
  'recipient-missing',
  'recipient-mismatch',
  'group-note',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface Finding {
  id: CheckId;
  severity: Severity;
  /** What to change, in plain words. */
  message: string;
  /** Which part of the draft the finding is about. */
  field: DraftField;
  /** Character offsets into that field's text (end exclusive); null when about the whole field. */
  range: { start: number; end: number } | null;
}

/** The fields of a stored `Draft` the checks read; the checks need nothing else of it. */
export type DraftText = Pick<Draft, DraftField>;

/** What the note is for; it decides which checks apply. */
export type NoteKind = 'thank-you' | 'arranger-thanks' | 'check-in' | 'reply' | 'connection';

/** Another note to the same panel (a draft or a sent note) and who it is for. */
export interface SiblingNote {
  personName: string;
  body: string;
}

export interface DraftContext {
  kind: NoteKind;
  profile: Profile;
  application: { company: string; roleTitle: string };
  /** The recipient, or null when the note is not for one tracked person. */
  person: Person | null;
  /** The recipient's part in the interview: the topics and notes kept for them. */
  participant: Pick<Participant, 'topics' | 'notes'> | null;
  /** Notes to the other members of the same panel. */
  siblings: readonly SiblingNote[];
  /** Known people, to recognise recipients by address (do not contact, group notes). */
  people: readonly Person[];
  /** Companies of the user's other applications. */
  otherCompanies: readonly string[];
  /** Full names of people in the user's other applications. */
  otherPeopleNames: readonly string[];
}

/**
 * Two notes whose word 3-grams (greeting, signature and names left out) overlap by at least
 * this Jaccard index are near-duplicates. Measured in the tests on notes filled from one
 * template: with a sentence of their own each, 0.53 to 0.69 (the higher values for a short
 * 8-word sentence); with the topics swapped but the specific sentence copied, 0.82 to 0.86;
 * with only the name changed, 1.0. 0.75 sits between, with room on both sides.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.75;
/** About half a minute of reading. */
export const MAX_WORDS = 200;
export const MAX_PARAGRAPHS = 3;
/** LinkedIn's limit for the note on a connection request. */
export const MAX_CONNECTION_CHARS = 300;

interface Line {
  text: string;
  start: number;
}

interface Greeting {
  /** Lower-case, single-spaced: "dear", "hi", "good morning". */
  salutation: string;
  salutationStart: number;
  name: string;
  nameStart: number;
}

/** Where the parts of a note are, as offsets into its body. */
interface Layout {
  greeting: Greeting | null;
  /** The text between greeting and sign-off. */
  contentStart: number;
  contentEnd: number;
  /** Start of the sign-off and signature; the body's length when there is none. */
  signatureStart: number;
  hasSignature: boolean;
}

const PARAGRAPH_BREAK = /\n[ \t\r]*\n/g;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const HONORIFIC = '(?:mr|mrs|ms|mx|miss|dr|prof)';
const GREETING = new RegExp(
  `^(dear|hi|hello|hey|good\\s+(?:morning|afternoon|evening)|greetings)\\b[ \\t]*((?:${HONORIFIC}\\.?[ \\t]+)?[^,:;!.?\\n]*)`,
  'i',
);
const CLOSING =
  /^(?:(?:best|kind|kindest|warm|warmest)(?:\s+(?:regards|wishes))?|regards|sincerely|yours(?:\s+(?:sincerely|truly))?|(?:many\s+)?thanks(?:\s+again)?|thank\s+you(?:\s+again)?|with\s+(?:thanks|gratitude|appreciation)|all\s+the\s+best|respectfully|cheers)\s*[,.!]?$/i;
const NOT_A_NAME = new Set([
  'team',
  'all',
  'there',
  'everyone',
  'sir',
  'madam',
  'hiring',
  'manager',
  'recruiter',
  'whom',
  'colleagues',
  'folks',
]);

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    lines.push({ text: part.replace(/\r$/, ''), start });
    start += part.length + 1;
  }
  return lines;
}

function wordCount(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(WORD)) count += 1;
  return count;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Lower-case without accents, so "José" and "Jose" compare equal. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

function mentionsSender(text: string, profile: Profile): boolean {
  const lower = squash(text);
  const phone = digitsOf(profile.phone);
  return (
    (profile.fullName.trim() !== '' && lower.includes(squash(profile.fullName))) ||
    (profile.email.trim() !== '' && lower.includes(profile.email.trim().toLowerCase())) ||
    (phone.length >= 5 && digitsOf(text).includes(phone.slice(-7)))
  );
}

function layoutOf(body: string, profile: Profile): Layout {
  const lines = linesOf(body);
  let greeting: Greeting | null = null;
  let contentStart = 0;
  const firstIndex = lines.findIndex((line) => line.text.trim() !== '');
  const first = lines[firstIndex];
  if (first !== undefined) {
    const indent = first.text.length - first.text.trimStart().length;
    const match = GREETING.exec(first.text.slice(indent));
    if (match !== null) {
      const rawName = match[2] ?? '';
      const name = rawName.trimEnd();
      greeting = {
        salutation: (match[1] ?? '').toLowerCase().replace(/\s+/g, ' '),
        salutationStart: first.start + indent,
        name,
        nameStart: first.start + indent + match[0].length - rawName.length,
      };
      const lineEnd = first.start + first.text.length;
      const after = first.start + indent + match[0].length;
      const rest = first.text.slice(indent + match[0].length);
      contentStart = /^[,:;!.]?\s*$/.test(rest) ? lineEnd : after + (/^[,:;!.]/.test(rest) ? 1 : 0);
    }
  }

  let signatureStart = body.length;
  let hasSignature = false;
  let seen = 0;
  for (let i = lines.length - 1; i > firstIndex && seen < 8; i -= 1) {
    const line = lines[i];
    if (line === undefined || line.text.trim() === '') continue;
    seen += 1;
    if (CLOSING.test(line.text.trim())) {
      signatureStart = line.start;
      hasSignature = true;
      break;
    }
  }
  if (!hasSignature) {
    // No closing line: a last block of short lines naming the sender is the signature.
    let blockStart = -1;
    for (const match of body.matchAll(PARAGRAPH_BREAK)) blockStart = match.index;
    if (blockStart >= 0 && blockStart >= contentStart) {
      const block = body.slice(blockStart);
      const short = linesOf(block.trim()).every((line) => wordCount(line.text) <= 6);
      if (short && mentionsSender(block, profile)) {
        signatureStart = blockStart;
        hasSignature = true;
      }
    }
  }
  return {
    greeting,
    contentStart: Math.min(contentStart, signatureStart),
    contentEnd: signatureStart,
    signatureStart,
    hasSignature,
  };
}

interface Paragraph {
  text: string;
  start: number;
}

function paragraphsOf(body: string, start: number, end: number): Paragraph[] {
  const text = body.slice(start, end);
  const out: Paragraph[] = [];
  let from = 0;
  const push = (to: number): void => {
    const chunk = text.slice(from, to);
    if (chunk.trim() !== '') out.push({ text: chunk, start: start + from });
  };
  for (const match of text.matchAll(PARAGRAPH_BREAK)) {
    push(match.index);
    from = match.index + match[0].length;
  }
  push(text.length);
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whole-word, whitespace-tolerant pattern for a name or phrase. */
function phrasePattern(phrase: string, flags: string): RegExp {
  const words = phrase.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, `gu${flags}`);
}

/** The text up to the first white space (`\s`), of a trimmed phrase. */
function firstWord(phrase: string): string {
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x80 && /\s/.test(phrase[i]!))) {
      return phrase.slice(0, i);
    }
  }
  return phrase;
}

/**
 * Whether `word` occurs in `text` with no letter or digit just before it: what a match of
 * `phrasePattern` starting with that word needs (so false here means no match).
 */
function startsWordIn(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at === 0) return true;
    const before = text.codePointAt(
      at >= 2 && /[\udc00-\udfff]/.test(text[at - 1]!) && /[\ud800-\udbff]/.test(text[at - 2]!)
        ? at - 2
        : at - 1,
    )!;
    if (!LETTER_OR_DIGIT.test(String.fromCodePoint(before))) return true;
  }
  return false;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Keeps offsets while hiding text from later searches. */
function blank(text: string, phrase: string): string {
  if (phrase.trim() === '') return text;
  return text.replace(phrasePattern(phrase, 'i'), (match) => ' '.repeat(match.length));
}

// ---------------------------------------------------------------------------------------
// Near-duplicates

function nameWordsOf(names: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const name of names) for (const part of nameParts(name)) words.add(fold(part));
  return words;
}

function shinglesOf(text: string, ignore: ReadonlySet<string>): Set<string> {
  const words: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]);
    if (!ignore.has(word)) words.push(word);
  }
  const shingles = new Set<string>();
  if (words.length < 3) {
    if (words.length > 0) shingles.add(words.join(' '));
    return shingles;
  }
  for (let i = 0; i + 3 <= words.length; i += 1) {
    shingles.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  }
  return shingles;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

function contentOf(body: string, profile: Profile): string {
  const layout = layoutOf(body, profile);
  return body.slice(layout.contentStart, layout.contentEnd);
}

/**
 * How alike two note bodies are, 0 to 1: Jaccard index of word 3-grams of the text between
 * greeting and sign-off, with the words of `names` left out so a swapped name does not count.
 */
export function noteSimilarity(
  a: string,
  b: string,
  names: readonly string[],
  profile: Profile = { fullName: '', phone: '', email: '' },
): number {
  const ignore = nameWordsOf([...names, profile.fullName]);
  return jaccard(
    shinglesOf(contentOf(a, profile), ignore),
    shinglesOf(contentOf(b, profile), ignore),
  );
}

// ---------------------------------------------------------------------------------------
// Word lists

const STOPWORDS = new Set(
  (
    'about above after again against also although among another anything around asked ' +
    'because been before being below between both came care cares could does doing done ' +
    'down during each either else enough even ever every felt feel from further getting ' +
    'give given good great have having here however into itself just keen know knew less ' +
    'like liked made make many maybe mentioned more most much must need needs nice only ' +
    'other others over pretty quite rather really said same seemed seems should since some ' +
    'something such talk talked tell than that their them then there these they thing ' +
    'things think this those though thought through told under very want wanted wants ' +
    'well were what when where which while will with within without would your yours ' +
    'discussed discussion question questions answer answered interview interviewer role ' +
    'position company team work working job people lots spoke asked seemed nice'
  ).split(' '),
);

/** A crude stem: enough that "pipelines" meets "pipeline" and "migrating" meets "migration". */
function stem(word: string): string {
  let w = fold(word).replace(/['’]s$/, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('es')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w.slice(0, 6);
}

function keywordsOf(text: string, exclude: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]);
    if (word.length < 4 || /^\d+$/.test(word) || STOPWORDS.has(word) || exclude.has(word)) {
      continue;
    }
    out.add(stem(word));
  }
  return out;
}

const THANKS = /\b(?:thank(?:s|ful|ing)?|grateful|gratitude|apprecia\w*)\b/i;
const FIT =
  /\b(?:excit\w*|enthusias\w*|motivat\w*|interest(?:ed|ing)?|keen|eager|passion\w*|fit|fits|suited|match(?:es)?|contribut\w*|bring|background|experience|skills?)\b/i;
const CALL_TO_ACTION =
  /\?|\b(?:next steps?|hear(?:ing)? (?:from you|back|about)|let me know|happy to|glad to|please (?:feel free|don't hesitate|do not hesitate|tell me)|timeline|stay in touch|look(?:ing)? forward to)\b/i;

const DOWNPLAYING: readonly { pattern: RegExp; message: string }[] = [
  {
    pattern: /\bover[- ]?qualified\b/gi,
    message:
      'Leave out “overqualified”: it suggests you would not stay. Say what you would bring instead.',
  },
  {
    pattern:
      /\b(?:just|only|merely) an?\s+(?!(?:quick|short|brief|note|line|reminder|few|moment|couple)\b)[\p{L}-]+/giu,
    message: 'This plays the role or yourself down; describe it plainly.',
  },
  {
    pattern:
      /\beven though\b[^.!?\n]{0,60}?\b(?:junior|entry[- ]level|below|beneath|less senior|smaller|pay cut)\b/gi,
    message: 'Don’t apologise for the role’s level; say why it appeals to you.',
  },
  {
    pattern:
      /\b(?:beneath me|step(?:ping)? down|a step back(?:wards?)?|stepping[- ]stone|settle for|for the time being|any job|desperate)\b/gi,
    message: 'This makes the role sound like a fallback; say why you want it.',
  },
  {
    pattern:
      /\b(?:not (?:the|a) (?:best|strongest|most qualified|perfect|ideal) (?:candidate|fit)|I know I(?:'m| am) not)\b/gi,
    message: 'Don’t argue against yourself; state what you bring.',
  },
];

const EMOJI = /\p{Extended_Pictographic}(?:\u{FE0F}|\u{200D}\p{Extended_Pictographic})*/gu;
const NOT_EMOJI = new Set(['©', '®', '™']);
const EMOTICON = /(?<![\p{L}\p{N}])(?:[:;=]-?[)(DPp]|<3|xD)(?![\p{L}\p{N}])/gu;
const TEXT_SPEAK =
  /(?<![\p{L}\p{N}'’])(?:thx|thnx|tnx|pls|plz|lol|lmao|rofl|omg|btw|gonna|wanna|gotta|kinda|sorta|cuz|idk|tbh|imo|imho|brb|ttyl|b4|gr8|nvm)(?![\p{L}\p{N}'’])/giu;
/** Lower case only, so "U.S." or a name like "Ur" is left alone. */
const TEXT_SPEAK_LOWER = /(?<![\p{L}\p{N}'’.])(?:u|ur|ppl)(?![\p{L}\p{N}'’.])/gu;

const PLACEHOLDER_MARK = /\[\[([^[\]\n]*)\]\]|\{\{([^{}\n]*)\}\}/g;
const PLACEHOLDER_HINTS: Record<string, string> = {
  greeting: 'a greeting with their name',
  topics: 'what you talked about with them',
  specificPoint: 'one sentence on something only this conversation had',
  missedQuestion: 'the question you would like to answer again',
  betterAnswer: 'the answer you wish you had given',
  interviewDay: 'the day of the interview',
  decisionDate: 'the date they said they would decide by',
  offerDeadline: 'the date you must answer the other offer by',
  replyBy: 'the date you will answer by',
  forwardTo: 'the name of the interviewer the note is for',
  forwardedNote: 'the note to pass on',
  senderPhone: 'your phone number',
  senderEmail: 'your email address',
  senderName: 'your full name',
};

// ---------------------------------------------------------------------------------------
// The checks

type Emit = (
  id: CheckId,
  severity: Severity,
  field: DraftField,
  message: string,
  range?: { start: number; end: number } | null,
) => void;

function checkSubject(draft: DraftText, context: DraftContext, emit: Emit): void {
  const subject = squash(draft.subject);
  if (subject === '') {
    emit(
      'subject-missing',
      'error',
      'subject',
      'Add a subject that names the role and your full name.',
    );
    return;
  }
  // An answer in their thread keeps their subject, so their mail program threads it.
  if (context.kind === 'reply' && /^re:/i.test(subject)) return;
  const role = squash(context.application.roleTitle);
  if (role !== '' && !subject.includes(role)) {
    const subjectWords = new Set(Array.from(subject.matchAll(WORD), (m) => m[0]));
    const roleWords = Array.from(role.matchAll(WORD), (m) => m[0]).filter(
      (w) => w.length >= 3 && !['and', 'the', 'for'].includes(w),
    );
    if (roleWords.length === 0 || !roleWords.every((w) => subjectWords.has(w))) {
      emit(
        'subject-role',
        'warning',
        'subject',
        `Name the role in the subject (“${context.application.roleTitle.trim()}”), so they can place your note.`,
      );
    }
  }
  const name = squash(context.profile.fullName);
  if (name !== '' && !subject.includes(name)) {
    emit(
      'subject-name',
      'warning',
      'subject',
      `Put your full name (${context.profile.fullName.trim()}) in the subject.`,
    );
  }
}

function checkGreeting(layout: Layout, context: DraftContext, emit: Emit): void {
  const { greeting } = layout;
  const person = context.person;
  const formal = person === null ? null : greetingFor({ name: person.name, firstNameOk: false });
  const suggested = person === null ? null : greetingFor(person);
  if (greeting === null) {
    emit(
      'greeting-missing',
      'warning',
      'body',
      suggested === null
        ? 'Start with a greeting that uses their name.'
        : `Start with a greeting that uses their name, e.g. “${suggested},”.`,
      { start: 0, end: 0 },
    );
    return;
  }
  if (greeting.salutation === 'hey') {
    emit(
      'greeting-casual',
      'warning',
      'body',
      `“Hey” is too casual for this note; use “${person?.firstNameOk === true ? 'Hi' : 'Dear'}”.`,
      { start: greeting.salutationStart, end: greeting.salutationStart + 3 },
    );
  }
  if (person === null || formal === null || suggested === null) return;
  const range = { start: greeting.nameStart, end: greeting.nameStart + greeting.name.length };
  const said = nameParts(greeting.name).map(fold);
  const own = nameParts(person.name).map(fold);
  if (said.length === 0 || said.some((word) => NOT_A_NAME.has(word))) {
    emit(
      'greeting-no-name',
      'warning',
      'body',
      `Greet them by name: “${suggested},”.`,
      greeting.name === '' ? null : range,
    );
    return;
  }
  if (said.some((word) => !own.includes(word))) {
    emit(
      'greeting-wrong-name',
      'error',
      'body',
      `The greeting says “${greeting.name}”, but this note is for ${person.name.trim()}. Check the name and its spelling.`,
      range,
    );
    return;
  }
  const firstOnly = said.length === 1 && own.length > 1 && said[0] === own[0];
  if (firstOnly && !person.firstNameOk) {
    emit(
      'greeting-too-familiar',
      'warning',
      'body',
      `${person.name.trim()} has not said first names are fine: greet with the full name, “${formal},”.`,
      range,
    );
  }
}

function checkSpecific(body: string, layout: Layout, context: DraftContext, emit: Emit): void {
  const { participant, person, application } = context;
  const exclude = nameWordsOf([
    person?.name ?? '',
    context.profile.fullName,
    application.company,
    application.roleTitle,
  ]);
  const source = participant === null ? '' : `${participant.topics}\n${participant.notes}`;
  const keywords = keywordsOf(source, exclude);
  const who = person === null ? 'this person' : person.name.trim();
  if (keywords.size === 0) {
    emit(
      'no-notes',
      'info',
      'body',
      `You have kept no topics or notes for ${who}. Add what you talked about, so the note can mention something only they would recognise.`,
    );
    return;
  }
  const content = body.slice(layout.contentStart, layout.contentEnd);
  for (const match of content.matchAll(WORD)) if (keywords.has(stem(match[0]))) return;
  const topics = participant === null ? null : topicsAsText(participant.topics);
  emit(
    'specific-missing',
    'warning',
    'body',
    `Mention something specific from your conversation with ${who}${topics === null ? '' : ` (your topics: ${topics})`}.`,
  );
}

function checkNearDuplicates(body: string, context: DraftContext, emit: Emit): void {
  if (context.siblings.length === 0) return;
  const ignore = nameWordsOf([
    context.profile.fullName,
    context.person?.name ?? '',
    ...context.siblings.map((sibling) => sibling.personName),
  ]);
  const own = shinglesOf(contentOf(body, context.profile), ignore);
  for (const sibling of context.siblings) {
    const score = jaccard(own, shinglesOf(contentOf(sibling.body, context.profile), ignore));
    if (score >= NEAR_DUPLICATE_THRESHOLD) {
      emit(
        'near-duplicate',
        'warning',
        'body',
        `This note reads almost the same as your note to ${sibling.personName.trim()} (${Math.round(score * 100)}% alike). Give each interviewer a point from their own part of the conversation.`,
      );
    }
  }
}

function checkFit(body: string, layout: Layout, context: DraftContext, emit: Emit): void {
  const content = body.slice(layout.contentStart, layout.contentEnd);
  if (context.kind === 'thank-you' && !FIT.test(content)) {
    emit(
      'fit-missing',
      'info',
      'body',
      'Add one sentence on why you want the role or how your experience fits what they need.',
    );
  }
  for (const { pattern, message } of DOWNPLAYING) {
    for (const match of content.matchAll(pattern)) {
      const start = layout.contentStart + match.index;
      emit('downplaying', 'warning', 'body', `“${match[0]}”: ${message}`, {
        start,
        end: start + match[0].length,
      });
    }
  }
}

function checkCallToAction(body: string, layout: Layout, emit: Emit): void {
  const paragraphs = paragraphsOf(body, layout.contentStart, layout.contentEnd);
  const ending = paragraphs
    .slice(-2)
    .map((p) => p.text)
    .join('\n');
  if (!CALL_TO_ACTION.test(ending)) {
    emit(
      'call-to-action-missing',
      'warning',
      'body',
      'End with a light question or call to action about next steps, e.g. “What are the next steps from here?”',
    );
  }
}

function checkLength(body: string, layout: Layout, context: DraftContext, emit: Emit): void {
  if (context.kind === 'connection') {
    const length = body.trim().length;
    if (length > MAX_CONNECTION_CHARS) {
      emit(
        'too-long',
        'warning',
        'body',
        `A connection request note can have ${MAX_CONNECTION_CHARS} characters; this one has ${length}. Shorten it.`,
      );
    }
    return;
  }
  const words = wordCount(body.slice(0, layout.signatureStart));
  if (words > MAX_WORDS) {
    emit(
      'too-long',
      'warning',
      'body',
      `This note has ${words} words; keep it to about ${MAX_WORDS} so it reads in half a minute.`,
    );
  }
  const paragraphs = paragraphsOf(body, layout.contentStart, layout.contentEnd).length;
  if (paragraphs > MAX_PARAGRAPHS) {
    emit(
      'too-many-paragraphs',
      'warning',
      'body',
      `This note has ${paragraphs} paragraphs; two or three short ones are enough.`,
    );
  }
}

function checkTone(text: string, field: DraftField, emit: Emit): void {
  for (const match of text.matchAll(EMOJI)) {
    if (NOT_EMOJI.has(match[0])) continue;
    emit('emoji', 'warning', field, 'Leave out emoji in a note to an interviewer.', {
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  for (const match of text.matchAll(EMOTICON)) {
    emit('emoji', 'warning', field, `Leave out “${match[0]}” in a note to an interviewer.`, {
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  for (const match of [...text.matchAll(TEXT_SPEAK), ...text.matchAll(TEXT_SPEAK_LOWER)]) {
    emit('text-speak', 'warning', field, `Write “${match[0]}” out in full.`, {
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  let singles = 0;
  let second: number | null = null;
  for (const match of text.matchAll(/!+/g)) {
    if (match[0].length > 1) {
      emit('exclamation', 'warning', field, 'Use one exclamation mark at most, not a stack.', {
        start: match.index,
        end: match.index + match[0].length,
      });
    } else {
      singles += 1;
      if (singles === 2) second = match.index;
    }
  }
  if (second !== null) {
    emit(
      'exclamation',
      'warning',
      field,
      `Keep to one exclamation mark in the whole note; this one has ${singles}.`,
      { start: second, end: second + 1 },
    );
  }
}

function checkSignature(body: string, layout: Layout, profile: Profile, emit: Emit): void {
  let start = layout.signatureStart;
  if (!layout.hasSignature) {
    const lines = linesOf(body).filter((line) => line.text.trim() !== '');
    start = lines[Math.max(0, lines.length - 4)]?.start ?? body.length;
  }
  const region = body.slice(start);
  const range = layout.hasSignature ? { start, end: body.length } : null;
  const lower = squash(region);
  const parts: { id: CheckId; value: string; what: string; present: boolean }[] = [
    {
      id: 'signature-name',
      value: profile.fullName.trim(),
      what: 'your full name',
      present: profile.fullName.trim() !== '' && lower.includes(squash(profile.fullName)),
    },
    {
      id: 'signature-phone',
      value: profile.phone.trim(),
      what: 'your phone number',
      present:
        digitsOf(profile.phone).length > 0 &&
        digitsOf(region).includes(digitsOf(profile.phone).slice(-7)),
    },
    {
      id: 'signature-email',
      value: profile.email.trim(),
      what: 'your email address',
      present: profile.email.trim() !== '' && lower.includes(profile.email.trim().toLowerCase()),
    },
  ];
  for (const part of parts) {
    if (part.present) continue;
    emit(
      part.id,
      'warning',
      'body',
      part.value === ''
        ? `Your profile has no ${part.what.replace('your ', '')}: add it in Settings, then sign with it.`
        : `Sign with ${part.what} (${part.value}) below your closing.`,
      range,
    );
  }
}

function checkPlaceholders(text: string, field: DraftField, emit: Emit): void {
  for (const match of text.matchAll(PLACEHOLDER_MARK)) {
    const name = (match[1] ?? match[2] ?? '').trim();
    const hint = PLACEHOLDER_HINTS[name];
    emit(
      'placeholder',
      'error',
      field,
      hint === undefined
        ? `Replace “${match[0]}” with your own words.`
        : `Replace “${match[0]}” with ${hint}.`,
      { start: match.index, end: match.index + match[0].length },
    );
  }
}

function checkOtherNames(text: string, field: DraftField, context: DraftContext, emit: Emit): void {
  const ownCompany = context.application.company;
  const ownNames = [
    ownCompany,
    context.person?.name ?? '',
    context.profile.fullName,
    ...context.siblings.map((sibling) => sibling.personName),
  ];
  let masked = text;
  for (const own of ownNames) masked = blank(masked, own);
  const own = new Set(ownNames.map(squash));
  const search = (names: readonly string[], id: CheckId, message: (name: string) => string) => {
    // Each name is looked for once (the first spelling of it counts). A match needs the name's
    // first word as written, so that is checked first: it spares building and running a
    // pattern, and even normalising the name, for each of thousands of names on every
    // keystroke. The names before a candidate are only normalised when one comes up.
    const seen = new Set<string>();
    let counted = 0;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!.trim();
      if (name === '' || !startsWordIn(masked, firstWord(name))) continue;
      for (; counted < i; counted++) {
        const earlier = names[counted]!.trim();
        if (earlier !== '') seen.add(squash(earlier));
      }
      const key = squash(name);
      if (own.has(key) || seen.has(key)) continue;
      for (const match of masked.matchAll(phrasePattern(name, ''))) {
        emit(id, 'error', field, message(match[0]), {
          start: match.index,
          end: match.index + match[0].length,
        });
      }
    }
  };
  search(
    context.otherCompanies,
    'other-company',
    (name) =>
      `“${name}” is the company of another application; this note is for ${ownCompany.trim()}.`,
  );
  search(
    context.otherPeopleNames,
    'other-person',
    (name) =>
      `“${name}” is someone from another application; check that the name belongs in this note.`,
  );
}

function checkRecipients(draft: DraftText, context: DraftContext, emit: Emit): void {
  const addresses = new Set<string>();
  for (const raw of draft.to) {
    const address = normalizeAddress(raw);
    if (address !== null) addresses.add(address);
  }
  const people =
    context.person === null ? [...context.people] : [context.person, ...context.people];
  const recipients = new Map<string, Person>();
  for (const person of people) {
    if (person.emails.some((email) => addresses.has(normalizeAddress(email) ?? ''))) {
      recipients.set(person.id, person);
    }
  }
  const blocked = new Map<string, Person>();
  for (const person of recipients.values()) if (person.doNotContact) blocked.set(person.id, person);
  if (context.person?.doNotContact === true) blocked.set(context.person.id, context.person);
  for (const person of blocked.values()) {
    emit(
      'do-not-contact',
      'error',
      'to',
      `${person.name.trim()} asked not to be contacted: do not send this note.`,
    );
  }
  if (context.kind === 'connection') return;
  if (addresses.size === 0) {
    emit('recipient-missing', 'error', 'to', 'Add the email address the note goes to.');
    return;
  }
  const person = context.person;
  if (
    person !== null &&
    person.emails.length > 0 &&
    !recipients.has(person.id) &&
    recipients.size > 0
  ) {
    emit(
      'recipient-mismatch',
      'warning',
      'to',
      `This note is for ${person.name.trim()}, but it is addressed to ${[...recipients.values()]
        .map((p) => p.name.trim())
        .join(', ')}.`,
    );
  } else if (person !== null && person.emails.length > 0 && !recipients.has(person.id)) {
    emit(
      'recipient-mismatch',
      'warning',
      'to',
      `This note is for ${person.name.trim()}, but none of their addresses is in the To line.`,
    );
  }
  if (recipients.size > 1) {
    emit(
      'group-note',
      'warning',
      'to',
      'This note goes to several people at once. Each interviewer should get a note of their own.',
    );
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const FIELD_ORDER: Record<DraftField, number> = { to: 0, subject: 1, body: 2 };

/** Every finding for a draft, errors first, then by field (to, subject, body) and position. */
/**
 * What stops a note from going out, by any caller: every finding of severity `error` (a
 * placeholder left, no subject, no text, no recipient, another person's name, someone who
 * asked not to be contacted). Warnings are the user's call.
 */
export function blockingFindings<F extends Pick<Finding, 'severity'>>(findings: readonly F[]): F[] {
  return findings.filter((f) => f.severity === 'error');
}

/** Every finding about a draft, errors first, then by field and position. */
export function checkDraft(draft: DraftText, context: DraftContext): Finding[] {
  const findings: Finding[] = [];
  const emit: Emit = (id, severity, field, message, range = null) => {
    findings.push({ id, severity, message, field, range });
  };
  const { body } = draft;
  const { kind } = context;
  const layout = layoutOf(body, context.profile);

  checkRecipients(draft, context, emit);
  if (kind !== 'connection') checkSubject(draft, context, emit);
  if (body.trim() === '') {
    // One clear message for an empty note, not every part it lacks.
    emit('body-missing', 'error', 'body', 'Write the note: it is empty.');
    checkPlaceholders(draft.subject, 'subject', emit);
    checkOtherNames(draft.subject, 'subject', context, emit);
    return sortFindings(findings);
  }
  checkGreeting(layout, context, emit);
  if (kind === 'thank-you' || kind === 'arranger-thanks') {
    if (!THANKS.test(body.slice(layout.contentStart, layout.contentEnd))) {
      emit(
        'thanks-missing',
        'warning',
        'body',
        'Thank them for their time, e.g. “Thank you for taking the time to speak with me.”',
      );
    }
  }
  if (kind === 'thank-you') {
    checkSpecific(body, layout, context, emit);
    checkNearDuplicates(body, context, emit);
  }
  checkFit(body, layout, context, emit);
  if (kind === 'thank-you' || kind === 'check-in') checkCallToAction(body, layout, emit);
  checkLength(body, layout, context, emit);
  checkTone(draft.subject, 'subject', emit);
  checkTone(body, 'body', emit);
  if (kind !== 'connection') checkSignature(body, layout, context.profile, emit);
  checkPlaceholders(draft.subject, 'subject', emit);
  checkPlaceholders(body, 'body', emit);
  checkOtherNames(draft.subject, 'subject', context, emit);
  checkOtherNames(body, 'body', context, emit);
  return sortFindings(findings);
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
        FIELD_ORDER[a.finding.field] - FIELD_ORDER[b.finding.field] ||
        (a.finding.range?.start ?? -1) - (b.finding.range?.start ?? -1) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}
