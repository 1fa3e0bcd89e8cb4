/**
 * The handler map: one function per channel in the contract, typed so that a missing or
 * extra handler is a compile error. Free of Electron, so the test bridge and the app
 * serve the very same handlers.
 */
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import type { AccountService } from '../services/account-service';
import type { DraftService } from '../services/draft-service';
import type { InvitationService } from '../services/invitation-service';
import type { NoteSender } from '../services/note-sender';
import type { PeopleService } from '../services/people-service';
import type { SyncService } from '../services/sync/sync-service';
import type { WorkspaceService } from '../services/workspace-service';

export type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export interface HandlerDeps {
  workspace: WorkspaceService;
  people: PeopleService;
  accounts: AccountService;
  sync: SyncService;
  drafts: DraftService;
  notes: NoteSender;
  invitations: InvitationService;
  /** Opens a validated URL in the user's browser or mail client (the shell supplies it). */
  openExternal: (url: string) => Promise<boolean>;
}

export function createHandlers({
  workspace,
  people,
  accounts,
  sync,
  drafts,
  notes,
  invitations,
  openExternal,
}: HandlerDeps): Handlers {
  return {
    'status:get': ({ at }) => workspace.status(at),
    'status:dismiss-suggestion': (input) => workspace.dismissSuggestion(input),
    'replies:set-class': (input) => workspace.setReplyClass(input),
    'replies:to-review': () => workspace.repliesToReview(),
    'applications:list': () => workspace.listApplications(),
    'applications:get': ({ id }) => workspace.getApplication(id),
    'applications:save': (input) => workspace.saveApplication(input),
    'applications:delete': ({ id }) => workspace.deleteApplication(id),
    'interviews:save': (input) => workspace.saveInterview(input),
    'interviews:delete': ({ id }) => workspace.deleteInterview(id),
    'people:list': () => workspace.listPeople(),
    'people:save': (input) => workspace.savePerson(input),
    'people:directory': () => people.directory(),
    'people:get': ({ id }) => people.person(id),
    'contacts:mark-sent': (input) => workspace.markSent(input),
    'contacts:unmark': ({ id }) => workspace.unmark(id),
    'review:list': () => workspace.review(),
    'links:save': (input) => workspace.saveLink(input),
    'messages:find': ({ query, limit }) => workspace.findMessages(query, limit),
    'obligations:snooze': ({ obligationId, until }) => workspace.snooze(obligationId, until),
    'obligations:skip': ({ obligationId, skipped }) => workspace.skip(obligationId, skipped),
    'profile:get': () => workspace.getProfile(),
    'profile:save': (input) => workspace.saveProfile(input),
    'settings:get': () => workspace.getSettings(),
    'settings:save': (input) => workspace.saveSettings(input),
    'workspace:load-sample': (input) => workspace.loadSample(input ?? {}),
    'workspace:export': () => workspace.exportWorkspace(),
    'workspace:import': ({ workspace: data }) => workspace.importWorkspace(data),
    'accounts:list': () => ({ accounts: accounts.list(), protection: accounts.protection() }),
    'accounts:keep-without-keyring': ({ allowed }) => ({
      protection: accounts.keepWithoutKeyring(allowed),
    }),
    'accounts:test': (input) => accounts.test(input),
    'accounts:save': (input) => accounts.save(input),
    'accounts:oauth-clients': () => accounts.oauthClients(),
    'accounts:sign-in': (input) => accounts.signIn(input),
    'accounts:cancel-sign-in': () => accounts.cancelSignIn(),
    'accounts:remove': ({ id }) => accounts.remove(id),
    'sync:run': async ({ accountId }) => {
      const results = accountId ? [await sync.syncAccount(accountId)] : await sync.syncAll();
      return results.map(({ accountId: id, ok, error, added, removed }) => ({
        accountId: id,
        ok,
        error,
        added,
        removed,
      }));
    },
    'drafts:open': ({ obligationId }) => ({
      ...drafts.open(obligationId),
      sendsInMs: notes.waitLeft(obligationId),
    }),
    'drafts:update': ({ obligationId, ...changes }) => drafts.update(obligationId, changes),
    'drafts:use-template': ({ obligationId, templateId }) =>
      drafts.useTemplate(obligationId, templateId),
    'drafts:save-to-folder': ({ obligationId, accountId }) =>
      notes.saveToDraftsFolder(obligationId, accountId),
    'drafts:send': async ({ obligationId, accountId }) => {
      const draft = await notes.send(obligationId, accountId);
      return { draft, sendsInMs: notes.waitLeft(obligationId) };
    },
    'notes:undo': ({ obligationId }) => notes.undo(obligationId),
    'templates:list': () => drafts.templates(),
    'templates:save': (template) => drafts.saveTemplate(template),
    'templates:restore': ({ id }) => drafts.restoreTemplate(id),
    'templates:preview': ({ obligationId, subject, body }) =>
      drafts.previewTemplate(obligationId, { subject, body }),
    'invitations:list': () => invitations.list(),
    'invitations:import': ({ text, fileName }) => invitations.importIcs(text, fileName),
    'invitations:accept': (input) => invitations.accept(input),
    'invitations:dismiss': ({ id }) => invitations.dismiss(id),
    'invitations:unreadable': () => invitations.unreadable(),
    'invitations:dismiss-unreadable': ({ id }) => invitations.dismissUnreadable(id),
    'calendar:export': ({ at }) => invitations.exportIcs(at),
    'shell:open-external': async ({ url }) => ({ opened: await openExternal(url) }),
  };
}
