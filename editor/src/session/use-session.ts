import { useEffect, useState } from 'react';
import { ApiClient } from '../api/api-client';
import { apiErrorMessage, isApiError } from '../api/api-errors';
import { SessionApi, type SessionView } from '../api/people-api';

export type SessionState =
  | { status: 'loading' }
  | { status: 'setup' }
  | { status: 'signed-out' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-in'; session: SessionView };

type SetState = (update: (current: SessionState) => SessionState) => void;

/** The client, its session calls and what they do to the state: made once per App. */
function createSessionRuntime(setState: SetState) {
  const client = new ApiClient({
    onSignedOut: () => setState((current) => (current.status === 'signed-in' ? { status: 'signed-out' } : current)),
  });
  const sessionApi = new SessionApi(client);
  const unreachable = (caught: unknown): SessionState => ({
    status: 'unreachable',
    message: apiErrorMessage(caught, 'The dmflow server could not be reached.'),
  });

  const adopt = (session: SessionView) => {
    client.setCsrfToken(session.csrf_token);
    setState(() => ({ status: 'signed-in', session }));
  };

  /** Signed in already (the cookie), or else: the owner set-up on an empty install, or the sign-in page. */
  const load = () =>
    sessionApi.startState().then(
      ({ needed, signed_in }) =>
        signed_in
          ? sessionApi.current().then(adopt, (caught: unknown) => {
              if (!isApiError(caught) || caught.status !== 401) setState(() => unreachable(caught));
            })
          : setState(() => ({ status: needed ? 'setup' : 'signed-out' })),
      (caught: unknown) => setState(() => unreachable(caught)),
    );

  const signOut = async (everywhere: boolean) => {
    await (everywhere ? sessionApi.signOutEverywhere() : sessionApi.signOut()).catch(() => undefined);
    client.setCsrfToken(null);
    setState(() => ({ status: 'signed-out' }));
  };

  const switchWorkspace = async (workspaceId: string) => adopt(await sessionApi.switchWorkspace(workspaceId));

  return { client, sessionApi, adopt, load, signOut, switchWorkspace };
}

/**
 * The person's session as the editor sees it: the cookie is HttpOnly, so the editor asks the server who is signed
 * in and keeps only the CSRF token (in memory, in the API client) for writes. A 401 from any call returns to the
 * sign-in page.
 */
export function useSession() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [runtime] = useState(() => createSessionRuntime(setState));
  useEffect(() => {
    void runtime.load();
  }, [runtime]);
  return { state, ...runtime };
}
