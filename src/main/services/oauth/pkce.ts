/** PKCE (RFC 7636, S256) and the `state` value of one sign-in. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters, the shortest verifier RFC 7636 allows. */
export function newCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** An unguessable value tying the redirect to the sign-in this app started. */
export function newState(): string {
  return randomBytes(24).toString('base64url');
}
