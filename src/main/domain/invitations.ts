/**
 * From a calendar invitation to a proposal the user accepts, edits or dismisses: which
 * application it probably belongs to and why, who the interviewers are, and whether it is a
 * new interview, a move or a cancellation of one already tracked. Then, once the user has
 * decided, the plan of what to save. Nothing here creates anything.
 *
 * Pure: the workspace, the user's addresses and zone, and the current instant come in as
 * arguments.
 */
import { DateTime } from 'luxon';
import type {
  Application,
  CalendarAttendee,
  CalendarInvite,
  CalendarPerson,
  Interview,
  InterviewInviteLink,
  InterviewKind,
  InvitationApplicationMatch,
  InvitationPerson,
  InvitationProposal,
  InvitationProposalKind,
  Participant,
  ParticipantRole,
  Person,
} from '../../shared/model';
import { addressDomain, normalizeAddress, normalizeAddresses } from './addresses';
import { resolveZone } from './business-days';

/** What the proposal looks at besides the invitation. */
export interface InvitationWorkspace {
  applications: readonly Application[];
  interviews: readonly Interview[];
  people: readonly Person[];
  participants: readonly Participant[];
  /** Which interviews came from which calendar events. */
  links: readonly InterviewInviteLink[];
}

export interface ProposeInput extends InvitationWorkspace {
  invite: CalendarInvite;
  /** The user's own addresses: never interviewers. */
  userAddresses: readonly string[];
  /** Used when the invitation gives no zone of its own. */
  userTimeZone: string;
  /** The copy of this event the user accepted last, if any: whom they left out then. */
  previousInvite?: CalendarInvite | null;
}

/** Score from which a match is taken as the application's, and from which it is sure. */
const LIKELY = 35;
const SURE = 60;

/** Mail providers anyone can have an address at: their domain says nothing about a company. */
const PERSONAL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'proton.me',
  'protonmail.com',
  'mail.com',
  'fastmail.com',
]);

/** Scheduling tools and calendars that send invitations on a company's behalf. */
const TOOL_DOMAINS =
  /(^|\.)(greenhouse\.io|lever\.co|calendly\.com|goodtime\.io|myworkday\.com|workday\.com|smartrecruiters\.com|ashbyhq\.com|teamtailor\.com|personio\.de|recruitee\.com|calendar\.google\.com|google\.com|zoom\.us|microsoft\.com)$/;

/** Addresses that are machines: no-reply senders, calendar and resource mailboxes. */
const MACHINE_ADDRESS =
  /^(no-?reply|do-?not-?reply|donotreply|noreply|calendar|calendar-notification|notifications?|mailer-daemon|postmaster|scheduling|scheduler)([+._-][^@]*)?@|@(resource|group)\.calendar\.google\.com$/i;

/** Words that say a person arranges interviews rather than holds them. */
const ARRANGER_WORDS =
  /recruit|talent|sourc|coordinat|people ?(ops|operations|team|partner)|\bhr\b|human resources|careers?|\bjobs?\b|hiring team|\bhiring\b(?! manager)|staffing|assistant|early careers|scheduling|\bta\b/i;

/** Titles of people who hold interviews: a hiring manager, a lead, an engineer, a director, a head of … */
const HIRING_TITLE =
  /\b(hiring manager|manager|lead|leader|engineer(ing)?|developer|director|head of|vp|vice president|chief|cto|ceo|coo|founder|principal|architect|scientist|designer|analyst|partner|staff)\b/i;

/** Domains of scheduling and applicant-tracking tools that send invitations for recruiters. */
const SCHEDULING_TOOL_DOMAINS =
  /(^|\.)(greenhouse\.io|lever\.co|goodtime\.io|calendly\.com|ashbyhq\.com|smartrecruiters\.com|myworkday\.com|workday\.com|icims\.com|gem\.com|modernloop\.io|prelude\.co|paradox\.ai|teamtailor\.com|recruitee\.com|personio\.de|personio\.com|workable\.com|jobvite\.com|bamboohr\.com|rippling\.com|cronofy\.com|doodle\.com|youcanbook\.me)$/i;

