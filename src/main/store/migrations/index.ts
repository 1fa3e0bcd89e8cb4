import type { Migration } from '../migrate';
import { initial } from './001-initial';
import { mail } from './002-mail';
import { drafts } from './003-drafts';
import { followUpState } from './004-follow-up-state';
import { invitations } from './005-invitations';
import { messageChanges } from './006-message-changes';
import { replyReadings } from './007-reply-readings';
import { deliveryReports } from './008-delivery-reports';
import { massMailings } from './009-mass-mailings';
import { unreadableInvitations } from './010-unreadable-invitations';
import { checkInContact } from './011-check-in-contact';
import { aliasesAndReplyFolders } from './012-aliases-and-reply-folders';
import { accountSignIn } from './013-account-sign-in';
import { skippedNotes } from './014-skipped-notes';

/** Every schema step, in order; a file's `user_version` is the last one applied. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  mail,
  drafts,
  followUpState,
  invitations,
  messageChanges,
  replyReadings,
  deliveryReports,
  massMailings,
  unreadableInvitations,
  checkInContact,
  aliasesAndReplyFolders,
  accountSignIn,
  skippedNotes,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
