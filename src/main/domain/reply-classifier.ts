/**
 * What a reply says: acknowledgement, scheduling (or another concrete next step), rejection,
 * offer, or other. Pure, synchronous and local: hand-written cues per sentence, weighed, with
 * negations and mixed messages sent to "other". Rejection and offer must be right when they
 * are said (they end check-ins or call for a prompt answer), so a weak cue for either gives
 * "other" with a low confidence, which the review list then asks about.
 */
import type { ReplyClass } from '../../shared/model';
import { cleanReplyText } from './reply-text-clean';

export interface ReplyClassification {
  replyClass: ReplyClass;
  /** The sentence that decided it, from the cleaned text, at most 200 characters; '' if none. */
  sentence: string;
  /** From 0 to 1; under `UNSURE_BELOW` the reading should be confirmed by the user. */
  confidence: number;
}

export interface ReplyContext {
  /** The reply's subject; used only when it is not a "Re:" of the user's own note. */
  subject?: string;
}

/** A reading with a confidence under this is unsure: it goes to the review list. */
export const UNSURE_BELOW = 0.6;

/** Longest deciding sentence kept. */
export const MAX_SENTENCE_CHARS = 200;

type Cued = Exclude<ReplyClass, 'other'>;

interface Cue {
  re: RegExp;
  weight: number;
}

