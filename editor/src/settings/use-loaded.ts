import { useCallback, useEffect, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';

/** Loads a settings list; `error` holds the server's refusal (e.g. 403 for a role that may not see it). */
export function useLoaded<T>(load: () => Promise<T>, what: string) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(
    () =>
      load().then(
        (loaded) => {
          setValue(loaded);
          setError(null);
        },
        (caught: unknown) => setError(apiErrorMessage(caught, `Could not load ${what}.`)),
      ),
    [load, what],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, setError, reload };
}
