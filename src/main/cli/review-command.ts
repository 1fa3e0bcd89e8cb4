/** `followthrough review`, `link` and `unlink`: the review list and the user's corrections to matching. */
import type { ReviewItem } from '../../shared/model';
import type { WorkspaceService } from '../services/workspace-service';
import type { CliIo } from './index';
import { UsageError } from './usage-error';

type Values = Record<string, string | boolean | undefined>;

function describe(item: ReviewItem, zone: string): string {
  const when = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(item.message.date);
  const to = item.message.to.map((a) => a.address).join(', ');
  const about = item.personName ?? 'someone at the company';
  const { messageId, personId, applicationId } = item.match;
  const ids = `'${messageId}' --person ${personId ?? '?'} --application ${applicationId}`;
  return [
    `${when}  "${item.message.subject}"${to ? ` to ${to}` : ''}`,
    `  about ${about} (${item.company}, ${item.roleTitle}): ${item.match.reason}`,
    ...(personId
      ? [`  confirm: followthrough link ${ids}`, `  reject:  followthrough unlink ${ids}`]
      : []),
  ].join('\n');
}

export function reviewCommand(workspace: WorkspaceService, values: Values, io: CliIo): number {
  const items = workspace.review();
  if (values['json']) {
    io.stdout(`${JSON.stringify(items, null, 2)}\n`);
    return 0;
  }
  if (items.length === 0) {
    io.stdout(
      'Nothing to review: every message found so far is matched for sure, or not at all.\n',
    );
    return 0;
  }
  const zone = workspace.userTimeZone();
  io.stdout(`${items.map((i) => describe(i, zone)).join('\n\n')}\n`);
  return 0;
}

export function linkCommand(
  action: 'link' | 'unlink',
  args: string[],
  values: Values,
  workspace: WorkspaceService,
  io: CliIo,
): number {
  const messageId = args[0];
  const personId = values['person'];
  const applicationId = values['application'];
  if (!messageId || typeof personId !== 'string' || typeof applicationId !== 'string')
    throw new UsageError(
      `${action} needs a message, a person and an application: followthrough ${action} MESSAGE --person ID --application ID (see followthrough review)`,
    );
  workspace.saveLink({ messageId, personId, applicationId, action });
  io.stdout(
    action === 'link'
      ? 'Linked: the message now counts for that person.\n'
      : 'Unlinked: the message no longer counts for that person.\n',
  );
  return 0;
}
