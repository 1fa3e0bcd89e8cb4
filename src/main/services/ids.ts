import { randomUUID } from 'node:crypto';

/** New opaque ids for rows the user creates. */
export function newId(): string {
  return randomUUID();
}
