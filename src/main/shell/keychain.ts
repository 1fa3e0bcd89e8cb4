/**
 * Account passwords encrypted by the OS keychain through Electron's safeStorage. Only the
 * ciphertext reaches the database. Where no keychain protects the key (Linux without a
 * secret service: safeStorage's `basic_text` backend), the password is kept in memory
 * for this session only and the UI says so, unless the user opts in to keeping it with
 * `basic_text` anyway (obfuscated, not protected: anyone who can read their files can
 * recover it), knowing that.
 */
import type { SafeStorage } from 'electron';
import type { SecretProtection, SecretVault } from '../services/secrets';
import type { MailStore } from '../store/mail-store';

type Keychain = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/** Where the user's choice about keeping passwords without a keyring is remembered. */
export interface WithoutKeyringChoice {
  get(): boolean;
  set(allowed: boolean): void;
}

export function createKeychainVault(
  keychain: Keychain,
  secrets: Pick<MailStore, 'getSecret' | 'setSecret' | 'deleteSecret'> & {
    /** Accounts whose secrets may need moving when the choice changes. */
    accountIds?: () => string[];
  },
  platform: NodeJS.Platform = process.platform,
  withoutKeyring: WithoutKeyringChoice = { get: () => false, set: () => undefined },
): SecretVault {
  const session = new Map<string, string>();

  const hasKeyring = () =>
    !(platform === 'linux' && keychain.getSelectedStorageBackend() === 'basic_text');

  const protection = (): SecretProtection => {
    if (!keychain.isEncryptionAvailable()) return 'session-only';
    if (hasKeyring()) return 'keychain';
    return withoutKeyring.get() ? 'without-keyring' : 'session-only';
  };

  const decrypt = (accountId: string): string | null => {
    const ciphertext = secrets.getSecret(accountId);
    if (!ciphertext) return null;
    try {
      return keychain.decryptString(ciphertext);
    } catch {
      // The keychain changed (new machine, reset keyring): the user enters the password again.
      return null;
    }
  };

  const vault: SecretVault = {
    protection,
    save(accountId, secret) {
      if (protection() !== 'session-only') {
        secrets.setSecret(accountId, keychain.encryptString(secret));
        session.delete(accountId);
      } else {
        secrets.deleteSecret(accountId);
        session.set(accountId, secret);
      }
    },
    read(accountId) {
      const kept = session.get(accountId);
      if (kept !== undefined) return kept;
      return protection() === 'session-only' ? null : decrypt(accountId);
    },
    forget(accountId) {
      session.delete(accountId);
      secrets.deleteSecret(accountId);
    },
    keepWithoutKeyring(allowed) {
      if (!keychain.isEncryptionAvailable() || hasKeyring()) return protection();
      if (allowed === withoutKeyring.get()) return protection();
      if (allowed) {
        withoutKeyring.set(true);
        // What was kept for the session is kept on disk from now on.
        for (const [accountId, secret] of [...session]) vault.save(accountId, secret);
      } else {
        // Back to session only: what was on disk moves to memory and leaves the database.
        for (const accountId of secrets.accountIds?.() ?? []) {
          const secret = decrypt(accountId);
          secrets.deleteSecret(accountId);
          if (secret !== null) session.set(accountId, secret);
        }
        withoutKeyring.set(false);
      }
      return protection();
    },
  };
  return vault;
}
