/**
 * Use cases over the tracked workspace: applications, interviews, people, manual marks,
 * profile, settings, and who is owed what. The same service runs in Electron, in the
 * command line and behind the test bridge; it knows nothing of either.
 *
 * It is composed of parts that share the kept rows (`workspace/rows.ts`): the status model
 * and its cache (`workspace/status-model.ts`), the user's edits (`workspace/editing.ts`), and
 * review, links and replies (`workspace/review.ts`).
 */
import type { WorkspaceServiceDeps } from './workspace/deps';
import { createWorkspaceEditing } from './workspace/editing';
import { createReviewAndLinks } from './workspace/review';
import { createKeptRows } from './workspace/rows';
import { createStatusModel } from './workspace/status-model';

export type { WorkspaceServiceDeps } from './workspace/deps';

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;

export function createWorkspaceService(deps: WorkspaceServiceDeps) {
  const kept = createKeptRows(deps);
  const model = createStatusModel(deps, kept);
  return {
    ...model.api,
    ...createWorkspaceEditing(deps, kept, model),
    ...createReviewAndLinks(deps, kept, model),
  };
}
