/**
 * Server settings of the common providers, so connecting an account is an address and a
 * password. Hints are what the provider needs before IMAP works; written in our words.
 */
import type { MailProvider, ServerSettings } from './model';

export interface ProviderPreset {
  provider: MailProvider;
  label: string;
  imap: ServerSettings | null;
  smtp: ServerSettings | null;
  /** The provider keeps its own copy of SMTP-sent mail in Sent: the app must not append one. */
  filesSentItself: boolean;
  /** What to do when the login is refused. */
  loginHint: string;
  /** Signs in on the provider's own page in the browser (OAuth 2.0); the default for it. */
  signIn?: { button: string; company: string };
}

export const PROVIDER_PRESETS: Record<MailProvider, ProviderPreset> = {
  gmail: {
    provider: 'gmail',
    label: 'Gmail',
    imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
    filesSentItself: true,
    loginHint:
      'With a password, Gmail accepts only an app password: turn on 2-step verification in your Google account, create an app password, and use it here.',
    signIn: { button: 'Sign in with Google', company: 'Google' },
  },
  outlook: {
    provider: 'outlook',
    label: 'Outlook / Microsoft 365',
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
    filesSentItself: true,
    loginHint:
      'Microsoft has turned off password logins for IMAP on most accounts: sign in through the browser instead. A password works only where your administrator still allows it.',
    signIn: { button: 'Sign in with Microsoft', company: 'Microsoft' },
  },
  icloud: {
    provider: 'icloud',
    label: 'iCloud Mail',
    imap: { host: 'imap.mail.me.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.mail.me.com', port: 587, security: 'starttls' },
    filesSentItself: false,
    loginHint:
      'iCloud needs an app-specific password: create one under Sign-In and Security in your Apple account, and use it here with your full iCloud address.',
  },
  yahoo: {
    provider: 'yahoo',
    label: 'Yahoo Mail',
    imap: { host: 'imap.mail.yahoo.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.mail.yahoo.com', port: 465, security: 'tls' },
    filesSentItself: false,
    loginHint:
      'Yahoo needs an app password: generate one in your Yahoo account security settings and use it here.',
  },
  fastmail: {
    provider: 'fastmail',
    label: 'Fastmail',
    imap: { host: 'imap.fastmail.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.fastmail.com', port: 465, security: 'tls' },
    filesSentItself: false,
    loginHint:
      'Fastmail needs an app password with IMAP access: create one under Settings, Privacy & Security.',
  },
  other: {
    provider: 'other',
    label: 'Other (IMAP)',
    imap: null,
    smtp: null,
    filesSentItself: false,
    loginHint:
      'Check the user name (often your full address) and password. Some providers need an app password or IMAP turned on in their web settings.',
  },
};
