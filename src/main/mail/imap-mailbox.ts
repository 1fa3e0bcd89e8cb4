/**
 * The mailbox port (`mailbox-port.ts`) run on imapflow: each call goes to the mail module that
 * speaks IMAP for it, on the wrapped client. The only place besides those modules that holds
 * an ImapFlow client.
 */
import type { ImapFlow } from 'imapflow';
import { connectImap, discoverFolders, testConnection } from './imap-account';
import { appendMessage, findByMessageId, replaceDraft } from './imap-append';
import { fetchInvitationParts } from './invitation-fetch';
import type { Mailbox, MailServer } from './mailbox-port';
import { fetchReplyParts } from './reply-text';
import { fetchReportParts } from './report-fetch';
import { syncFolder, withDeadline } from './sync/folder-sync';
import { watchFolder } from './sync/folder-watch';

/** A connected, signed-in imapflow client as a Mailbox. */
export function imapMailbox(client: ImapFlow): Mailbox {
  return {
    get usable() {
      return client.usable;
    },
    discoverFolders: (overrides, replyFolders) => discoverFolders(client, overrides, replyFolders),
    syncFolder: (options, sink) => syncFolder(client, options, sink),
    withDeadline: (path, deadline, work) => withDeadline(client, path, deadline, work),
    fetchInvitationParts: (path, uids) => fetchInvitationParts(client, path, uids),
    fetchReportParts: (path, uids) => fetchReportParts(client, path, uids),
    fetchReplyParts: (path, uids) => fetchReplyParts(client, path, uids),
    append: (path, raw, flags) => appendMessage(client, path, raw, flags),
    findByMessageId: (path, messageId) => findByMessageId(client, path, messageId),
    replaceDraft: (draftsPath, raw, previous) => replaceDraft(client, draftsPath, raw, previous),
    async close() {
      await client.logout().catch(() => client.close());
    },
  };
}

/** Mail servers reached over IMAP with imapflow. */
export const imapMailServer: MailServer = {
  connect: async (settings, options) => imapMailbox(await connectImap(settings, options)),
  check: testConnection,
  watch: watchFolder,
};