const ROLE_NOUNS =
  /\b(engineer|developer|designer|manager|analyst|scientist|architect|consultant|specialist|director|intern|lead|administrator|researcher|writer|marketer|associate|officer|programme|program|trainee)\b/i;

const INTERVIEW_WORDS =
  /\b(interviews?|panel|phone|screen(ing)?|technical|on-?site|video|call|chat|hold|loop|round|final|first|second|third|with|meeting|invitation|assessment|day|cancelled|canceled|updated?|moved|candidate)\b/gi;

const STOP_WORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'senior',
  'junior',
  'staff',
  'lead',
  'principal',
  'head',
  'of',
  'gmbh',
  'inc',
  'ltd',
]);

/** Turns an invitation into what accepting it would do; see the module comment. */
export function proposeInvitation(input: ProposeInput): InvitationProposal {
  const { invite } = input;
  const own = new Set(normalizeAddresses(input.userAddresses));
  const personByEmail = indexPeople(input.people);
  const interviewById = new Map(input.interviews.map((i) => [i.id, i]));
  const link = input.links.find((l) => l.uid === invite.uid && interviewById.has(l.interviewId));
  const existing = link ? (interviewById.get(link.interviewId) ?? null) : null;

  const kind = proposalKind(invite, link ?? null, existing);
  let candidates = rankApplications(invite, own, input);
  if (existing) {
    const owner = input.applications.find((a) => a.id === existing.applicationId);
    if (owner) {
      const tracked: InvitationApplicationMatch = {
        applicationId: owner.id,
        company: owner.company,
        roleTitle: owner.roleTitle,
        score: 100,
        confidence: 'sure',
        reasons: ['This interview is already tracked for this application.'],
      };
      candidates = [tracked, ...candidates.filter((c) => c.applicationId !== owner.id)];
    }
  }
  const likely = candidates[0] && candidates[0].score >= LIKELY ? candidates[0] : null;
  const found = peopleOf(invite, own, personByEmail, input, likely?.applicationId ?? null);
  const excluded = found.excluded;
  const people = existing
    ? asTracked(found.people, existing, input, input.previousInvite ?? null)
    : found.people;
  const interviewers = people.filter((p) => p.suggested === 'interviewer');
  const timeZone = resolveZone(invite.timeZone ?? input.userTimeZone);

  const best = likely;
  const newApplication = guessNewApplication(invite, own);
  const interviewKind = existing?.kind ?? guessKind(invite, interviewers.length);

  return {
    kind,
    invite,
    headline: headline({
      kind,
      invite,
      interviewKind,
      company: best?.company ?? (newApplication.company || organizerName(invite)),
      interviewers,
      timeZone,
      existing,
    }),
    application: best,
    candidates,
    newApplication,
    people,
    excluded,
    interviewKind,
    timeZone,
    existingInterviewId: existing?.id ?? null,
    changes:
      existing && kind !== 'unchanged' ? changesOf(invite, existing, timeZone, input, people) : [],
  };
}

function proposalKind(
  invite: CalendarInvite,
  link: InterviewInviteLink | null,
  existing: Interview | null,
): InvitationProposalKind {
  if (!link || !existing) return invite.cancelled ? 'unchanged' : 'new';
  // An older copy of the invitation than the one already applied changes nothing.
  if (invite.sequence < link.sequence) return 'unchanged';
  if (invite.cancelled) return existing.cancelled ? 'unchanged' : 'cancel';
  if (invite.sequence === link.sequence) return 'unchanged';
  return 'reschedule';
}

function indexPeople(people: readonly Person[]): Map<string, Person> {
  const map = new Map<string, Person>();
  for (const person of people) {
    for (const email of normalizeAddresses(person.emails))
      if (!map.has(email)) map.set(email, person);
  }
  return map;
}

