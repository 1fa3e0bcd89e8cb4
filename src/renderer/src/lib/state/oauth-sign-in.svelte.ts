/**
 * Signing in with Google or Microsoft from the connect view: whether this build has a client
 * id for each, the wait for the user's browser (with a way to stop it), and the result. The
 * sign-in page opens in the user's own browser; this window only waits for main's answer.
 */
import type { AccountView, ConnectionReport, OAuthClients } from '../../../../shared/contract';
import { fieldErrors, invoke, messageOf } from '../api';
import type { AccountDraft } from './account-draft.svelte';

export class OAuthSignIn {
  #clients = $state<OAuthClients | null>(null);
  #waiting = $state(false);
  #errors = $state<Record<string, string>>({});

  get waiting(): boolean {
    return this.#waiting;
  }

  /** Field errors of the last attempt ('' for the whole form), as the form shows them. */
  get errors(): Record<string, string> {
    return this.#errors;
  }

  /** Whether this build comes with a client id for the provider (null until known). */
  hasBuiltInClient(provider: 'gmail' | 'outlook'): boolean | null {
    return this.#clients ? this.#clients[provider].builtIn : null;
  }

  async load(): Promise<void> {
    try {
      this.#clients = await invoke('accounts:oauth-clients', {});
    } catch (error) {
      this.#errors = { '': messageOf(error) };
    }
  }

  /** Signs in through the browser; the saved account and its connection test, or null. */
  async signIn(
    draft: AccountDraft,
  ): Promise<{ view: AccountView; report: ConnectionReport } | null> {
    const input = draft.toSignInInput();
    if (!input) return null;
    this.#waiting = true;
    this.#errors = {};
    try {
      return await invoke('accounts:sign-in', input);
    } catch (error) {
      this.#errors = fieldErrors(error);
      return null;
    } finally {
      this.#waiting = false;
    }
  }

  /** Stops waiting for the browser. */
  async cancel(): Promise<void> {
    await invoke('accounts:cancel-sign-in', {}).catch(() => undefined);
  }

  clearErrors(): void {
    this.#errors = {};
  }
}
