/**
 * What a reply says: acknowledgement, scheduling (or another concrete next step), rejection,
 * offer, or other. Pure, synchronous and local: hand-written cues per clause (a sentence split
 * where it turns: "but", "however", ";"), weighed, with negations, conditions ("if", "whether",
 * "hope to"), pauses ("until", "for two weeks") and mixed messages (a closed role beside an
 * invitation to another) sent to "other". Rejection and offer must be right when they are said
 * (they end check-ins or call for a prompt answer), so a weak cue for either, or a sign of the
 * rival one, gives "other" with a low confidence, which the review list then asks about.
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

/** Words that turn a positive cue around when they come before it in the same clause. */
const NEGATION =
  /(\bnot\b|n't\b|\b(no longer|unable|unfortunately|regret|cannot|won't|wouldn't|instead of|rather than)\b)/i;

/**
 * Words that make what follows in the clause a possibility, not news ("if we decide not to
 * proceed", "whether to offer the role at a different level"): no rejection or offer cue counts
 * after them.
 */
const CONDITIONAL =
  /\b(if|whether|in case|should we|unless|once|in the event|before|prior to|hope|hoping|hopefully|expect|may|might|plan(ning)? to|aim(ing)? to|likely|possibly|potentially)\b/i;

/**
 * What is offered when it is not the job: "we'd like to offer you a second interview", "the
 * chance to meet the team". Seen soon after an offer cue, the cue does not count.
 */
const OFFERED_NOT_JOB =
  /^\s*(to (another|one of|someone|other|a different|the other|an? (internal|external|other)?\s?candidate)|(an? |the |our |your )?(second |third |final |follow-up |quick |short |further |another |informal |in-person |video )?(interview|chance|call|meeting|chat|slot|stage|round|conversation|assessment|exercise|test|feedback|coffee|tour|visit|opportunity to (meet|speak|talk|chat|interview|visit|present))\b)/i;

/** A search paused, to come back to: beside a rejection cue, the message is a delay. */
const REOPENS =
  /\b(re-?open(s|ed|ing)?|revisit|resume|restart|pick (it|this|things) (back )?up|postponed|pushed back)\b/i;

/** Words after a rejection cue that make it a pause, not an end ("not proceed until May"). */
const TEMPORARY =
  /\b(until|unless|before|once|yet|without|for the time being|this (quarter|month|week))\b|\bfor (a|one|two|three|four|a few|several|\d+) (more )?(days?|weeks?|months?)\b/i;

/**
 * Where a sentence turns: "X, but Y", "X; however, Y", "although X, Y". Each side is a clause of
 * its own, so a negation on one side does not reach the other, and a rejection on one side
 * beside an invitation on the other is a mixed message.
 */
const CONTRAST =
  /\s*(?:;|\s[-–—]\s|,?\s+(?:but|however|although|though|that said|nevertheless|even so)\b,?)\s*|^(?:but|however|although|though|while)\b,?\s*/i;

/**
 * Another role, team or interview offered in place of this one ("interview for our Customer
 * Success role instead", "a mid-level opening on the same team"): beside a rejection it makes
 * the message mixed, to be asked about.
 */
const ALTERNATIVE: RegExp[] = [
  /\binstead\b/i,
  /\b(another|other|different|new|second|separate|similar|(more )?(senior|junior)|mid-level|related) (role|position|opening|vacancy|job|team|opportunit(y|ies)|headcount|req(uisition)?)s?\b/i,
  /\b(role|position|opening|vacancy|opportunity) (that|which) (opens|is opening|will open|comes up|might suit)/i,
  /\b(interview|talk to you|speak (to|with) you|consider you|keep you in mind) (for|about)\b/i,
];

const REJECTION: Cue[] = [
  {
    re: /\b(decided|chosen|elected|opted|made the (difficult |tough )?decision) (not to|to not) (move|proceed|progress|continue|pursue|advance|go ahead|take (you|your|this)|extend (you|an|the) offer|offer you|make (you )?an offer|fill (the|this) (position|role|vacancy|opening))/i,
    weight: 0.95,
  },
  {
    re: /\b(decided|chosen|elected|opted|going|made the (difficult |tough )?decision|will be|are|have) (to )?(move|moving|go|going|proceed|proceeding|continue|continuing) (forward |ahead )?with (((other|another|a different|different|an? (internal|external|other)|the other) (candidates?|applicants?|people|person|profiles?|finalists?|hires?|individuals?))|someone|candidates? (who|whose|that))/i,
    weight: 0.95,
  },
  // Said with an object, so "we can't move the interview" or "won't be taking calls" is not it,
  // and about the user: "not moving forward with the second candidate" is about someone else.
  {
    re: /(\bnot|n't|\bcannot)\s+(be\s+)?(able\s+to\s+)?(going\s+to\s+)?(mov(e|ing)|proceed(ing)?|progress(ing)?|advanc(e|ing)|continu(e|ing)|tak(e|ing)|pursu(e|ing)|go(ing)?)\s+(any\s+)?((forward|ahead|further)(?!\s+with\s+(?!(you|your|the\s+(application|candidacy|role|position|process|hiring|search|recruitment|vacancy))\b))|(with\s+)?(you|your\s+(application|candidacy|profile))\b)/i,
    weight: 0.9,
  },
  {
    re: /(\bunable to|\bnot able to|\bnot in a position to|(n't|\bnot) be able to|\bcannot|\bcan ?not|\bcan't) (offer you|offer (the|this) (role|position|job)|(extend|make) (you )?(an |the )?offer|(move|proceed|progress|advance) (forward|further|with your)|take (your|you) (application|candidacy|forward|further))/i,
    weight: 0.9,
  },
  {
    re: /\b(position|role|vacancy|opening|job|post|req(uisition)?) (has|have|had|was|is) (now )?(been )?(filled|closed|cancell?ed|withdrawn)/i,
    weight: 0.85,
  },
  {
    re: /\b(filled|closed|cancell?ed|withdrawn) (the|this|that) (position|role|vacancy|opening|search)/i,
    weight: 0.85,
  },
  // A hold without an end is a rejection; a hold "for two weeks" is a delay (OTHER below).
  {
    re: /\bon hold (indefinitely|for the foreseeable future|until further notice|for now and)\b/i,
    weight: 0.85,
  },
  {
    re: /\b(position|role|vacancy|opening|job|req(uisition)?) (has been|have been|is|was|are) (now )?(put )?on hold\b/i,
    weight: 0.75,
  },
  {
    re: /(\bnot|n't|\bno longer)\s+(be\s+)?(proceeding|continuing|going ahead|moving forward) with (the )?(hiring|recruitment|search|process|role|position|vacancy)/i,
    weight: 0.85,
  },
  {
    re: /\b(no longer|not|n't|stopped) (hiring|recruiting) (for|on) (this|the|that) (role|position|vacancy|opening)/i,
    weight: 0.85,
  },
  { re: /\b(indefinitely|permanently) (on hold|paused|frozen|closed|cancell?ed)\b/i, weight: 0.85 },
  {
    re: /\b(closing|close|closed) (all |the )?(remaining )?(applications|candidacies|the (search|process)) (for|on)\b/i,
    weight: 0.85,
  },
  {
    re: /\b(another|other|a different) (candidate|applicant|person|finalist)s? (was|were|is|are|had) (a )?(stronger|better|closer|more (suited|relevant|experienced))\b/i,
    weight: 0.85,
  },
  {
    re: /\b(made|have made|has made) (a|an|the) (hire|appointment) (for|to)\b|\b(appointed|hired) (a|an|another|the successful) (candidate|applicant|person)\b/i,
    weight: 0.85,
  },
  {
    re: /\bdecided to (close|cancel|withdraw|pull) (the|this) (role|position|vacancy|opening|search|req(uisition)?)/i,
    weight: 0.85,
  },
  {
    re: /(\bnot|n't) (be )?(accepting|considering|taking) (any )?(further|more|new|additional) (applications|applicants|candidates)/i,
    weight: 0.85,
  },
  { re: /\bregret to (inform|let you know|tell you|say)/i, weight: 0.9 },
  { re: /\bregret (that|to say that) (we|you|your)\b/i, weight: 0.8 },
  {
    re: /(\bnot|n't) (been )?(selected|successful|shortlisted|chosen|moving you forward|progress(ing)? your)/i,
    weight: 0.9,
  },
  {
    re: /\b((you|your (application|candidacy|interview)) (was|were|has been|have been|is) unsuccessful|unsuccessful (on this occasion|this time|in your application))\b/i,
    weight: 0.85,
  },
  {
    re: /\b(chosen|chose|selected|hired|picked|appointed|gone with|went with|go with|going with|offered (it|the (role|position|job)) to|given (it|the (role|position|job)) to) ((another|a different|an internal|an external|other) (candidates?|applicants?|people|person|profiles?|finalists?|hires?|individuals?)|someone (else|who|whose|with|more|less)|an? (candidate|applicant|person) (who|whose|with|that))/i,
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
    re: /\b((extend(ed|ing)?|mak(e|ing)|made) (an |the |our )?offer to|offer(ed)? (it|the (role|position|job)) to) (another|a different|an internal|other|someone|one of (the|our) (other )?(candidates|applicants|finalists))/i,
    weight: 0.9,
  },
  {
    re: /\b(another|other|a different) (candidate|applicant|person) (has|have) (accepted|been (offered|selected|hired|appointed))/i,
    weight: 0.9,
  },
  {
    re: /\b(go|going|gone|went) (in )?(a )?(different|another) direction\b/i,
    weight: 0.85,
  },
  {
    re: /\b(not|isn't|wasn't|weren't) (quite )?(the right|a (good|strong|close)|the (best|strongest|closest)) (fit|match)\b/i,
    weight: 0.75,
  },
  { re: /\bpursue (other|another) (candidates?|applicants?|profiles?)/i, weight: 0.9 },
  { re: /\bpursue (the )?(candidates?|applicants?|profiles?) (whose|who|with)\b/i, weight: 0.85 },
  {
    re: /\b(have|has) (now )?(filled|closed) (the|this|that) (position|role|vacancy|opening)/i,
    weight: 0.85,
  },
  {
    re: /\b(other|another) (candidates?|applicants?) (whose|who|with) (experience|background|skills|profile|more closely|better)/i,
    weight: 0.8,
  },
  { re: /\b(closing|close) (out )?your (application|candidacy)/i, weight: 0.85 },
  {
    re: /\bnot (be )?(able to )?(continue|proceed) with your (application|candidacy)/i,
    weight: 0.9,
  },
  // A CV kept on file follows a rejection often, but is no rejection by itself.
  {
    re: /\bkeep (your|you) (details|resume|résumé|cv|profile|information|application)? ?(on file|in mind|in our (database|talent pool))/i,
    weight: 0.45,
  },
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
  { re: /\b(would|'d) (like|love) to (formally )?offer you\b/i, weight: 0.95 },
  {
    re: /\b(can|are able to|could now|can now) (formally )?offer you (the|this|a|our) (position|role|job|post|place)/i,
    weight: 0.9,
  },
  {
    re: /\b(like|love|want|delighted to have|pleased to have) you to join (us|the team|our team|\w+) as\b/i,
    weight: 0.8,
  },
  {
    re: /\b(attached|enclosed|attaching|find) (is |are )?(your |the |our )?(formal |official |written )?(offer letter|offer of employment|offer package|employment contract)/i,
    weight: 0.95,
  },
  { re: /\b(your|the) offer letter\b/i, weight: 0.75 },
  {
    re: /\b(approved|prepared|put together|putting together|drafted|have) an offer for you\b/i,
    weight: 0.9,
  },
  { re: /\byou got the (job|role|position)\b/i, weight: 0.9 },
  { re: /\byou('ve| have) been successful\b/i, weight: 0.8 },
  { re: /\boffer (pack|packet|paperwork)\b/i, weight: 0.8 },
  {
    re: /\b(send|sending|sent|email|emailing) (you )?(an|the|your|our) (formal |written |official )?offer\b/i,
    weight: 0.85,
  },
  { re: /\b(contract of employment|employment contract)\b/i, weight: 0.7 },
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
    re: /\b(the|this|our|your) offer (is|expires|is valid|(still )?stands|details|includes|package|remains)\b/i,
    weight: 0.8,
  },
  {
    re: /\b(base salary|annual salary|starting salary|annual base|signing bonus|sign-on bonus|relocation package|stock options|rsus?|equity grant|start date of)\b/i,
    weight: 0.55,
  },
  {
    re: /\b(accept|accepting|accepted|sign|signing|signed|countersign(ed)?) (the|this|our|your) offer\b|\bsigned offer\b/i,
    weight: 0.75,
  },
  {
    re: /\b(call|talk|speak|chat|questions?|go over|walk you through|discuss)( (to |with )?you)?( (about|regarding|on))? (the|our) offer\b(?! from)/i,
    weight: 0.75,
  },
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
    re: /\b(take-home|take home|coding|technical|short|online|video|written|psychometric|personality) (exercise|challenge|test|assessment|task|assignment)\b/i,
    weight: 0.6,
  },
  {
    re: /\b(meet|speak|talk|chat) with (the |our )?(hiring manager|team|ceo|cto|founders?|director|vp|head of)/i,
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
  {
    re: /\b(will|'ll|going to|to) (reach out|be in touch|get in touch|contact you|email you|call you|follow up|send you)( \w+){0,3} (to|about|so we can) (schedule|set up|arrange|book|find a time|organi[sz]e|plan|confirm (a|the) (time|date))/i,
    weight: 0.8,
  },
  {
    re: /\b(moving|move|go|going|proceed|proceeding|progress|progressing) (forward|ahead|on)? ?with your (application|candidacy)\b/i,
    weight: 0.75,
  },
  {
    re: /\b(you('ve| have)?( been)?|you are|you're) (invited|selected|shortlisted|through|progressed|moved|advanced|moving)\b.{0,30}\b(to|for) (the |our )?(next|final|second|third|last|onsite|on-site|in-person|technical|panel)\b/i,
    weight: 0.8,
  },
  { re: /\b(what|how) does your (availability|calendar|schedule|week) look\b/i, weight: 0.85 },
  {
    re: /\b(move|moving|reschedule|rescheduling|push|shift) (the|our|your) (call|interview|meeting|chat|conversation) to\b/i,
    weight: 0.8,
  },
  { re: /\b(get|put|bring) you in front of\b/i, weight: 0.75 },
  { re: /\b(meet|see|speak (to|with)) you (again|once more|one more time)\b/i, weight: 0.7 },
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
    re: /\b(still|are) (being )?(considered|in consideration|under consideration)\b|\b(nothing to report|no news|no update) yet\b/i,
    weight: 0.5,
  },
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
    re: /\b(out of (the )?office|on (annual |parental |sick |maternity |paternity )?leave|on holiday|on vacation|away until|limited access to (e-?mail|the internet)|automatic reply|auto-?reply|autoreply|on my return|when I('m| am) back|travell?ing (this|next|until|for)|patchy (internet|connection|signal))\b/i,
    weight: 0.7,
  },
  // References are asked for near the end, but the request needs the user, not a calendar.
  {
    re: /\b(references?|referees?|reference (check|form|details))\b(?! (number|code|to))/i,
    weight: 0.8,
  },
  // The sender does not know what comes next: nothing to acknowledge as settled.
  {
    re: /\b((can't|cannot|can not) (say|tell|predict|share)|out of my hands|no idea (about|when|whether|if|what)|(not sure|unsure|don't know|do not know)( yet)? (whether|if|what|when|how)|depends on|rescoped|re-?scoped|reorgani[sz]ation|restructur(e|ing))\b/i,
    weight: 0.6,
  },
  {
    re: /\b(no longer (with|at|work)|not the right person|copied|cc'd|looping in)\b/i,
    weight: 0.7,
  },
  {
    re: /\b(not monitored|no-?reply|do not reply|could not be (delivered|processed))\b/i,
    weight: 0.8,
  },
  {
    re: /\b(delayed|postponed|pushed back|on hold|hiring freeze|pause|paused|slipped)\b|(\bnot|n't)\b.{0,60}\buntil\b/i,
    weight: 0.6,
  },
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
  let mixed = false;
  for (const sentence of sentences) {
    const { hits, turns } = sentenceHits(sentence);
    if (turns) mixed = true;
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
  // "This role is closed, but we'd like to talk about another one": not a plain rejection.
  if (mixed && rejection >= 0.4) return unsure('rejection', 0.4, clip);
  // Each decisive reading needs its rival to be all but silent: any sign of the other one
  // ("unfortunately" in an offer, "congratulations" in a rejection) sends it to the review list.
  if (offer >= 0.75 && rejection < 0.5) {
    if (rejection >= 0.35) return unsure('offer', offer, clip);
    return {
      replyClass: 'offer',
      sentence: clip('offer'),
      confidence: confidence(offer, rejection),
    };
  }
  if (rejection >= 0.75 && offer < 0.5) {
    // "Not this role, but we'd like you to interview for another": not a plain rejection.
    if ((best.get('scheduling')?.weight ?? 0) >= 0.8) return unsure('rejection', 0.4, clip);
    if (offer >= 0.35) return unsure('rejection', rejection, clip);
    if (sentences.some((sentence) => REOPENS.test(sentence))) {
      return unsure('rejection', rejection, clip);
    }
    return {
      replyClass: 'rejection',
      sentence: clip('rejection'),
      confidence: confidence(rejection, Math.max(offer, scheduling * 0.5)),
    };
  }
  // A hint of either that is not strong enough is worth a question, not a verdict.
  if (rejection >= 0.4 && rejection >= scheduling) return unsure('rejection', rejection, clip);
  if (offer >= 0.5 && offer >= scheduling) return unsure('offer', offer, clip);
  // A weak scheduling hint ("you're in the final stage") beside a request of another kind
  // (references, documents) is that request.
  const schedulingBest = best.get('scheduling')?.weight ?? 0;
  if (
    scheduling >= 0.6 &&
    scheduling > acknowledgement - 0.2 &&
    (scheduling >= otherBest || schedulingBest >= 0.8)
  ) {
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
    confidence: round(Math.max(0.1, 0.45 - Math.max(scheduling, acknowledgement) * 0.4)),
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

/**
 * The classes a sentence speaks for, with the weight of its strongest cue for each, read clause
 * by clause; `turns` when one clause rejects and a contrasting clause offers another role, an
 * interview or a meeting.
 */
function sentenceHits(sentence: string): { hits: Map<Cued, number>; turns: boolean } {
  const hits = new Map<Cued, number>();
  const clauses = splitClauses(sentence).map((clause) => ({
    clause,
    hits: clauseHits(clause),
  }));
  for (const { hits: clauseMap } of clauses) {
    for (const [cls, weight] of clauseMap) hits.set(cls, Math.max(hits.get(cls) ?? 0, weight));
  }
  const rejects = clauses.some((c) => (c.hits.get('rejection') ?? 0) >= 0.75);
  const turns =
    rejects &&
    clauses.some(
      (c) =>
        (c.hits.get('rejection') ?? 0) < 0.75 &&
        ((c.hits.get('scheduling') ?? 0) >= 0.6 || ALTERNATIVE.some((re) => re.test(c.clause))),
    );
  return { hits, turns };
}

/** The clauses of a sentence, split where it turns ("but", "however", ";"). */
export function splitClauses(sentence: string): string[] {
  return sentence
    .split(CONTRAST)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

/** The classes one clause speaks for, with the weight of its strongest cue for each. */
function clauseHits(clause: string): Map<Cued, number> {
  const hits = new Map<Cued, number>();
  for (const cls of Object.keys(CUES) as Cued[]) {
    for (const cue of CUES[cls]) {
      const match = cue.re.exec(clause);
      if (!match) continue;
      const before = clause.slice(0, match.index);
      // Positive news after a negation in the same clause is not that news
      // ("we are unable to offer you the role", "we won't move you forward").
      if (cls !== 'rejection' && cls !== 'acknowledgement') {
        if (NEGATION.test(before) || /(\bnot|n't)\s*$/i.test(before)) continue;
      }
      // "We have not yet decided to go with another candidate" is the opposite of the news.
      if (cls === 'rejection' && /(\bnot|n't|\bnever)( yet| quite)?\s*$/i.test(before)) continue;
      // Decisive news under a condition is a possibility ("if we decide not to proceed").
      if ((cls === 'rejection' || cls === 'offer') && CONDITIONAL.test(before)) continue;
      const after = clause.slice(match.index + match[0].length);
      if (cls === 'offer' && OFFERED_NOT_JOB.test(after)) continue;
      if (cls === 'rejection' && TEMPORARY.test(after)) continue;
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
