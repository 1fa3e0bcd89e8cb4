/**
 * Where account passwords live. The desktop app keeps them encrypted by the OS keychain
 * (Electron safeStorage, in the shell); the command line and tests keep them in memory for
 * the run. Services only see this interface, and never log or return a secret.
 */
import type { SecretProtection } from '../../shared/contract';

export type { SecretProtection };

export interface SecretVault {
  /** 'session-only' when no keychain is available: secrets are forgotten at quit unless the user opts in. */
  protection(): SecretProtection;
  save(accountId: string, secret: string): void;
  read(accountId: string): string | null;
  forget(accountId: string): void;
  /**
   * Where there is no keyring: keep secrets on disk anyway (true) or for the session only
   * (false), moving the ones there are. Returns the protection in effect afterwards.
   */
  keepWithoutKeyring(allowed: boolean): SecretProtection;
}

/** Keeps secrets for the life of the process only. */
export function createMemoryVault(): SecretVault {
  const secrets = new Map<string, string>();
  return {
    protection: () => 'session-only',
    save: (accountId, secret) => void secrets.set(accountId, secret),
    read: (accountId) => secrets.get(accountId) ?? null,
    forget: (accountId) => void secrets.delete(accountId),
    keepWithoutKeyring: () => 'session-only',
  };
}
