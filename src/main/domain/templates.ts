/**
 * Note templates: one built-in template per situation the app covers, filled from the
 * application, interview, person and profile.
 *
 * A template is plain data so the store can keep user copies next to the built-ins. A
 * placeholder without data is never dropped: it stays in the text as `[[name]]` and is
 * listed in `unfilled`, so the draft checks and the user both see the gap.
 *
 * A fact the records may lack (the day, the topics, a decision date) sits in a section:
 * `{{#name}}…{{/name}}` is kept only when `name` has a value, `{{^name}}…{{/name}}` only when
 * it has none. So a built-in template never asks for a fact the app knows is missing; only
 * what the user alone can write (a specific point, a better answer, a date to answer by)
 * stays marked.
 */
import { DateTime } from 'luxon';
import type {
  Application,
  FilledNote,
  Interview,
  InterviewKind,
  NoteTemplate,
  Obligation,
  ObligationReply,
  Participant,
  Person,
  Profile,
  ReplyClass,
} from '../../shared/model';
import { calendarDateOf } from './business-days';

/**
 * Every placeholder the built-in templates use. `signature` expands to the sender's name,
 * phone and email, one line each for those the profile has; `specificPoint` and
 * `betterAnswer` are full sentences the user writes; `replySubject` is "Re: " and the subject
 * of the message a note answers; the rest come from the records or from `values`.
 */
