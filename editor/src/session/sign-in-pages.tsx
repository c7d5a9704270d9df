import { useEffect, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import type { InvitePreview, SessionApi, SessionView } from '../api/people-api';
import { CredentialsForm } from './credentials-form';

interface PageProps {
  sessionApi: SessionApi;
  onSignedIn: (session: SessionView) => void;
}

/** First start, empty database: the person who opens the editor creates the owner account and the first workspace. */
export function OwnerSetupPage({ sessionApi, onSignedIn }: PageProps) {
  const [workspaceName, setWorkspaceName] = useState('');
  return (
    <CredentialsForm
      title="Create the owner account"
      intro={<p>Nobody uses this dmflow yet. The account you create owns it: you can invite others afterwards.</p>}
      submitLabel="Create owner account"
      passwordAutocomplete="new-password"
      submit={(credentials) => sessionApi.setup(credentials, workspaceName.trim() || 'My workspace')}
      onSignedIn={onSignedIn}
    >
      <div className="field">
        <label htmlFor="workspace-name">Workspace name</label>
        <input id="workspace-name" placeholder="My shop" value={workspaceName} onChange={(event) => setWorkspaceName(event.target.value)} />
      </div>
    </CredentialsForm>
  );
}

export function SignInPage({ sessionApi, onSignedIn }: PageProps) {
  return (
    <CredentialsForm
      title="Sign in to dmflow"
      submitLabel="Sign in"
      passwordAutocomplete="current-password"
      submit={(credentials) => sessionApi.signIn(credentials)}
      onSignedIn={onSignedIn}
    />
  );
}

/** /invite/<token>: a new person chooses a password; someone who already signs in gives theirs. */
export function AcceptInvitePage({ sessionApi, onSignedIn, token }: PageProps & { token: string }) {
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    sessionApi.previewInvite(token).then(setPreview, (caught: unknown) => setError(apiErrorMessage(caught, 'Could not read this invite.')));
  }, [sessionApi, token]);

  if (error || !preview) {
    return (
      <main className="connect-page">
        <div className="card connect-card">
          <h1>Join a workspace</h1>
          {error ? (
            <p className="problem" role="alert">
              {error}
            </p>
          ) : (
            <p>Reading the invite…</p>
          )}
        </div>
      </main>
    );
  }
  return (
    <CredentialsForm
      title={`Join ${preview.workspace_name}`}
      intro={
        <p>
          You are invited as <strong>{preview.role}</strong>. New here? Choose a password. Already on dmflow? Use your email and password.
        </p>
      }
      submitLabel="Accept invite"
      passwordAutocomplete="new-password"
      submit={(credentials) => sessionApi.acceptInvite(token, credentials)}
      onSignedIn={onSignedIn}
    />
  );
}
