import { type FormEvent, type ReactNode, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import type { Credentials, SessionView } from '../api/people-api';

interface CredentialsFormProps {
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  /** `new-password` when the person chooses a password here (set-up, a new person's invite). */
  passwordAutocomplete: 'current-password' | 'new-password';
  /** Extra fields above the email (the workspace's name on set-up). */
  children?: ReactNode;
  submit: (credentials: Credentials) => Promise<SessionView>;
  onSignedIn: (session: SessionView) => void;
}

/** The email + password card shared by set-up, sign-in and accepting an invite. */
export function CredentialsForm({ title, intro, submitLabel, passwordAutocomplete, children, submit, onSignedIn }: CredentialsFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await submit({ email: email.trim(), password }));
    } catch (caught) {
      setError(apiErrorMessage(caught, 'Could not reach the dmflow server.'));
      setBusy(false);
    }
  };

  return (
    <main className="connect-page">
      <form className="card connect-card" onSubmit={(event) => void onSubmit(event)}>
        <h1>{title}</h1>
        {intro}
        {children}
        <div className="field">
          <label htmlFor="auth-email">Email</label>
          <input
            id="auth-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="auth-password">Password</label>
          <input
            id="auth-password"
            type="password"
            autoComplete={passwordAutocomplete}
            required
            minLength={passwordAutocomplete === 'new-password' ? 10 : undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {passwordAutocomplete === 'new-password' && <p className="field-help">At least 10 characters.</p>}
        </div>
        {error && (
          <p className="problem" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !email.trim() || !password}>
          {busy ? 'Please wait…' : submitLabel}
        </button>
      </form>
    </main>
  );
}
