import { useCallback, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import type { Notice } from './notice-bar';

export interface ServerActionOptions {
  /** Shown when the call fails without the server's own message (network down, not JSON). */
  fallback: string;
  /** A notice for failures the editor explains itself (a conflict, an invalid flow); others show the server's message. */
  explain?: (caught: unknown) => Notice | undefined;
  /** Whether the action disables the toolbar while it runs; default true. */
  blocking?: boolean;
}

/** One shape for every call the editor makes to the server: busy while it runs, and a notice for the outcome. */
export function useServerAction() {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  /** Runs `work`, which returns the notice for success; resolves to whether it succeeded. */
  const perform = useCallback(
    async (work: () => Promise<Notice>, { fallback, explain, blocking = true }: ServerActionOptions): Promise<boolean> => {
      if (blocking) setBusy(true);
      try {
        setNotice(await work());
        return true;
      } catch (caught) {
        setNotice(explain?.(caught) ?? { kind: 'error', text: apiErrorMessage(caught, fallback) });
        return false;
      } finally {
        if (blocking) setBusy(false);
      }
    },
    [],
  );

  return { busy, notice, setNotice, perform };
}