export const PLACEHOLDERS = [
  'greeting',
  'role',
  'company',
  'interviewDay',
  'interviewKind',
  'topics',
  'specificPoint',
  'missedQuestion',
  'betterAnswer',
  'decisionDate',
  'offerDeadline',
  'replyBy',
  'forwardTo',
  'forwardedNote',
  'replySubject',
  'senderName',
  'senderPhone',
  'senderEmail',
  'signature',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** How a placeholder with no data appears in the filled text. */
export function unfilledMarker(name: string): string {
  return `[[${name}]]`;
}

const SIGN_OFF = 'Best regards,\n{{signature}}';

function builtIn(
  id: string,
  name: string,
  situation: string,
  subject: string,
  paragraphs: string[],
  signOff = SIGN_OFF,
): NoteTemplate {
  return {
    id,
    name,
    situation,
    subject,
    body: ['{{greeting}},', ...paragraphs, signOff].join('\n\n'),
    builtIn: true,
  };
}

/** The sender's name in a subject, left out (not marked) when the profile has none. */
const BY_SENDER = '{{#senderName}} - {{senderName}}{{/senderName}}';
const THANK_YOU_SUBJECT = `Thank you - {{role}} interview${BY_SENDER}`;
/** Their subject with "Re:" when answering a message of theirs, so the note stays in its thread. */
function replyOr(subject: string): string {
  return `{{#replySubject}}{{replySubject}}{{/replySubject}}{{^replySubject}}${subject}{{/replySubject}}`;
}
const ON_DAY = '{{#interviewDay}} on {{interviewDay}}{{/interviewDay}}';
const MY_INTERVIEW =
  'my {{#interviewKind}}{{interviewKind}}{{/interviewKind}}{{^interviewKind}}interview{{/interviewKind}}';

export const BUILT_IN_TEMPLATES = [
  builtIn(
    'after-phone-screen',
    'After a phone screen',
    'A first call with a recruiter or hiring manager.',
    THANK_YOU_SUBJECT,
    [
      `Thank you for the call${ON_DAY} and for telling me more about the {{role}} role at {{company}}. I enjoyed our conversation{{#topics}} about {{topics}}{{/topics}}. {{specificPoint}}`,
      'What you described is the kind of work I want to be doing, and I believe my experience would let me contribute early on.',
      'Is there anything else I can send you before the next step? I look forward to hearing how the process continues.',
    ],
  ),
  builtIn(
    'after-video-call',
    'After a video call',
    'An interview held over video.',
    THANK_YOU_SUBJECT,
    [
      `Thank you for taking the time to meet with me over video${ON_DAY}. I appreciated hearing your view of the {{role}} role{{#topics}}, especially on {{topics}}{{/topics}}. {{specificPoint}}`,
      'The conversation made me more excited about joining {{company}}; the challenges you described match what I do best.',
      'Please let me know if I can answer anything further. I look forward to hearing about next steps.',
    ],
  ),
  builtIn(
    'after-onsite',
    'After an on-site or panel interview',
    'An interview at the office or with a panel. Send each panel member their own note.',
    THANK_YOU_SUBJECT,
    [
      `Thank you for your time during ${MY_INTERVIEW} at {{company}}${ON_DAY}. I valued our part of the day{{#topics}}, in particular our discussion of {{topics}}{{/topics}}. {{specificPoint}}`,
      'Meeting the people behind the {{role}} role confirmed how much I would like to work with this team, and how well my background fits what you need.',
      'If more information would help, I am glad to send it. What are the next steps from here?',
    ],
  ),
  builtIn(
    'after-assessment',
    'After an assessment day',
    'A day of exercises, presentations or group tasks.',
    THANK_YOU_SUBJECT,
    [
      `Thank you for your time at the assessment day for the {{role}} role${ON_DAY}. The exercises were well prepared{{#topics}}, and I enjoyed working through {{topics}} with you{{/topics}}. {{specificPoint}}`,
      'The day gave me a clear picture of the work at {{company}}, and I am keen to bring my skills to it.',
      'I look forward to hearing about the next steps. Please let me know if you need anything else from me.',
    ],
  ),
  builtIn(
    'after-bad-interview',
    'After an interview that went badly',
    'When an answer came out wrong: thank them and add the answer you wish you had given.',
    THANK_YOU_SUBJECT,
    [
      `Thank you for your time${ON_DAY} and for the conversation about the {{role}} role{{#topics}}, in particular {{topics}}{{/topics}}.`,
      'Looking back, my answer when you asked about {{missedQuestion}} did not say what I meant. {{betterAnswer}}',
      'I remain very interested in joining {{company}} and would welcome the chance to continue the conversation. Is there anything else I could clarify?',
    ],
  ),
  builtIn(
    'check-in-after-decision-date',
    'Check-in once the decision date has passed',
    'One polite check-in when the date they gave for a decision has gone by.',
    `Checking in - {{role}}${BY_SENDER}`,
    [
      `I hope all is well. {{#decisionDate}}When we spoke${ON_DAY}, you mentioned a decision on the {{role}} role was expected by {{decisionDate}}, so I wanted to check in.{{/decisionDate}}{{^decisionDate}}I wanted to check in on the {{role}} role after our conversation${ON_DAY}.{{/decisionDate}}`,
      'I am still very interested in the position and in {{company}}. Could you let me know where things stand, or whether there is anything more I can provide?',
    ],
  ),
  builtIn(
    'check-in-no-date',
    'Check-in when no decision date was given',
    'One polite check-in a week after your thank-you notes, when nobody said when they would decide.',
    `Checking in - {{role}}${BY_SENDER}`,
    [
      `I hope your week is going well. It has been a little while since we spoke${ON_DAY} about the {{role}} role, and I wanted to ask whether there is any news on the next step.`,
      'I remain keen on the position and on joining {{company}}. If there is anything more I can send to help the decision, I would be glad to.',
    ],
  ),
  builtIn(
    'check-in-other-offer',
    'Check-in while holding another offer',
    'You have an offer elsewhere and want to hear from this company before you answer it.',
    `Timeline question - {{role}}${BY_SENDER}`,
    [
      'I wanted to give you an update: I have received another offer and have been asked to reply by {{offerDeadline}}.',
      'The {{role}} role at {{company}} is one I would very much like, so I would rather decide knowing where I stand with you. Is there any news on your side, or a chance the timeline could move?',
      'Thank you for your understanding.',
    ],
  ),
  builtIn(
    'confirm-time',
    'Confirming a time they proposed',
    'They wrote to arrange the next step: say the time works, the same business day.',
    replyOr(`Next step - {{role}}${BY_SENDER}`),
    [
      'Thank you for getting back to me about the next step for the {{role}} role.',
      'The time you proposed suits me well, and I will make sure to be available. If anything needs preparing beforehand, please let me know.',
      'I look forward to speaking again.',
    ],
  ),
  builtIn(
    'ask-for-time',
    'Asking for time to consider an offer',
    'You have an offer and need a few days before you answer.',
    replyOr(`Your offer - {{role}}${BY_SENDER}`),
    [
      'Thank you very much for the offer for the {{role}} role at {{company}}. I am glad to have received it.',
      'Before I give you my answer, I would like a little time to consider it properly. Would it work if I came back to you by {{replyBy}}? If anything needs settling sooner, please let me know.',
    ],
  ),
  builtIn(
    'accept-offer',
    'Accepting an offer',
    'You are saying yes.',
    replyOr(`Accepting your offer - {{role}}${BY_SENDER}`),
    [
      'I am delighted to accept the offer for the {{role}} role at {{company}}. Thank you for your confidence in me and for a thoughtful process.',
      'I look forward to getting started. Could you let me know what you need from me next and who I should be in touch with before my first day?',
    ],
  ),
  builtIn(
    'decline-offer',
    'Declining an offer',
    'You are saying no, politely, and keeping the door open.',
    replyOr(`Your offer - {{role}}${BY_SENDER}`),
    [
      'Thank you for offering me the {{role}} role at {{company}}, and for the time you and the team gave me during the process.',
      'After careful thought, I have decided to decline. It was not an easy choice, and I enjoyed getting to know the team. I hope we cross paths again.',
    ],
  ),
  builtIn(
    'after-rejection',
    'After a rejection',
    'A short thank-you after they said no.',
    replyOr(`Thank you - {{role}}${BY_SENDER}`),
    [
      'Thank you for letting me know your decision about the {{role}} role. I am disappointed, but I appreciated the time you spent with me and what I learned about {{company}}.',
      'I would be glad to be considered for future openings, and I hope we stay in touch.',
    ],
  ),
  builtIn(
    'after-rejection-feedback',
    'After a rejection, asking for feedback',
    'A short thank-you after they said no, with a request for feedback.',
    replyOr(`Thank you - {{role}}${BY_SENDER}`),
    [
      'Thank you for letting me know your decision about the {{role}} role. I am disappointed, but I appreciated the time you spent with me and what I learned about {{company}}.',
      'If you have a few minutes, I would be grateful for any feedback on where I could have been stronger. It would help me a great deal in my search.',
      'I would be glad to be considered for future openings.',
    ],
  ),
  builtIn(
    'thank-coordinator',
    'Thanking the coordinator',
    'A short thanks to whoever arranged the interview.',
    THANK_YOU_SUBJECT,
    [
      `Thank you for arranging ${MY_INTERVIEW} for the {{role}} role${ON_DAY}. Everything was well organised, and it made the day much easier.`,
      'Please let me know if there is anything else you need from me.',
    ],
  ),
  builtIn(
    'thank-coordinator-forward',
    'Thanking the coordinator, asking them to forward a note',
    'Thank whoever arranged the interview and ask them to pass on a note to an interviewer whose address you do not have.',
    THANK_YOU_SUBJECT,
    [
      `Thank you for arranging ${MY_INTERVIEW} for the {{role}} role${ON_DAY}. Everything was well organised.`,
      'I would also like to thank {{forwardTo}}, but I do not have an email address for them. Would you mind passing on the short note below, or letting me know the best address to use?',
      '{{forwardedNote}}',
    ],
  ),
  builtIn(
    'connection-request',
    'Connection request',
    'A short note with a request to connect that refers to your conversation.',
    `Connecting after our conversation - {{role}}${BY_SENDER}`,
    [
      `Thank you again for our conversation${ON_DAY} about the {{role}} role at {{company}}. I enjoyed talking{{#topics}} about {{topics}}{{/topics}}{{^topics}} with you{{/topics}} and would be glad to stay connected.`,
    ],
    'Best,{{#senderName}}\n{{senderName}}{{/senderName}}',
  ),
  builtIn(
    'after-interview',
    'After an interview',
    'Any other kind of interview.',
    THANK_YOU_SUBJECT,
    [
      `Thank you for taking the time to speak with me${ON_DAY} about the {{role}} role at {{company}}.{{#topics}} I particularly enjoyed discussing {{topics}}.{{/topics}} {{specificPoint}}`,
      'Our conversation strengthened my interest in the role; it is work I would be glad to do and well suited to my experience.',
      'Please let me know if I can provide anything else. I look forward to hearing about the next steps.',
    ],
  ),
] as const satisfies readonly NoteTemplate[];

export type BuiltInTemplateId = (typeof BUILT_IN_TEMPLATES)[number]['id'];

/** What a template is filled from. `values` supplies or overrides any placeholder. */
export interface TemplateContext {
  application: Application;
  interview: Interview | null;
  /** The recipient. */
  person: Person | null;
  /** The recipient's part in the interview: topics and notes. */
  participant: Participant | null;
  profile: Profile;
  values?: Partial<Record<string, string>>;
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor']);

/** The words of a person's name without titles such as "Dr." or "Ms.". */
export function nameParts(name: string): string[] {
  return name
    .split(/\s+/)
    .filter((part) => part !== '' && !HONORIFICS.has(part.toLowerCase().replace(/\.$/, '')));
}

/**
 * The greeting for a person without its comma: "Hi Ada" when they said first names are
 * fine, otherwise the full name ("Dear Ada Okafor"), which is safe without knowing titles.
 * Null when the name is empty.
 */
export function greetingFor(person: Pick<Person, 'name' | 'firstNameOk'>): string | null {
  const name = person.name.trim().replace(/\s+/g, ' ');
  const parts = nameParts(name);
  const first = parts[0];
  if (first === undefined) return null;
  return person.firstNameOk ? `Hi ${first}` : `Dear ${name}`;
}

const KIND_WORDS: Record<InterviewKind, string> = {
  phone: 'phone call',
  video: 'video call',
  onsite: 'on-site interview',
  panel: 'panel interview',
  assessment: 'assessment day',
  other: 'interview',
};

/** Topics as the user kept them (comma, semicolon or line separated) as an English list. */
export function topicsAsText(topics: string): string | null {
  const items = topics
    .split(/[\n;,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) return null;
  if (items.length === 1) return items[0] ?? null;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function formatDay(date: string): string | null {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return day.isValid ? day.setLocale('en-US').toFormat('cccc, LLLL d') : null;
}

function nonEmpty(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function valueOf(name: string, context: TemplateContext): string | null {
  const given = nonEmpty(context.values?.[name]);
  if (given !== null) return given;
  const { application, interview, person, participant, profile } = context;
  switch (name) {
    case 'greeting':
      return person === null ? null : greetingFor(person);
    case 'role':
      return nonEmpty(application.roleTitle);
    case 'company':
      return nonEmpty(application.company);
    case 'interviewDay':
      return interview === null
        ? null
        : formatDay(calendarDateOf(interview.startsAt, interview.timeZone));
    case 'interviewKind':
      return interview === null ? null : KIND_WORDS[interview.kind];
    case 'topics':
      return participant === null ? null : topicsAsText(participant.topics);
    case 'decisionDate':
      return interview === null || interview.decisionBy === null
        ? null
        : formatDay(interview.decisionBy);
    case 'senderName':
      return nonEmpty(profile.fullName);
    case 'senderPhone':
      return nonEmpty(profile.phone);
    case 'senderEmail':
      return nonEmpty(profile.email);
    default:
      return null;
  }
}

const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
const SECTION_PATTERN = /\{\{([#^])\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}([\s\S]*?)\{\{\/\s*\2\s*\}\}/g;
const SIGNATURE_PARTS = ['senderName', 'senderPhone', 'senderEmail'] as const;

function hasValue(name: string, context: TemplateContext): boolean {
  if (name === 'signature')
    return (
      nonEmpty(context.values?.signature) !== null ||
      SIGNATURE_PARTS.some((part) => hasValue(part, context))
    );
  return valueOf(name, context) !== null;
}

function fill(text: string, context: TemplateContext, unfilled: Set<string>): string {
  const resolve = (name: string): string => {
    const value = valueOf(name, context);
    if (value !== null) return value;
    unfilled.add(name);
    return unfilledMarker(name);
  };
  // Sections of other names may sit inside a section: their text is worked through in turn.
  const sections = (part: string): string =>
    part.replace(SECTION_PATTERN, (_match, mark: string, name: string, inner: string) =>
      (mark === '#') === hasValue(name, context) ? sections(inner) : '',
    );
  const kept = sections(text);
  return kept.replace(PLACEHOLDER_PATTERN, (_match, name: string) => {
    if (name !== 'signature' || nonEmpty(context.values?.signature) !== null) return resolve(name);
    // Only the lines the profile has: a missing phone is the draft checks' to point out,
    // not a gap in the text. With nothing at all, the name is marked.
    const present = SIGNATURE_PARTS.filter((part) => valueOf(part, context) !== null);
    return present.length === 0 ? resolve('senderName') : present.map(resolve).join('\n');
  });
}

/** Fills a template's subject and body; gaps stay as `[[name]]` and are listed in `unfilled`. */
export function fillTemplate(
  template: Pick<NoteTemplate, 'subject' | 'body'>,
  context: TemplateContext,
): FilledNote {
  const unfilled = new Set<string>();
  const subject = fill(template.subject, context, unfilled);
  const body = fill(template.body, context, unfilled);
  return { subject, body, unfilled: [...unfilled] };
}

/** The built-in template with that id, or null. */
export function builtInTemplate(id: string): NoteTemplate | null {
  return BUILT_IN_TEMPLATES.find((template) => template.id === id) ?? null;
}

/** What the suggestion looks at besides the obligation. */
export interface SuggestContext {
  application: Pick<Application, 'status'>;
  /** `decisionBy` absent counts as stated (older callers); null means nobody gave a date. */
  interview: (Pick<Interview, 'kind' | 'outcome'> & { decisionBy?: string | null }) | null;
  /** The user holds an offer from elsewhere and wants an answer before replying to it. */
  holdingOtherOffer?: boolean;
  /** An interviewer of this interview has no known address, so the note goes via the arranger. */
  needsForwarding?: boolean;
}

const THANK_YOU_BY_KIND: Record<InterviewKind, BuiltInTemplateId> = {
  phone: 'after-phone-screen',
  video: 'after-video-call',
  onsite: 'after-onsite',
  panel: 'after-onsite',
  assessment: 'after-assessment',
  other: 'after-interview',
};

/** The answer to a reply, by what the reply says; acknowledgements and the unclear get the user's own words. */
const ANSWER_BY_REPLY: Record<ReplyClass, BuiltInTemplateId | null> = {
  scheduling: 'confirm-time',
  rejection: 'after-rejection',
  // Time to consider first: accepting or declining is the user's choice in the template list.
  offer: 'ask-for-time',
  acknowledgement: null,
  other: null,
};

/**
 * The built-in template that fits an obligation, or null when no template fits (a reply
 * that is unclear or needs no answer is answered in the user's own words).
 */
export function suggestTemplate(
  obligation: Pick<Obligation, 'kind'> & { reply?: Pick<ObligationReply, 'replyClass'> },
  context: SuggestContext,
): BuiltInTemplateId | null {
  if (obligation.kind === 'respond-promptly') {
    const replyClass = obligation.reply?.replyClass ?? null;
    if (replyClass !== null) return ANSWER_BY_REPLY[replyClass];
    if (context.application.status === 'rejected') return 'after-rejection';
    return context.application.status === 'offer' ? 'ask-for-time' : null;
  }
  if (context.application.status === 'rejected') {
    return obligation.kind === 'get-address' ? null : 'after-rejection';
  }
  switch (obligation.kind) {
    case 'thank-you':
      if (context.interview === null) return 'after-interview';
      if (context.interview.outcome === 'bad') return 'after-bad-interview';
      return THANK_YOU_BY_KIND[context.interview.kind];
    case 'arranger-thanks':
      return context.needsForwarding === true ? 'thank-coordinator-forward' : 'thank-coordinator';
    case 'get-address':
      return 'thank-coordinator-forward';
    case 'check-in':
      if (context.holdingOtherOffer === true) return 'check-in-other-offer';
      return context.interview?.decisionBy === null || context.interview === null
        ? 'check-in-no-date'
        : 'check-in-after-decision-date';
    case 'after-rejection':
      return 'after-rejection';
  }
}

/** "Re: " and a subject, without piling up prefixes ("Re: Re:", "AW:", "Fwd:" kept as is). */
export function replySubject(subject: string): string {
  const bare = subject.replace(/^\s*((re|aw|sv|antw)\s*(\[\d+\])?\s*:\s*)+/i, '').trim();
  return `Re: ${bare}`;
}
