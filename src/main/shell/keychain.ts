/**
 * Account passwords encrypted by the OS keychain through Electron's safeStorage. Only the
 * ciphertext reaches the database. Where no keychain protects the key (Linux without a
 * secret service: safeStorage's `basic_text` backend), the password is kept in memory
 * for this session only and the UI says so.
 */
import type { SafeStorage } from 'electron';
import type { SecretProtection, SecretVault } from '../services/secrets';
import type { MailStore } from '../store/mail-store';

type Keychain = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export function createKeychainVault(
  keychain: Keychain,
  secrets: Pick<MailStore, 'getSecret' | 'setSecret' | 'deleteSecret'>,
  platform: NodeJS.Platform = process.platform,
): SecretVault {
  const session = new Map<string, string>();

  const protection = (): SecretProtection => {
    if (!keychain.isEncryptionAvailable()) return 'session-only';
    if (platform === 'linux' && keychain.getSelectedStorageBackend() === 'basic_text')
      return 'session-only';
    return 'keychain';
  };

  return {
    protection,
    save(accountId, secret) {
      if (protection() === 'keychain') {
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
      const ciphertext = secrets.getSecret(accountId);
      if (!ciphertext || protection() !== 'keychain') return null;
      try {
        return keychain.decryptString(ciphertext);
      } catch {
        // The keychain changed (new machine, reset keyring): the user enters the password again.
        return null;
      }
    },
    forget(accountId) {
      session.delete(accountId);
      secrets.deleteSecret(accountId);
    },
  };
}
