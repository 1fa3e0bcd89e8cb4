import { describe, expect, test } from 'vitest';
import { settingsFromRow, settingsToRow } from '../../src/main/store/sqlite-store';
import { DEFAULT_SETTINGS } from '../../src/shared/model';
import { settingsSchema } from '../../src/shared/schemas';

describe('the undo window and the last manual channel in Settings', () => {
  test('settings stored before they existed read as 10 seconds and no channel yet', () => {
    const { undoSendSeconds: _u, lastManualChannel: _l, ...old } = DEFAULT_SETTINGS;
    const parsed = settingsSchema.parse(old);
    expect(parsed).toMatchObject({ undoSendSeconds: 10, lastManualChannel: null });
    expect(settingsFromRow({ json: JSON.stringify(old) })).toMatchObject({
      undoSendSeconds: 10,
      lastManualChannel: null,
    });
  });

  test('0 to 30 seconds; a channel survives a round trip', () => {
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, undoSendSeconds: 31 }).success).toBe(
      false,
    );
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, undoSendSeconds: 0 }).success).toBe(
      true,
    );
    const saved = {
      ...DEFAULT_SETTINGS,
      undoSendSeconds: 0,
      lastManualChannel: 'linkedin' as const,
    };
    expect(settingsFromRow(settingsToRow(saved))).toEqual(saved);
  });
});
