/**
 * Reads a workspace export for `followthrough import`. Its own module because the schema
 * (zod) is slow to load and only this command needs it.
 */
import { readFileSync } from 'node:fs';
import { describeIssues, workspaceSchema } from '../../shared/schemas';
import { ServiceError } from '../services/errors';
import { UsageError } from './usage-error';

export function readWorkspaceFile(file: string | undefined) {
  if (!file) throw new UsageError('import needs a file: followthrough import workspace.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ServiceError('not-found', `cannot read ${file}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ServiceError(
      'invalid-input',
      `${file} is not valid JSON (${error instanceof Error ? error.message : ''})`,
    );
  }
  const result = workspaceSchema.safeParse(data);
  if (!result.success)
    throw new ServiceError('invalid-input', `${file}: ${describeIssues(result.error)}`);
  return result.data;
}
