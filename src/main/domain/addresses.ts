/**
 * Email addresses as the rules compare them: one canonical spelling per mailbox.
 *
 * Comparison is case-insensitive on the whole address. Strictly the local part may be
 * case-sensitive, but no mail provider a job seeker meets treats it that way, and a
 * missed match (a note shown as not sent) is worse than a false one.
 */

/**
 * The canonical form of an address (trimmed, lower-cased, without display name, angle
 * brackets or `mailto:`), or null when nothing address-like is left.
 */
export function normalizeAddress(raw: string): string | null {
  let text = raw.trim();
  const bracketed = /<([^<>]*)>\s*$/.exec(text);
  if (bracketed?.[1] !== undefined) text = bracketed[1];
  text = text
    .trim()
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1 || /\s/.test(text)) return null;
  return text;
}

/** The canonical forms of several addresses, without duplicates or unusable entries. */
export function normalizeAddresses(raws: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const raw of raws) {
    const address = normalizeAddress(raw);
    if (address !== null) out.add(address);
  }
  return [...out];
}

/** A company's mail domain as the user wrote it (`@acme.com`, ` Acme.com`), or null when blank. */
export function companyDomain(raw: string): string | null {
  const domain = raw.trim().replace(/^@/, '').toLowerCase();
  return domain === '' ? null : domain;
}

/** The domain part of an address (after the last `@`), lower-cased; null if there is none. */
export function addressDomain(raw: string): string | null {
  const address = normalizeAddress(raw);
  return address === null ? null : address.slice(address.lastIndexOf('@') + 1);
}

/** Whether two lists name the same mailboxes, ignoring spelling, order and duplicates. */
export function sameAddressSet(a: Iterable<string>, b: Iterable<string>): boolean {
  const left = new Set(normalizeAddresses(a));
  const right = new Set(normalizeAddresses(b));
  if (left.size !== right.size) return false;
  for (const address of left) if (!right.has(address)) return false;
  return true;
}

/** Whether the two lists share at least one mailbox. */
export function addressesOverlap(a: Iterable<string>, b: Iterable<string>): boolean {
  const left = new Set(normalizeAddresses(a));
  for (const address of normalizeAddresses(b)) if (left.has(address)) return true;
  return false;
}

/** A Message-ID as found in Message-ID, In-Reply-To or References, without brackets or space. */
export function normalizeMessageId(raw: string): string | null {
  // Fast path for the usual `<id>`: one bracket each side, nothing to trim inside.
  const n = raw.length;
  if (n > 2 && raw.charCodeAt(0) === 60 && raw.charCodeAt(n - 1) === 62) {
    const first = raw.charCodeAt(1);
    const last = raw.charCodeAt(n - 2);
    if (first > 32 && first < 127 && first !== 60 && last > 32 && last < 127 && last !== 62) {
      return raw.slice(1, n - 1);
    }
  }
  const text = raw.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return text === '' ? null : text;
}
