import { describe, expect, it } from 'vitest';
import { createKeychainVault } from '../../../src/main/shell/keychain';

/** Stands in for Electron's safeStorage: reversible, but the stored bytes never equal the secret. */
function fakeKeychain(backend: string, available = true) {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as 'gnome_libsecret',
    encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice(4), 'base64').toString(),
  };
}

function memorySecrets() {
  const rows = new Map<string, Buffer>();
  return {
    rows,
    getSecret: (id: string) => rows.get(id) ?? null,
    setSecret: (id: string, c: Buffer) => void rows.set(id, c),
    deleteSecret: (id: string) => void rows.delete(id),
  };
}

describe('keychain vault', () => {
  it('stores only ciphertext when the OS keychain protects it', () => {
    const secrets = memorySecrets();
    const vault = createKeychainVault(fakeKeychain('gnome_libsecret'), secrets, 'linux');
    vault.save('a', 'hunter2');
    expect(vault.protection()).toBe('keychain');
    expect(secrets.rows.get('a')?.toString()).not.toContain('hunter2');
    // A new vault (the app restarted) reads it back through the keychain.
    expect(createKeychainVault(fakeKeychain('gnome_libsecret'), secrets, 'linux').read('a')).toBe(
      'hunter2',
    );
  });

  it('keeps the password for the session only on Linux without a keyring (basic_text)', () => {
    const secrets = memorySecrets();
    const vault = createKeychainVault(fakeKeychain('basic_text'), secrets, 'linux');
    vault.save('a', 'hunter2');
    expect(vault.protection()).toBe('session-only');
    expect(vault.read('a')).toBe('hunter2');
    expect(secrets.rows.size).toBe(0);
    expect(createKeychainVault(fakeKeychain('basic_text'), secrets, 'linux').read('a')).toBeNull();
  });

  it('keeps nothing when encryption is unavailable, and forgets on request', () => {
    const secrets = memorySecrets();
    const vault = createKeychainVault(fakeKeychain('unknown', false), secrets, 'darwin');
    vault.save('a', 'hunter2');
    expect(secrets.rows.size).toBe(0);
    vault.forget('a');
    expect(vault.read('a')).toBeNull();
  });
});

describe('keeping passwords without a keyring, when the user opts in', () => {
  function choice(initial = false) {
    let value = initial;
    return { get: () => value, set: (v: boolean) => void (value = v) };
  }

  it('moves session passwords to disk when allowed, and back to memory when withdrawn', () => {
    const secrets = { ...memorySecrets(), accountIds: () => ['a', 'b'] };
    const allowed = choice();
    const vault = createKeychainVault(fakeKeychain('basic_text'), secrets, 'linux', allowed);
    vault.save('a', 'hunter2');
    expect(secrets.rows.size).toBe(0);

    expect(vault.keepWithoutKeyring(true)).toBe('without-keyring');
    expect(allowed.get()).toBe(true);
    expect(secrets.rows.get('a')?.toString()).not.toContain('hunter2');
    // After a restart the password is still there.
    const restarted = createKeychainVault(fakeKeychain('basic_text'), secrets, 'linux', allowed);
    expect(restarted.read('a')).toBe('hunter2');
    restarted.save('b', 'swordfish');
    expect(secrets.rows.has('b')).toBe(true);

    expect(restarted.keepWithoutKeyring(false)).toBe('session-only');
    expect(secrets.rows.size).toBe(0);
    expect(restarted.read('a')).toBe('hunter2');
    expect(restarted.read('b')).toBe('swordfish');
    expect(
      createKeychainVault(fakeKeychain('basic_text'), secrets, 'linux', allowed).read('a'),
    ).toBeNull();
  });

  it('changes nothing where a real keychain exists', () => {
    const allowed = choice();
    const vault = createKeychainVault(
      fakeKeychain('gnome_libsecret'),
      memorySecrets(),
      'linux',
      allowed,
    );
    expect(vault.keepWithoutKeyring(true)).toBe('keychain');
    expect(allowed.get()).toBe(false);
  });
});
