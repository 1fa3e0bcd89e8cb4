/**
 * `followthrough import-ics FILE`, `invitations [accept|dismiss ID]` and `export-ics`:
 * calendar invitations become proposals the user accepts or dismisses here or in the app;
 * due notes and check-ins go out as a calendar file.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  INTERVIEW_KINDS,
  type InterviewKind,
  type InvitationView,
  type UnreadableInvitation,
} from '../../shared/model';
import { ServiceError } from '../services/errors';
import type { AcceptInput, InvitationService } from '../services/invitation-service';
import type { CliIo } from './index';
import { UsageError } from './usage-error';
import { writeFileAtomic } from '../store/atomic-file';

type Values = Record<string, string | boolean | undefined>;

const OUTCOME_WORDS = {
  new: 'New',
  updated: 'Updated',
  duplicate: 'Already waiting',
  older: 'Older than the one waiting',
  'up-to-date': 'Nothing to do',
  ignored: 'Left out',
} as const;

/** One proposal as a few readable lines, with the commands to decide on it. */
function describe(view: InvitationView): string {
  const { proposal } = view;
  const lines = [proposal.headline];
  if (proposal.application) {
    const a = proposal.application;
    lines.push(
      `  for: ${a.company}, ${a.roleTitle} (${a.confidence} match: ${a.reasons.join(' ')})`,
    );
  } else {
    const n = proposal.newApplication;
    lines.push(
      `  for: no tracked application fits; accepting with --new adds ${n.company || 'a new company'}${n.roleTitle ? `, ${n.roleTitle}` : ''}`,
    );
  }
  for (const change of proposal.changes) lines.push(`  ${change}`);
  for (const p of proposal.people) {
    const part =
      p.suggested === 'interviewer'
        ? 'interviewer'
        : p.suggested === 'arranger'
          ? 'arranged it'
          : 'not counted';
    lines.push(`  - ${p.name} <${p.email}>: ${part}${p.note ? ` (${p.note})` : ''}`);
  }
  lines.push(`  accept:  followthrough invitations accept ${view.id}`);
  lines.push(`  dismiss: followthrough invitations dismiss ${view.id}`);
  return lines.join('\n');
}

/** An inbox invitation that could not be read, with what the user can do. */
function describeUnreadable(notice: UnreadableInvitation): string {
  return [
    `This invitation could not be read: ${notice.reason}`,
    `  ${notice.label}. Ask the sender for a new invitation, or add the interview by hand.`,
    `  dismiss: followthrough invitations dismiss ${notice.id}`,
  ].join('\n');
}

function readFile(file: string | undefined): string {
  if (!file) throw new UsageError('import-ics needs a file: followthrough import-ics invite.ics');
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ServiceError('not-found', `cannot read ${file}`);
  }
}

function list(values: string | boolean | undefined): string[] | undefined {
  if (typeof values !== 'string') return undefined;
  return values
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

function acceptInput(id: string, values: Values, invitations: InvitationService): AcceptInput {
  const input: AcceptInput = { id };
  if (typeof values['application'] === 'string') input.application = { id: values['application'] };
  else if (values['new']) {
    const view = invitations.list().find((v) => v.id === id);
    const suggested = view?.proposal.newApplication;
    input.application = {
      new: {
        company:
          typeof values['company'] === 'string' ? values['company'] : (suggested?.company ?? ''),
        roleTitle:
          typeof values['role'] === 'string' ? values['role'] : (suggested?.roleTitle ?? ''),
        companyDomains: suggested?.companyDomains ?? [],
      },
    };
  }
  const kind = values['kind'];
  if (typeof kind === 'string') {
    if (!(INTERVIEW_KINDS as readonly string[]).includes(kind))
      throw new UsageError(`--kind must be one of ${INTERVIEW_KINDS.join(', ')}`);
    input.kind = kind as InterviewKind;
  }
  const interviewers = list(values['interviewers']);
  if (interviewers) input.interviewers = interviewers;
  const arranger = values['arranger'];
  if (typeof arranger === 'string')
    input.arranger = arranger === 'none' ? null : arranger.toLowerCase();
  return input;
}

export async function icsCommand(
  command: string,
  args: string[],
  values: Values,
  invitations: InvitationService,
  io: CliIo,
): Promise<number> {
  switch (command) {
    case 'import-ics': {
      const file = args[0];
      const outcomes = await invitations.importIcs(readFile(file), basename(file ?? ''));
      if (values['json']) {
        io.stdout(`${JSON.stringify(outcomes, null, 2)}\n`);
        return 0;
      }
      const blocks = outcomes.map((o) =>
        o.invitation &&
        (o.outcome === 'new' || o.outcome === 'updated' || o.outcome === 'duplicate')
          ? `${OUTCOME_WORDS[o.outcome]}: ${describe(o.invitation)}`
          : `${OUTCOME_WORDS[o.outcome]}: ${o.headline}`,
      );
      io.stdout(`${blocks.join('\n\n')}\n`);
      return 0;
    }
    case 'invitations': {
      const [action, id] = args;
      if (action === undefined) {
        const views = invitations.list();
        if (values['json']) {
          io.stdout(`${JSON.stringify(views, null, 2)}\n`);
          return 0;
        }
        if (views.length === 0)
          io.stdout('No invitations waiting. Import one with followthrough import-ics FILE.\n');
        else io.stdout(`${views.map(describe).join('\n\n')}\n`);
        const unreadable = invitations.unreadable();
        if (unreadable.length > 0)
          io.stdout(`\n${unreadable.map(describeUnreadable).join('\n\n')}\n`);
        return 0;
      }
      if ((action !== 'accept' && action !== 'dismiss') || !id) {
        throw new UsageError(
          'use: followthrough invitations [accept ID [--application ID | --new] | dismiss ID]',
        );
      }
      if (action === 'dismiss') {
        if (invitations.unreadable().some((u) => u.id === id)) {
          invitations.dismissUnreadable(id);
          io.stdout('Dismissed.\n');
          return 0;
        }
        invitations.dismiss(id);
        io.stdout('Dismissed. Nothing was added.\n');
        return 0;
      }
      const { interview } = invitations.accept(acceptInput(id, values, invitations));
      io.stdout(
        interview === null
          ? 'Accepted. Nothing needed to change.\n'
          : interview.cancelled
            ? `Accepted: the interview ${interview.id} is marked as cancelled.\n`
            : `Accepted: interview ${interview.id} is tracked.\n`,
      );
      return 0;
    }
    case 'export-ics': {
      const { text, events } = invitations.exportIcs();
      const out = values['out'];
      if (typeof out === 'string') {
        writeFileAtomic(out, text);
        io.stderr(`Wrote ${events} event${events === 1 ? '' : 's'} to ${out}\n`);
      } else io.stdout(text);
      return 0;
    }
  }
  return 2;
}
