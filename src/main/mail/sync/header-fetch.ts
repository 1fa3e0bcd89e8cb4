/**
 * A partial header FETCH: `UID FETCH set (UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (…)]<0.N>)`.
 * The server sends at most N bytes of the chosen fields per message, so a message with
 * 20,000 recipients or a 400 MB header line costs the sync no more than a normal one.
 *
 * imapflow's `fetch()` can ask for HEADER.FIELDS or for a byte range, not both (its
 * `bodyParts` keys are quoted as strings), so this sends the command through the client's
 * command queue (`exec`, the method its own commands use) and reads the untagged FETCH
 * answers itself. The connection's literal and response limits still apply.
 */
import type { ImapFlow } from 'imapflow';

/** One message as the server answered: UID, INTERNALDATE (epoch ms, 0 if none), header bytes. */
export interface PartialHeaders {
  uid: number;
  internalDate: number;
  headers: Uint8Array;
}

interface Token {
  type?: string;
  value?: unknown;
  section?: unknown;
}

interface UntaggedFetch {
  attributes?: unknown[];
}

/** The part of imapflow's client this uses; `exec` is not in its published types. */
interface CommandQueue {
  exec(
    command: string,
    attributes: unknown[],
    options: { untagged: { FETCH: (untagged: UntaggedFetch) => Promise<void> } },
  ): Promise<{ next?: () => void }>;
}

/** Fetches the named header fields, at most `maxBytes` of them per message, of a UID set. */
export async function fetchHeaderFields(
  client: ImapFlow,
  uidSet: string,
  fields: readonly string[],
  maxBytes: number,
): Promise<PartialHeaders[]> {
  const found: PartialHeaders[] = [];
  const query = [
    { type: 'ATOM', value: 'UID' },
    { type: 'ATOM', value: 'INTERNALDATE' },
    {
      type: 'ATOM',
      value: 'BODY.PEEK',
      section: [
        { type: 'ATOM', value: 'HEADER.FIELDS' },
        fields.map((field) => ({ type: 'ATOM', value: field.toUpperCase() })),
      ],
      partial: [0, maxBytes],
    },
  ];
  const response = await (client as unknown as CommandQueue).exec(
    'UID FETCH',
    [{ type: 'SEQUENCE', value: uidSet }, query],
    {
      untagged: {
        FETCH: (untagged) => {
          const message = readFetch(untagged, maxBytes);
          if (message !== null) found.push(message);
          return Promise.resolve();
        },
      },
    },
  );
  response.next?.();
  return found;
}

/** The UID, INTERNALDATE and header section of one untagged FETCH; null without a UID. */
function readFetch(untagged: UntaggedFetch, maxBytes: number): PartialHeaders | null {
  const list = untagged.attributes?.[1];
  if (!Array.isArray(list)) return null;
  let uid = 0;
  let internalDate = 0;
  let headers: Uint8Array = new Uint8Array(0);
  for (let i = 0; i + 1 < list.length; i += 2) {
    const key = list[i] as Token;
    const value = list[i + 1] as Token | null;
    const name = typeof key.value === 'string' ? key.value.toUpperCase() : '';
    if (name === 'UID') {
      const n = Number(value?.value);
      if (Number.isInteger(n) && n > 0 && n <= 0xffffffff) uid = n;
    } else if (name === 'INTERNALDATE') {
      const ms = typeof value?.value === 'string' ? Date.parse(value.value) : NaN;
      internalDate = Number.isNaN(ms) ? 0 : ms;
    } else if (name === 'BODY' && key.section !== undefined) {
      const raw = value?.value;
      const bytes = Buffer.isBuffer(raw)
        ? raw
        : typeof raw === 'string'
          ? Buffer.from(raw)
          : Buffer.alloc(0);
      // A server that ignores the range is still held to it.
      headers = bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
    }
  }
  return uid === 0 ? null : { uid, internalDate, headers };
}