/** Words that turn a positive cue around when they come before it in the same sentence. */
const NEGATION =
  /\b(not|n't|no longer|unable|unfortunately|regret|cannot|won't|wouldn't|instead of|rather than)\b/i;

const REJECTION: Cue[] = [
  {
    re: /\b(decided|chosen|elected|opted|made the (difficult |tough )?decision) (not to|to not) (move|proceed|progress|continue|pursue|advance|go ahead|take|extend|offer|make an offer)/i,
    weight: 0.95,
  },
  {
    re: /\b(decided|chosen|elected|opted|going|made the (difficult |tough )?decision|will be|are|have) (to )?(move|moving|go|going|proceed|proceeding|continue|continuing) (forward |ahead )?with (other|another|a different|different|an? (internal|other)|someone|the other|candidates? (who|whose|that))/i,
    weight: 0.95,
  },
  {
    re: /\b(will|shall|are|would|can|could) ?(not|n't) (be )?(moving|move|proceed|proceeding|progress|progressing|advance|advancing|continu(e|ing)|taking|take|pursu(e|ing)|going)\b(?!.*\b(until|unless|before|once)\b)/i,
    weight: 0.9,
  },
  {
    re: /\bwon'?t be (moving|proceeding|progressing|advancing|taking|continuing|pursuing)/i,
    weight: 0.9,
  },
  { re: /\bnot (be )?(moving|going) (forward|ahead)\b/i, weight: 0.9 },
  {
    re: /\b(unable|not able|not in a position) to (offer|extend|move|proceed|progress|advance|take (your|this|you))/i,
    weight: 0.9,
  },
  {
    re: /\b(position|role|vacancy|opening|job|post|req(uisition)?) (has|have|had|was) (now )?(been )?(filled|closed|put on hold|cancell?ed)/i,
    weight: 0.85,
  },
  { re: /\b(filled|closed) (the|this) (position|role|vacancy|opening)/i, weight: 0.85 },
  { re: /\bregret to (inform|let you know|tell you|say)/i, weight: 0.9 },
  {
    re: /\b(not|n't) (been )?(selected|successful|shortlisted|chosen|moving you forward|progress(ing)? your)/i,
    weight: 0.9,
  },
  { re: /\bunsuccessful\b/i, weight: 0.85 },
  {
    re: /\b(chosen|selected|hired|picked|gone with|went with|go with|going with|offered (it|the (role|position|job)) to|given (it|the (role|position|job)) to) (another|a different|an internal|other|someone else|a candidate (who|whose|with|that))/i,
    weight: 0.9,
  },
  {
    re: /\b(move|moving|go|going) (forward|ahead) with (a|one) (candidate|person|applicant) (who|whose|with|that)/i,
    weight: 0.9,
  },
  {
    re: /\b(role|position|vacancy|opening|job) (is|has) (now )?no longer (open|available|being (filled|recruited))/i,
    weight: 0.85,
  },
  { re: /\b(will|are) not be (extending|making|offering) (you )?(an |the )?offer/i, weight: 0.95 },
  {
    re: /\b(go|going|gone|went) (in )?(a )?(different|another) direction\b/i,
    weight: 0.85,
  },
  {
    re: /\b(not|isn't|wasn't) (quite )?(the right|a (good|strong|close)|the best) (fit|match)\b/i,
    weight: 0.75,
  },
  { re: /\bpursue (other|another) (candidates?|applicants?|profiles?)/i, weight: 0.9 },
  {
    re: /\b(other|another) (candidates?|applicants?) (whose|who|with) (experience|background|skills|profile|more closely|better)/i,
    weight: 0.8,
  },
  { re: /\b(closing|close) (out )?your (application|candidacy)/i, weight: 0.85 },
  {
    re: /\bnot (be )?(able to )?(continue|proceed) with your (application|candidacy)/i,
    weight: 0.9,
  },
  { re: /\bkeep your (details|resume|résumé|cv|profile|information) on file\b/i, weight: 0.45 },
  {
    re: /\b(wish|wishing) you (the (very )?best|(the best of |good )?luck|every success|success|all the best) (in|with) (your|the) (job )?(search|future|career|next)/i,
    weight: 0.45,
  },
  { re: /\bunfortunately\b/i, weight: 0.35 },
  { re: /\b(feedback|hear) (is|was) that\b/i, weight: 0.2 },
];

const OFFER: Cue[] = [
  {
    re: /\b(pleased|delighted|happy|thrilled|excited|glad|able) to (formally |officially )?(extend|offer|make|present|send) (you )?(an |a |the |our )?(formal |verbal |written |official |conditional |final )?(job |employment )?offer\b/i,
    weight: 0.97,
  },
  {
    re: /\b(pleased|delighted|happy|thrilled|excited|glad|like|love|want) to (formally |officially )?offer you (the|a|this|our) (position|role|job|post|place|spot|seat)/i,
    weight: 0.97,
  },
  { re: /\b(would|'d) like to (formally )?offer you\b/i, weight: 0.95 },
  {
    re: /\b(attached|enclosed|attaching|find) (is |are )?(your |the |our )?(formal |official |written )?(offer letter|offer of employment|offer package|employment contract)/i,
    weight: 0.95,
  },
  { re: /\b(your|the) offer letter\b/i, weight: 0.75 },
  { re: /\boffer of employment\b/i, weight: 0.85 },
  {
    re: /\b(formal|verbal|written|official|conditional) (job )?offer\b/i,
    weight: 0.75,
  },
  {
    re: /\b(extend|extending|make|making) (you )?(an |a |the )?(job )?offer\b/i,
    weight: 0.85,
  },
  {
    re: /\b(the|this|our|your) offer (is|expires|is valid|stands|details|includes|package|remains)\b/i,
    weight: 0.8,
  },
  {
    re: /\b(base salary|annual salary|starting salary|annual base|signing bonus|sign-on bonus|relocation package|stock options|rsus?|equity grant|start date of)\b/i,
    weight: 0.55,
  },
  { re: /\b(accept|accepting|sign|countersign) (the|this|our|your) offer\b/i, weight: 0.7 },
  { re: /\bwelcome (you )?(aboard|to the team)\b/i, weight: 0.55 },
  { re: /\bcongratulations\b/i, weight: 0.35 },
];

const SCHEDULING: Cue[] = [
  {
    re: /\b(invite|inviting|invitation for) you (to|for) (a|an|the|our|interview|meet|speak|chat|join|come|complete|take|attend|visit|present)\b/i,
    weight: 0.85,
  },
  {
    re: /\b(next|second|final|last|third|onsite|on-site|technical|panel|follow-up|in-person) (round|stage|interview|conversation|step in the process)\b/i,
    weight: 0.65,
  },
  {
    re: /\b(move|moving|advance|advancing|progress|progressing|take|taking|bring|bringing) (you|your application|your candidacy) (forward|on|ahead|through|to (the|our) (next|final|second|\w+ (centre |center )?(stage|round)))/i,
    weight: 0.8,
  },
  {
    re: /\b(your availability|you available|available (on|for|next|this|at|to)|what times? (would |might )?(work|suit)|when (are|would|might) you be (free|available)|times? that (work|suit)|a good time for you|(send|share) (me |us )?(a few |some )?(times|slots|availability))/i,
    weight: 0.85,
  },
  {
    re: /\b(does|would|will|could) (mon|tues|wednes|thurs|fri|satur|sun)day\b.{0,60}\b(work|suit)/i,
    weight: 0.9,
  },
  {
    re: /\b(would|does|will|could) (\d{1,2}(:\d{2})? ?(am|pm)|tomorrow|next week|this week|either|any of these|one of these).{0,60}\b(work|suit)/i,
    weight: 0.85,
  },
  {
    re: /\b(mon|tues|wednes|thurs|fri)day\b.{0,40}\b\d{1,2}([:.]\d{2})? ?(am|pm|[-–] ?\d)/i,
    weight: 0.65,
  },
  {
    re: /(calendly\.com|\bcal\.com|\bgoodtime\b|\bbook (a|your|some) (time|slot)|(pick|choose|select|grab|book) (a|any|an open|a convenient) (time|slot)|scheduling (link|tool|page)|calendar link|self-schedule)/i,
    weight: 0.85,
  },
  {
    re: /\b(schedule|set up|arrange|book|organi[sz]e|line up) (a|an|the|your|some|our|a quick|a short) (.{0,25})?(call|chat|interview|meeting|conversation|time|session|video call|zoom|onsite|visit|loop)/i,
    weight: 0.75,
  },
  { re: /\b(sent|sending|send) (you )?(a |an )?(calendar )?(invite|invitation)\b/i, weight: 0.7 },
  {
    re: /\b(take-home|take home|coding|technical|short) (exercise|challenge|test|assessment|task|assignment)\b/i,
    weight: 0.6,
  },
  {
    re: /\b(meet|speak|talk|chat) with (the |our )?(hiring manager|team|ceo|cto|founder|director|vp|head of)/i,
    weight: 0.6,
  },
  {
    re: /\bnext (step|stage|up)( in the process)? (is|would be|will be)\b/i,
    weight: 0.7,
  },
  { re: /\bbring you (in|back|on-?site|to (the|our) office)\b/i, weight: 0.8 },
  {
    re: /\b(can|could|would) you (do|make|join|jump on|hop on)\b.{0,60}\b(call|chat|meeting|minutes?|min|interview|(mon|tues|wednes|thurs|fri)day|tomorrow|\d ?(am|pm))/i,
    weight: 0.85,
  },
  {
    re: /\b(are|would) you (be )?(free|around)\b.{0,40}\b(call|chat|talk|meet|(mon|tues|wednes|thurs|fri)day|tomorrow|this week|next week|morning|afternoon)/i,
    weight: 0.8,
  },
  {
    re: /\b(grab|find|get|have|spare) (\d+|a few|fifteen|twenty|thirty) (minutes|mins)\b/i,
    weight: 0.8,
  },
  {
    re: /\bconfirm (that |whether |if )?(you are|you're|you can|your) .{0,30}(attend|available|availability|convenient|make it)/i,
    weight: 0.75,
  },
  { re: /\bnext steps?\b/i, weight: 0.3 },
];

const ACKNOWLEDGEMENT: Cue[] = [
  {
    re: /\bthanks?( you)?( so much| very much| again| kindly)? for (your|the|this|sending|following|reaching|getting|taking) ?(kind |thoughtful |lovely |nice |warm |generous )?(note|message|email|e-mail|follow[- ]?up|thank[- ]?you|words|letter|up|back|in touch|out|the time to write)/i,
    weight: 0.7,
  },
  {
    re: /\b(appreciate|appreciated) (your|the|you) (kind )?(note|message|email|follow[- ]?up|thank[- ]?you|words|patience|sending|taking|reaching)/i,
    weight: 0.65,
  },
  {
    re: /\b(will|'ll|shall) (be in touch|get back to you|let you know|reach out|update you|follow up|circle back|be in contact)/i,
    weight: 0.55,
  },
  { re: /\bkeep you (posted|updated|informed|in the loop)\b/i, weight: 0.55 },
  {
    re: /\b(received|got) your (note|message|email|e-mail|thank[- ]?you|letter)\b/i,
    weight: 0.6,
  },
  {
    re: /\b(passed|forwarded|shared|pass|forward|share) (it|this|your (note|message|email|thanks|thank[- ]?you)) (along|on|with)/i,
    weight: 0.55,
  },
  {
    re: /\b(still|currently) (interviewing|reviewing|speaking with|meeting|in the process|finishing)/i,
    weight: 0.45,
  },
  {
    re: /\b(great|a pleasure|nice|lovely|good) (to )?(meet|meeting|speak|speaking|talk|talking|chat|chatting) (with )?you\b/i,
    weight: 0.5,
  },
  { re: /\b(decision|update) (by|within|early|later|next|at the end of)\b/i, weight: 0.35 },
];

/**
 * Things an acknowledgement does not do: ask for something, say the sender is away or gone,
 * or report a delay. Any of these makes a polite "thanks for your note" reply "other".
 */
const OTHER: Cue[] = [
  {
    re: /\b(could|can|would) you (please )?(send|share|fill|complete|confirm|provide|forward|let me know (your|what|if|whether))/i,
    weight: 0.7,
  },
  { re: /^(please )?(send|share|fill in|complete|confirm|provide|attach)\b/i, weight: 0.6 },
  { re: /\bplease (send|share|fill in|complete|confirm|provide|attach|apply)\b/i, weight: 0.6 },
  {
    re: /\b(out of (the )?office|on (annual |parental |sick )?leave|on holiday|on vacation|away until|limited access to email)\b/i,
    weight: 0.7,
  },
  {
    re: /\b(no longer (with|at|work)|not the right person|copied|cc'd|looping in)\b/i,
    weight: 0.7,
  },
  {
    re: /\b(not monitored|no-?reply|do not reply|could not be (delivered|processed))\b/i,
    weight: 0.8,
  },
  { re: /\b(delayed|postponed|pushed back|on hold|hiring freeze|paused)\b/i, weight: 0.6 },
  { re: /\?\s*$/, weight: 0.5 },
];

const CUES: Record<Cued, Cue[]> = {
  rejection: REJECTION,
  offer: OFFER,
  scheduling: SCHEDULING,
  acknowledgement: ACKNOWLEDGEMENT,
};

interface Hit {
  weight: number;
  sentence: string;
}

/** Reads a reply: cleans the text (quotes, signature), then weighs the cues per sentence. */
export function classifyReply(text: string, context: ReplyContext = {}): ReplyClassification {
  const sentences = splitSentences(cleanReplyText(text));
  const subject = context.subject?.trim() ?? '';
  if (subject && !/^(re|aw|sv|antw|rv|r|wg|fw|fwd)\s*:/i.test(subject)) {
    sentences.push(subject);
  }
  const best = new Map<Cued, Hit>();
  const scores = new Map<Cued, number>();
  for (const sentence of sentences) {
    const hits = sentenceHits(sentence);
    for (const [cls, weight] of hits) {
      // Several supporting sentences add up, as independent evidence would (noisy-or).
      scores.set(cls, 1 - (1 - (scores.get(cls) ?? 0)) * (1 - weight));
      const current = best.get(cls);
      if (!current || weight > current.weight) best.set(cls, { weight, sentence });
    }
  }
  const score = (cls: Cued) => scores.get(cls) ?? 0;
  const clip = (cls: Cued) => trimSentence(best.get(cls)?.sentence ?? '');
  const rejection = score('rejection');
  const offer = score('offer');
  const scheduling = score('scheduling');
  const acknowledgement = score('acknowledgement');
  const otherBest = Math.max(0, ...sentences.map((sentence) => otherWeight(sentence)));

  // Both decisive news at once, or one of them plus a concrete next step for it: mixed.
  if (rejection >= 0.7 && offer >= 0.7) return unsure('rejection', rejection, clip);
  if (offer >= 0.75 && rejection < 0.5) {
    return {
      replyClass: 'offer',
      sentence: clip('offer'),
      confidence: confidence(offer, rejection),
    };
  }
  if (rejection >= 0.75 && offer < 0.5) {
    // "Not this role, but we'd like you to interview for another": not a plain rejection.
    if ((best.get('scheduling')?.weight ?? 0) >= 0.8) return unsure('rejection', 0.4, clip);
    return {
      replyClass: 'rejection',
      sentence: clip('rejection'),
      confidence: confidence(rejection, Math.max(offer, scheduling * 0.5)),
    };
  }
  // A hint of either that is not strong enough is worth a question, not a verdict.
  if (rejection >= 0.4 && rejection >= scheduling) return unsure('rejection', rejection, clip);
  if (offer >= 0.5 && offer >= scheduling) return unsure('offer', offer, clip);
  if (scheduling >= 0.6 && scheduling > acknowledgement - 0.2) {
    return {
      replyClass: 'scheduling',
      sentence: clip('scheduling'),
      confidence: confidence(scheduling, Math.max(rejection, offer)),
    };
  }
  if (acknowledgement >= 0.5 && otherBest < 0.5) {
    return {
      replyClass: 'acknowledgement',
      sentence: clip('acknowledgement'),
      confidence: confidence(acknowledgement, Math.max(rejection, offer, scheduling * 0.6)),
    };
  }
  const anyCue = (['scheduling', 'acknowledgement'] as const).find((cls) => score(cls) > 0);
  return {
    replyClass: 'other',
    sentence: anyCue ? clip(anyCue) : '',
    confidence: Math.max(0.1, 0.45 - Math.max(scheduling, acknowledgement) * 0.4),
  };
}

function unsure(suspected: Cued, score: number, clip: (cls: Cued) => string): ReplyClassification {
  return {
    replyClass: 'other',
    sentence: clip(suspected),
    confidence: round(Math.min(UNSURE_BELOW - 0.1, Math.max(0.1, 0.5 - score * 0.3))),
  };
}

/** The winner's score, lowered by how much the strongest rival class also matched. */
function confidence(winner: number, rival: number): number {
  return round(Math.max(0, Math.min(1, winner * (1 - 0.6 * rival))));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** How strongly a sentence asks for something or reports an absence or a delay. */
function otherWeight(sentence: string): number {
  let weight = 0;
  for (const cue of OTHER) if (cue.re.test(sentence)) weight = Math.max(weight, cue.weight);
  return weight;
}

/** The classes a sentence speaks for, with the weight of its strongest cue for each. */
function sentenceHits(sentence: string): Map<Cued, number> {
  const hits = new Map<Cued, number>();
  for (const cls of Object.keys(CUES) as Cued[]) {
    for (const cue of CUES[cls]) {
      const match = cue.re.exec(sentence);
      if (!match) continue;
      // Positive news after a negation in the same sentence is not that news
      // ("we are unable to offer you the role", "we won't move you forward").
      if (cls !== 'rejection' && cls !== 'acknowledgement') {
        const before = sentence.slice(0, match.index);
        if (NEGATION.test(before) || /\b(not|n't)\s*$/i.test(before)) continue;
      }
      hits.set(cls, Math.max(hits.get(cls) ?? 0, cue.weight));
    }
  }
  return hits;
}

/** Sentences of the cleaned text: split at end punctuation and at line breaks. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9"'(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

function trimSentence(sentence: string): string {
  if (sentence.length <= MAX_SENTENCE_CHARS) return sentence;
  return `${sentence.slice(0, MAX_SENTENCE_CHARS - 1).trimEnd()}…`;
}
