/**
 * Status moves written with the change that makes them (see domain/status-moves): the caller
 * runs this inside the same transaction as the interview it saves.
 */
import type { Application, Interview } from '../../shared/model';
import { statusAfterInterview } from '../domain/status-moves';
import type { Store } from '../store/store';

/** Moves the application's status when a saved interview makes it so; returns whether it moved. */
export function moveStatus(
  store: Pick<Store, 'saveApplication'>,
  application: Application,
  added: boolean,
  interview: Pick<Interview, 'cancelled'>,
  now: number,
): boolean {
  const status = statusAfterInterview({
    status: application.status,
    added,
    cancelled: interview.cancelled,
  });
  if (status === null) return false;
  store.saveApplication({ ...application, status, updatedAt: now });
  return true;
}