/** A readable name: the person's as tracked, the CN ("Müller, Jürgen" turned round), or from the address. */
export function displayName(person: CalendarPerson, known: Person | undefined): string {
  if (known) return known.name;
  const name = person.name?.trim() ?? '';
  const turned = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (turned && !/@/.test(name)) return `${turned[2]!.trim()} ${turned[1]!.trim()}`;
  if (name !== '' && !name.includes('@')) return name;
  const local = person.email.split('@')[0] ?? person.email;
  const words = local
    .replace(/\+.*$/, '')
    .split(/[._-]+/)
    .filter((w) => w !== '' && !/^\d+$/.test(w));
  if (words.length === 0) return person.email;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

function peopleOf(
  invite: CalendarInvite,
  own: Set<string>,
  personByEmail: Map<string, Person>,
  workspace: InvitationWorkspace,
  applicationId: string | null,
): { people: InvitationPerson[]; excluded: InvitationProposal['excluded'] } {
  const excluded: InvitationProposal['excluded'] = [];
  const seenExcluded = new Set<string>();
  const exclude = (person: CalendarPerson, reason: string) => {
    if (seenExcluded.has(person.email)) return;
    seenExcluded.add(person.email);
    excluded.push({ email: person.email, name: person.name, reason });
  };
  const usable = (person: CalendarPerson & { kind?: CalendarAttendee['kind'] }): boolean => {
    if (own.has(person.email)) return (exclude(person, 'That is you.'), false);
    if (person.kind === 'room' || person.kind === 'resource') {
      return (exclude(person, 'A room or resource, not a person.'), false);
    }
    if (MACHINE_ADDRESS.test(person.email)) {
      return (exclude(person, 'An automatic sender, not a person.'), false);
    }
    return true;
  };

  const organizer = invite.organizer && usable(invite.organizer) ? invite.organizer : null;
  const attendees = invite.attendees.filter((a) => usable(a) && a.email !== organizer?.email);
  const arrangedBefore = new Set(
    workspace.participants.filter((p) => p.role === 'arranger').map((p) => p.personId),
  );
  const counts = (a: CalendarAttendee): boolean =>
    a.partstat !== 'DECLINED' && a.role !== 'NON-PARTICIPANT' && a.role !== 'OPT-PARTICIPANT';

  const people: InvitationPerson[] = [];
  let arranger = false;
  if (organizer) {
    const known = personByEmail.get(organizer.email);
    const entry = invite.attendees.find((a) => a.email === organizer.email);
    const looks = partOf(organizer, known, arrangedBefore, workspace, applicationId);
    let suggested: InvitationPerson['suggested'];
    let note: string;
    if (entry && !counts(entry)) {
      suggested = 'none';
      note = 'Sent the invitation but does not take part.';
    } else if (looks.part !== null && (looks.part === 'interviewer' || attendees.length > 0)) {
      suggested = looks.part;
      note = `Sent the invitation. ${looks.why}`;
    } else if (attendees.length === 0) {
      // A recruiter alone with the user holds the conversation (a phone screen).
      suggested = 'interviewer';
      note = 'Sent the invitation and is the only other person in it.';
    } else {
      // Only someone who looks like a recruiter or coordinator is taken for the arranger.
      suggested = 'interviewer';
      note = entry
        ? 'Sent the invitation and takes part.'
        : 'Sent the invitation; organisers are often not listed as guests.';
    }
    arranger = suggested === 'arranger';
    people.push({
      name: displayName(organizer, known),
      email: organizer.email,
      personId: known?.id ?? null,
      suggested,
      note,
    });
  }
  for (const attendee of attendees) {
    const known = personByEmail.get(attendee.email);
    let suggested: InvitationPerson['suggested'] = 'interviewer';
    let note: string | null = null;
    const looks = partOf(attendee, known, arrangedBefore, workspace, applicationId);
    if (attendee.partstat === 'DECLINED') {
      suggested = 'none';
      note = 'Declined the invitation.';
    } else if (attendee.role === 'NON-PARTICIPANT') {
      suggested = 'none';
      note = 'Invited for information only.';
    } else if (attendee.role === 'OPT-PARTICIPANT') {
      suggested = 'none';
      note = 'An optional guest.';
    } else if (looks.part === 'arranger') {
      suggested = arranger ? 'none' : 'arranger';
      note = looks.why;
      arranger ||= suggested === 'arranger';
    } else if (looks.part === 'interviewer' && looks.known) {
      note = looks.why;
    }
    people.push({
      name: displayName(attendee, known),
      email: attendee.email,
      personId: known?.id ?? null,
      suggested,
      note,
    });
  }
  return { people, excluded };
}

/** What a person's part looks like from what is known of them, and why; `part` null when nothing says. */
interface LikelyPart {
  part: 'interviewer' | 'arranger' | null;
  why: string;
  /** The part comes from what the workspace already knows of the person. */
  known: boolean;
}

/**
 * Whether a person of an invitation looks like an interviewer or like the one who arranges:
 * an interviewer of the application already, or someone who arranged an interview, is taken
 * as such; then their title, name and address: a recruiting, talent or people-ops word makes
 * an arranger (a "talent acquisition manager" arranges), a hiring title (manager, lead,
 * engineer, director, head of …) an interviewer; an address at a scheduling tool an arranger.
 */
export function partOf(
  person: CalendarPerson,
  known: Person | undefined,
  arrangedBefore: ReadonlySet<string>,
  workspace: InvitationWorkspace,
  applicationId: string | null,
): LikelyPart {
  if (known && applicationId !== null) {
    const interviews = new Set(
      workspace.interviews.filter((i) => i.applicationId === applicationId).map((i) => i.id),
    );
    const interviewed = workspace.participants.some(
      (p) => p.personId === known.id && p.role === 'interviewer' && interviews.has(p.interviewId),
    );
    if (interviewed) {
      return {
        part: 'interviewer',
        why: 'Already an interviewer for this application.',
        known: true,
      };
    }
  }
  if (known && arrangedBefore.has(known.id)) {
    return { part: 'arranger', why: 'Arranged an interview before.', known: true };
  }
  const local = person.email.split('@')[0] ?? '';
  const words = `${known?.title ?? ''} ${person.name ?? ''} ${local.replace(/[._-]+/g, ' ')}`;
  if (/\bhiring manager\b/i.test(words)) {
    return { part: 'interviewer', why: 'Has a hiring title.', known: false };
  }
  if (ARRANGER_WORDS.test(words)) {
    return { part: 'arranger', why: 'Looks like a recruiter or coordinator.', known: false };
  }
  if (HIRING_TITLE.test(words)) {
    return { part: 'interviewer', why: 'Has a hiring title.', known: false };
  }
  const domain = addressDomain(person.email);
  if (domain !== null && SCHEDULING_TOOL_DOMAINS.test(domain)) {
    return {
      part: 'arranger',
      why: `Writes from ${domain}, a scheduling tool recruiters use.`,
      known: false,
    };
  }
  return { part: null, why: '', known: false };
}

/**
 * For a copy of an event already tracked: people of the interview keep their part, people the
 * user left out when accepting an earlier copy stay out, and only newcomers get a suggestion.
 */
function asTracked(
  people: InvitationPerson[],
  existing: Interview,
  workspace: InvitationWorkspace,
  previous: CalendarInvite | null,
): InvitationPerson[] {
  const roles = new Map<string, ParticipantRole>();
  for (const participant of workspace.participants) {
    if (participant.interviewId !== existing.id) continue;
    const person = workspace.people.find((p) => p.id === participant.personId);
    for (const email of normalizeAddresses(person?.emails ?? [])) {
      if (!roles.has(email) || participant.role === 'interviewer')
        roles.set(email, participant.role);
    }
  }
  const before = new Set(
    previous ? [previous.organizer?.email, ...previous.attendees.map((a) => a.email)] : [],
  );
  return people.map((p) => {
    const role = roles.get(p.email);
    if (role === 'interviewer') {
      return { ...p, suggested: role, note: 'Already an interviewer of this interview.' };
    }
    if (role === 'arranger') return { ...p, suggested: role, note: 'Arranged this interview.' };
    if (before.has(p.email)) {
      return {
        ...p,
        suggested: 'none',
        note: 'Left out when you accepted the earlier invitation.',
      };
    }
    return { ...p, note: p.note ? `New in this invitation. ${p.note}` : 'New in this invitation.' };
  });
}

/** Lower-case words with legal forms and punctuation taken out: "ACME Robotics GmbH" → "acme robotics". */
function companyKey(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\b(gmbh|ag|inc|ltd|llc|plc|corp|co|se|sa|bv|nv|oy|ab|as|kg)\b\.?/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function containsWords(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  return ` ${haystack} `.includes(` ${needle} `);
}

function domainMatches(domain: string, companyDomains: readonly string[]): string | null {
  for (const raw of companyDomains) {
    const d = raw.trim().toLowerCase();
    if (d !== '' && (domain === d || domain.endsWith(`.${d}`))) return d;
  }
  return null;
}

/** The part of a domain that names the company: "mail.acme-robotics.example" → "acme robotics". */
function domainLabelKey(domain: string): string {
  const labels = domain.split('.');
  const label = labels.length >= 2 ? labels[labels.length - 2]! : (labels[0] ?? '');
  return companyKey(label.replace(/-/g, ' '));
}

function isCompanyDomain(domain: string | null): domain is string {
  return domain !== null && !PERSONAL_DOMAINS.has(domain) && !TOOL_DOMAINS.test(domain);
}

function rankApplications(
  invite: CalendarInvite,
  own: Set<string>,
  workspace: InvitationWorkspace,
): InvitationApplicationMatch[] {
  const summary = companyKey(invite.summary);
  const details = companyKey(`${invite.description} ${invite.location ?? ''}`);
  const organizerDomain = invite.organizer ? addressDomain(invite.organizer.email) : null;
  const guests = invite.attendees.filter(
    (a) => !own.has(a.email) && a.kind !== 'room' && a.kind !== 'resource',
  );
  const guestEmails = new Set(
    [invite.organizer?.email, ...guests.map((a) => a.email)].filter(
      (e): e is string => typeof e === 'string' && !own.has(e),
    ),
  );
  const interviewsByApplication = new Map<string, Set<string>>();
  for (const interview of workspace.interviews) {
    const set = interviewsByApplication.get(interview.applicationId) ?? new Set<string>();
    set.add(interview.id);
    interviewsByApplication.set(interview.applicationId, set);
  }
  const personById = new Map(workspace.people.map((p) => [p.id, p]));

  const ranked: InvitationApplicationMatch[] = [];
  for (const application of workspace.applications) {
    let score = 0;
    const reasons: string[] = [];
    const company = companyKey(application.company);

    const organizerHit =
      organizerDomain !== null ? domainMatches(organizerDomain, application.companyDomains) : null;
    if (organizerHit) {
      score += 50;
      reasons.push(
        `The invitation comes from ${organizerDomain}, a mail domain of ${application.company}.`,
      );
    } else {
      const guestHit = guests
        .map((g) => addressDomain(g.email))
        .find(
          (d): d is string => d !== null && domainMatches(d, application.companyDomains) !== null,
        );
      if (guestHit) {
        score += 40;
        reasons.push(`Guests write from ${guestHit}, a mail domain of ${application.company}.`);
      } else if (
        isCompanyDomain(organizerDomain) &&
        company !== '' &&
        domainLabelKey(organizerDomain).replace(/ /g, '') === company.replace(/ /g, '')
      ) {
        score += 30;
        reasons.push(
          `The invitation comes from ${organizerDomain}, which looks like ${application.company}.`,
        );
      }
    }

    if (containsWords(summary, company)) {
      score += 40;
      reasons.push(`The title names ${application.company}.`);
    } else if (containsWords(details, company)) {
      score += 20;
      reasons.push(`The description names ${application.company}.`);
    }

    const roleKey = companyKey(application.roleTitle);
    if (roleKey !== '' && containsWords(summary, roleKey)) {
      score += 25;
      reasons.push(`The title names the role, ${application.roleTitle}.`);
    } else {
      const words = roleKey.split(' ').filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
      const hits = words.filter((w) => containsWords(summary, w));
      if (hits.length > 0 && words.length > 0) {
        score += Math.min(20, hits.length * 8);
        reasons.push(
          `The title mentions ${hits.map((w) => `“${w}”`).join(' and ')} from the role.`,
        );
      }
    }

    const ownInterviews = interviewsByApplication.get(application.id) ?? new Set<string>();
    const met = new Map<string, string>();
    for (const participant of workspace.participants) {
      if (!ownInterviews.has(participant.interviewId)) continue;
      const person = personById.get(participant.personId);
      if (!person) continue;
      if (normalizeAddresses(person.emails).some((e) => guestEmails.has(e))) {
        met.set(person.id, person.name);
      }
    }
    if (met.size > 0) {
      score += 45;
      const names = [...met.values()];
      reasons.push(
        `${listWords(names)} ${names.length === 1 ? 'is' : 'are'} in it, already known from this application.`,
      );
    }

    if (score === 0) continue;
    if (['rejected', 'withdrawn', 'accepted'].includes(application.status)) {
      score = Math.round(score / 2);
      reasons.push('The application is closed, so this is less likely.');
    }
    ranked.push({
      applicationId: application.id,
      company: application.company,
      roleTitle: application.roleTitle,
      score: Math.min(100, score),
      confidence: score >= SURE ? 'sure' : score >= LIKELY ? 'likely' : 'weak',
      reasons,
    });
  }
  const updated = new Map(workspace.applications.map((a) => [a.id, a.updatedAt]));
  return ranked.sort(
    (a, b) =>
      b.score - a.score ||
      (updated.get(b.applicationId) ?? 0) - (updated.get(a.applicationId) ?? 0),
  );
}

function titleCase(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** What a new application would be called, from the organiser's domain and the title. */
function guessNewApplication(
  invite: CalendarInvite,
  own: Set<string>,
): InvitationProposal['newApplication'] {
  const domains = [invite.organizer?.email, ...invite.attendees.map((a) => a.email)]
    .filter((e): e is string => typeof e === 'string' && !own.has(e) && !MACHINE_ADDRESS.test(e))
    .map((e) => addressDomain(e))
    .filter(isCompanyDomain);
  const domain = domains[0] ?? null;
  const company = domain ? titleCase(domainLabelKey(domain)) : '';
  const companyPattern =
    company === '' ? null : new RegExp(company.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  const segments = invite.summary.split(/\s[–—-]\s|[:|/()]/).map((s) => s.trim());
  let roleTitle = '';
  for (const segment of segments) {
    if (!ROLE_NOUNS.test(segment)) continue;
    const cleaned = (companyPattern ? segment.replace(companyPattern, ' ') : segment)
      .replace(INTERVIEW_WORDS, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (cleaned !== '' && ROLE_NOUNS.test(cleaned)) {
      roleTitle = cleaned;
      break;
    }
  }
  return { company, roleTitle, companyDomains: domain ? [domain] : [] };
}

/** The kind the title and place suggest; the user can change it. */
export function guessKind(invite: CalendarInvite, interviewers: number): InterviewKind {
  const title = invite.summary;
  if (/assessment|assessment centre|assessment center/i.test(title) || invite.allDay) {
    return 'assessment';
  }
  if (/\bphone\b|\btelephone\b/i.test(title)) return 'phone';
  if (/\bpanel\b/i.test(title) || interviewers >= 3) return 'panel';
  if (/\bon-?site\b|\bin person\b|\boffice visit\b/i.test(title)) return 'onsite';
  if (isPhysicalPlace(invite.location)) return 'onsite';
  if (invite.meetingLink || /\bvideo\b|\bzoom\b|\bteams\b|\bmeet\b/i.test(title)) return 'video';
  return 'other';
}

/** A place one can walk to: not empty, not a link, not just the name of a video service. */
function isPhysicalPlace(location: string | null): location is string {
  if (!location) return false;
  if (/^https?:\/\//i.test(location.trim())) return false;
  return !/^(microsoft teams( meeting)?|zoom( meeting)?|google meet|webex|skype( meeting)?|online|video call|phone)$/i.test(
    location.trim(),
  );
}

/** Where the interview is: the physical place, else the meeting link, else what the file says. */
export function placeOf(invite: CalendarInvite): string | null {
  if (isPhysicalPlace(invite.location)) return invite.location;
  return invite.meetingLink ?? invite.location;
}

const KIND_PHRASES: Record<InterviewKind, string> = {
  phone: 'Phone screen',
  video: 'Video interview',
  onsite: 'On-site interview',
  panel: 'Panel interview',
  assessment: 'Assessment day',
  other: 'Interview',
};

function when(invite: { startsAt: number; allDay: boolean }, zone: string): string {
  const start = DateTime.fromMillis(invite.startsAt, { zone });
  return invite.allDay
    ? `${start.toFormat('ccc d LLL')} (all day)`
    : `${start.toFormat('ccc d LLL, HH:mm')} (${zone})`;
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function organizerName(invite: CalendarInvite): string {
  return invite.organizer ? displayName(invite.organizer, undefined) : 'someone';
}

function headline(args: {
  kind: InvitationProposalKind;
  invite: CalendarInvite;
  interviewKind: InterviewKind;
  company: string;
  interviewers: InvitationPerson[];
  timeZone: string;
  existing: Interview | null;
}): string {
  const { invite, timeZone, interviewers } = args;
  const what = `${KIND_PHRASES[args.interviewKind]} with ${args.company}`;
  const people =
    interviewers.length === 0
      ? 'no interviewers named yet'
      : `${interviewers.length} interviewer${interviewers.length === 1 ? '' : 's'}: ${interviewers
          .map((p) => p.name)
          .join(', ')}`;
  switch (args.kind) {
    case 'cancel':
      return `Cancelled: ${what.charAt(0).toLowerCase()}${what.slice(1)} on ${when(invite, timeZone)}`;
    case 'reschedule': {
      const before = args.existing;
      const moved =
        before && (before.startsAt !== invite.startsAt || before.endsAt !== invite.endsAt);
      return moved
        ? `Moved: ${what.charAt(0).toLowerCase()}${what.slice(1)} is now on ${when(invite, timeZone)}, ${people}`
        : `Updated: ${what.charAt(0).toLowerCase()}${what.slice(1)} on ${when(invite, timeZone)}, ${people}`;
    }
    case 'unchanged':
      return `Already up to date: ${what.charAt(0).toLowerCase()}${what.slice(1)} on ${when(invite, timeZone)}`;
    case 'new':
      return `${what} on ${when(invite, timeZone)}, ${people}`;
  }
}

function changesOf(
  invite: CalendarInvite,
  existing: Interview,
  timeZone: string,
  workspace: InvitationWorkspace,
  people: InvitationPerson[],
): string[] {
  if (invite.cancelled) {
    return [
      `The interview on ${when({ ...existing, allDay: false }, existing.timeZone)} will be marked as cancelled.`,
    ];
  }
  const changes: string[] = [];
  if (existing.startsAt !== invite.startsAt || existing.endsAt !== invite.endsAt) {
    changes.push(
      `Moves from ${when({ ...existing, allDay: false }, existing.timeZone)} to ${when(invite, timeZone)}.`,
    );
  }
  const place = placeOf(invite);
  if (place !== null && place !== existing.location) changes.push(`New place: ${place}.`);
  const tracked = new Set(
    workspace.participants
      .filter((p) => p.interviewId === existing.id)
      .flatMap((p) => workspace.people.find((person) => person.id === p.personId)?.emails ?? [])
      .map((e) => normalizeAddress(e))
      .filter((e): e is string => e !== null),
  );
  const added = people.filter((p) => p.suggested === 'interviewer' && !tracked.has(p.email));
  if (added.length > 0)
    changes.push(`New in the invitation: ${listWords(added.map((p) => p.name))}.`);
  return changes;
}

/** What the user decided on the proposal card. */
export interface AcceptChoices {
  /** An existing application, or a new one with these fields. */
  application:
    | { id: string }
    | { new: { company: string; roleTitle: string; companyDomains: string[] } }
    | null;
  kind: InterviewKind | null;
  /** Addresses of the people who interviewed; null keeps the suggestion. */
  interviewers: string[] | null;
  /** Address of whoever arranged it, null for nobody; undefined keeps the suggestion. */
  arranger: string | null | undefined;
}

/** A person to add to the interview: an existing one by id, or a new one. */
export interface PlannedParticipant {
  personId: string | null;
  name: string;
  email: string;
  role: ParticipantRole;
}

/** What to save when the user accepts; the service writes it in one transaction. */
export type AcceptancePlan =
  | {
      action: 'create';
      application:
        { id: string } | { new: { company: string; roleTitle: string; companyDomains: string[] } };
      interview: Omit<Interview, 'id' | 'applicationId'>;
      participants: PlannedParticipant[];
      link: { uid: string; sequence: number };
    }
  | {
      action: 'move';
      interview: Interview;
      /** Added to those the interview already has. */
      participants: PlannedParticipant[];
      link: { uid: string; sequence: number };
    }
  | { action: 'cancel'; interview: Interview; link: { uid: string; sequence: number } }
  | { action: 'none' };

/** Problems with the user's choices, in words; the plan is only made without any. */
export class AcceptChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AcceptChoiceError';
  }
}

/** The plan for accepting a proposal with the user's choices. */
export function planAcceptance(
  proposal: InvitationProposal,
  choices: AcceptChoices,
  workspace: InvitationWorkspace,
): AcceptancePlan {
  const { invite } = proposal;
  const link = { uid: invite.uid, sequence: invite.sequence };
  const existing =
    proposal.existingInterviewId === null
      ? null
      : (workspace.interviews.find((i) => i.id === proposal.existingInterviewId) ?? null);
  if (proposal.kind === 'unchanged') return { action: 'none' };
  if (proposal.kind === 'cancel') {
    if (!existing) return { action: 'none' };
    return { action: 'cancel', interview: { ...existing, cancelled: true }, link };
  }

  const byEmail = new Map(proposal.people.map((p) => [p.email, p]));
  const pick = (email: string): InvitationPerson => {
    const normalized = normalizeAddress(email);
    const person = normalized === null ? undefined : byEmail.get(normalized);
    if (!person)
      throw new AcceptChoiceError(`${email} is not one of the people in this invitation.`);
    return person;
  };
  const interviewers = (
    choices.interviewers ??
    proposal.people.filter((p) => p.suggested === 'interviewer').map((p) => p.email)
  ).map(pick);
  const arrangerEmail =
    choices.arranger === undefined
      ? (proposal.people.find((p) => p.suggested === 'arranger')?.email ?? null)
      : choices.arranger;
  const arranger = arrangerEmail === null ? null : pick(arrangerEmail);
  const participants: PlannedParticipant[] = [
    ...interviewers.map((p) => ({
      personId: p.personId,
      name: p.name,
      email: p.email,
      role: 'interviewer' as const,
    })),
    ...(arranger && !interviewers.includes(arranger)
      ? [
          {
            personId: arranger.personId,
            name: arranger.name,
            email: arranger.email,
            role: 'arranger' as const,
          },
        ]
      : []),
  ];

  if (proposal.kind === 'reschedule' && existing) {
    return {
      action: 'move',
      interview: {
        ...existing,
        kind: choices.kind ?? existing.kind,
        startsAt: invite.startsAt,
        endsAt: invite.endsAt,
        timeZone: proposal.timeZone,
        location: placeOf(invite) ?? existing.location,
        cancelled: false,
      },
      participants,
      link,
    };
  }

  const application =
    choices.application ??
    (proposal.application ? { id: proposal.application.applicationId } : null);
  if (!application) {
    throw new AcceptChoiceError(
      'Choose the application this interview belongs to, or add a new one.',
    );
  }
  const place = placeOf(invite);
  const notes =
    invite.meetingLink && place !== invite.meetingLink ? `Meeting link: ${invite.meetingLink}` : '';
  return {
    action: 'create',
    application,
    interview: {
      kind: choices.kind ?? proposal.interviewKind,
      startsAt: invite.startsAt,
      endsAt: invite.endsAt,
      timeZone: proposal.timeZone,
      location: place,
      decisionBy: null,
      contactPlan: '',
      contactPersonId: null,
      outcome: 'unknown',
      notes,
      cancelled: false,
    },
    participants,
    link,
  };
}
