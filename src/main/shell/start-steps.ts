/**
 * The steps of start-up after the database is open (tray, alerts, sync timer, mail watch)
 * are each optional: one that throws, or whose promise rejects, is reported and the rest go
 * on, so the window stays up with whatever works instead of "could not start".
 */
export function attempt<T>(
  what: string,
  step: () => T,
  report: (what: string, error: unknown) => void,
): T | undefined {
  try {
    const result = step();
    if (result instanceof Promise) result.catch((error: unknown) => report(what, error));
    return result;
  } catch (error) {
    report(what, error);
    return undefined;
  }
}
