import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiClient } from '../api/api-client';
import { apiErrorMessage, isApiError } from '../api/api-errors';
import { SessionApi, type SessionView } from '../api/people-api';

export type SessionState =
  | { status: 'loading' }
  | { status: 'setup' }
  | { status: 'signed-out' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-in'; session: SessionView };

/**
 * The person's session as the editor sees it: the cookie is HttpOnly, so the editor asks the server who is signed
 * in and keeps only the CSRF token (in memory) for writes. A 401 from any call returns to the sign-in page.
 */
export function useSession() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const csrfToken = useRef<string | null>(null);
  const client = useMemo(
    () =>
      new ApiClient({
        csrfToken: () => csrfToken.current,
        onSignedOut: () => setState((current) => (current.status === 'signed-in' ? { status: 'signed-out' } : current)),
      }),
    [],
  );
  const sessionApi = useMemo(() => new SessionApi(client), [client]);

  const adopt = useCallback((session: SessionView) => {
    csrfToken.current = session.csrf_token;
    setState({ status: 'signed-in', session });
  }, []);

  const load = useCallback(async () => {
    try {
      adopt(await sessionApi.current());
    } catch (caught) {
      if (!isApiError(caught) || caught.status !== 401) {
        setState({ status: 'unreachable', message: apiErrorMessage(caught, 'The dmflow server could not be reached.') });
        return;
      }
      try {
        setState({ status: (await sessionApi.setupNeeded()).needed ? 'setup' : 'signed-out' });
      } catch (setupError) {
        setState({ status: 'unreachable', message: apiErrorMessage(setupError, 'The dmflow server could not be reached.') });
      }
    }
  }, [adopt, sessionApi]);

  useEffect(() => {
    void load();
  }, [load]);

  const signOut = useCallback(
    async (everywhere: boolean) => {
      await (everywhere ? sessionApi.signOutEverywhere() : sessionApi.signOut()).catch(() => undefined);
      csrfToken.current = null;
      setState({ status: 'signed-out' });
    },
    [sessionApi],
  );

  const switchWorkspace = useCallback(
    async (workspaceId: string) => adopt(await sessionApi.switchWorkspace(workspaceId)),
    [adopt, sessionApi],
  );

  return { state, client, sessionApi, adopt, signOut, switchWorkspace };
}
