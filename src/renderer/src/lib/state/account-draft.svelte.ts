/**
 * The connect form: provider presets fill the servers, the user can override everything,
 * and the result is the `accounts:test` / `accounts:save` input. The password stays in this
 * object only until it is handed to main.
 */
import type { AccountView, ChannelInput } from '../../../../shared/contract';
import { PROVIDER_PRESETS } from '../../../../shared/mail-presets';
import type { MailProvider, TransportSecurity } from '../../../../shared/model';

export class AccountDraft {
  id = $state<string | null>(null);
  provider = $state<MailProvider>('gmail');
  label = $state('');
  email = $state('');
  username = $state('');
  /** Whether the user typed a user name of their own; otherwise it follows the address. */
  usernameEdited = $state(false);
  password = $state('');
  imapHost = $state('');
  imapPort = $state(993);
  imapSecurity = $state<TransportSecurity>('tls');
  smtpHost = $state('');
  smtpPort = $state(465);
  smtpSecurity = $state<TransportSecurity>('tls');
  providerFilesSent = $state(false);
  sentFolder = $state('');
  draftsFolder = $state('');
  /** Folders the user adds to be read for replies, one per line as typed. */
  replyFolders = $state('');
  /** 'browser': sign in on the provider's page (Gmail, Microsoft); 'password': a password. */
  method = $state<'browser' | 'password'>('browser');
  /** The user's own OAuth client, replacing the one this build comes with (Advanced). */
  clientId = $state('');
  clientSecret = $state('');

  constructor() {
    this.choose('gmail');
  }

  get preset() {
    return PROVIDER_PRESETS[this.provider];
  }

  /** Switches provider and fills its servers (an "other" provider keeps what was typed). */
  choose(provider: MailProvider): void {
    this.provider = provider;
    const preset = PROVIDER_PRESETS[provider];
    if (preset.imap) {
      this.imapHost = preset.imap.host;
      this.imapPort = preset.imap.port;
      this.imapSecurity = preset.imap.security;
    }
    if (preset.smtp) {
      this.smtpHost = preset.smtp.host;
      this.smtpPort = preset.smtp.port;
      this.smtpSecurity = preset.smtp.security;
    }
    this.providerFilesSent = preset.filesSentItself;
    this.method = preset.signIn ? 'browser' : 'password';
  }

  /** The provider signs in through the browser, if this one can and the user chose that. */
  get signsInWithBrowser(): boolean {
    return this.method === 'browser' && !!this.preset.signIn;
  }

  setEmail(email: string): void {
    this.email = email;
    if (!this.usernameEdited) this.username = email;
  }

  /** Fills the form from a saved account; the password is never sent back, so it stays empty. */
  load(view: AccountView): void {
    const a = view.account;
    this.id = a.id;
    this.provider = a.provider;
    this.label = a.label;
    this.email = a.email;
    this.username = a.username;
    this.usernameEdited = a.username !== a.email;
    this.password = '';
    this.imapHost = a.imap.host;
    this.imapPort = a.imap.port;
    this.imapSecurity = a.imap.security;
    this.smtpHost = a.smtp.host;
    this.smtpPort = a.smtp.port;
    this.smtpSecurity = a.smtp.security;
    this.providerFilesSent = a.providerFilesSent;
    this.sentFolder = a.sentFolder ?? '';
    this.draftsFolder = a.draftsFolder ?? '';
    this.replyFolders = a.replyFolders.join('\n');
    this.method = a.auth === 'oauth2' ? 'browser' : 'password';
  }

  /** The added folders as a list: one per line, blank lines left out. */
  get replyFolderList(): string[] {
    return this.replyFolders
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  }

  toInput(): ChannelInput<'accounts:save'> {
    return {
      ...(this.id ? { id: this.id } : {}),
      label: this.label.trim() || this.email.trim(),
      provider: this.provider,
      email: this.email.trim(),
      username: this.username.trim(),
      imap: {
        host: this.imapHost.trim(),
        port: Number(this.imapPort),
        security: this.imapSecurity,
      },
      smtp: {
        host: this.smtpHost.trim(),
        port: Number(this.smtpPort),
        security: this.smtpSecurity,
      },
      providerFilesSent: this.providerFilesSent,
      sentFolder: this.sentFolder.trim() || null,
      draftsFolder: this.draftsFolder.trim() || null,
      replyFolders: this.replyFolderList,
      password: this.password,
      ...(this.id && this.signsInWithBrowser ? { auth: 'oauth2' as const } : {}),
    };
  }

  /** The `accounts:sign-in` input, for a provider that signs in through the browser. */
  toSignInInput(): ChannelInput<'accounts:sign-in'> | null {
    const provider = this.provider;
    if (provider !== 'gmail' && provider !== 'outlook') return null;
    const { imap, smtp, providerFilesSent, sentFolder, draftsFolder, replyFolders } =
      this.toInput();
    return {
      ...(this.id ? { id: this.id } : {}),
      provider,
      ...(this.label.trim() ? { label: this.label.trim() } : {}),
      imap,
      smtp,
      providerFilesSent,
      sentFolder,
      draftsFolder,
      replyFolders,
      ...(this.clientId.trim() ? { clientId: this.clientId.trim() } : {}),
      ...(this.clientSecret.trim() ? { clientSecret: this.clientSecret.trim() } : {}),
    };
  }
}
