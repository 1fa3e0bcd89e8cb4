/**
 * An interview with a date the rules cannot use (written before the schemas refused it)
 * costs only its application's notes: the home view shows everyone else and a quiet line
 * naming the interview, with a way to it.
 */
import { describe, expect, test, vi } from 'vitest';
import type { AppPage } from '../support/bridge/harness';
import { openAppForFile } from './ui';

vi.setConfig({ testTimeout: 60_000 });

let app: AppPage;

openAppForFile(async (opened) => {
  app = opened;
  const { workspace } = app.bridge.services;
  workspace.loadSample({});
  const victim = workspace.status().obligations[0]!;
  const detail = workspace.getApplication(victim.applicationId);
  const interview = detail.interviews.find((i) => i.id === victim.interviewId)!;
  // Past what the schemas accept: straight to the service, as an old version could have.
  workspace.saveInterview({
    interview: { ...interview, startsAt: 8.64e15, endsAt: 8.64e15 },
    participants: detail.participants
      .filter((p) => p.interviewId === interview.id)
      .map((p) => ({
        person: detail.people.find((person) => person.id === p.personId)!,
        role: p.role,
        topics: p.topics,
        notes: p.notes,
      })),
  });
  await app.page.reload();
});

describe('a row the rules cannot work out', () => {
  test('is named on the home view while everyone else is listed', async () => {
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
    const line = page.locator('.problem');
    await line.waitFor();
    expect(await line.count()).toBe(1);
    expect(await line.textContent()).toMatch(
      /interview 1 of \d+ \(\w+\): its start time must be in the year 9999 or earlier/,
    );
    expect(await page.locator('[data-group]').count()).toBeGreaterThan(0);
    await app.screenshot('39-home-problem');

    await line.getByRole('button', { name: 'Open the interview' }).click();
    await page.getByRole('heading', { level: 1, name: /interview/i }).waitFor();
    expect(app.problems).toEqual([]);
    expect(app.bridge.unexpected).toEqual([]);
  });
});
