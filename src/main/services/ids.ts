/**
 * New opaque ids for rows the user creates. The global Web Crypto, not node:crypto: it loads
 * on first use, where importing node:crypto cost every command's start about 10 ms.
 */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}
