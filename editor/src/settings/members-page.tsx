import { type FormEvent, useCallback, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import { type CreatedInvite, type Role, ROLES, type SettingsApi } from '../api/people-api';
import { useLoaded } from './use-loaded';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Owners: the workspace's people, their roles and sessions, and one-time invite links. */
export function MembersPage({ settingsApi, currentUserId }: { settingsApi: SettingsApi; currentUserId: string }) {
  const members = useLoaded(
    useCallback(() => settingsApi.members(), [settingsApi]),
    'the members',
  );
  const invites = useLoaded(
    useCallback(() => settingsApi.invites(), [settingsApi]),
    'the invites',
  );
  const [inviteRole, setInviteRole] = useState<Role>('editor');
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    members.setError(null);
    setNotice(null);
    try {
      await work();
      if (done) setNotice(done);
    } catch (caught) {
      members.setError(apiErrorMessage(caught, 'Something went wrong.'));
    }
    await Promise.all([members.reload(), invites.reload()]);
  };

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    await act(async () => setCreated(await settingsApi.createInvite(inviteRole)));
  };

  const error = members.error ?? invites.error;
  return (
    <main className="list-page settings-page">
      <h1>Members</h1>
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {members.value && (
        <table className="settings-table">
          <thead>
            <tr>
              <th>Email</th>
              <th>Role</th>
              <th>Signed in</th>
              <th>Joined</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.value.map((member) => (
              <tr key={member.user_id} data-testid={`member-${member.email}`}>
                <td>{member.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${member.email}`}
                    value={member.role}
                    onChange={(event) => void act(() => settingsApi.changeRole(member.user_id, event.target.value as Role))}
                  >
                    {ROLES.map((role) => (
                      <option key={role}>{role}</option>
                    ))}
                  </select>
                </td>
                <td data-testid="active-sessions">{member.active_sessions}</td>
                <td>{dateFormat.format(new Date(member.joined_at))}</td>
                <td>
                  {member.user_id !== currentUserId && (
                    <>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          void act(async () => {
                            const { revoked } = await settingsApi.endSessions(member.user_id);
                            return revoked;
                          }, `Signed ${member.email} out of this workspace.`)
                        }
                      >
                        End sessions
                      </button>
                      <button
                        type="button"
                        className="link-button danger"
                        onClick={() => void act(() => settingsApi.removeMember(member.user_id), `Removed ${member.email}.`)}
                      >
                        Remove
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {members.value && (
        <>
          <h2>Invite someone</h2>
          <form className="inline-form" onSubmit={(event) => void invite(event)}>
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={inviteRole} onChange={(event) => setInviteRole(event.target.value as Role)}>
              {ROLES.map((role) => (
                <option key={role}>{role}</option>
              ))}
            </select>
            <button type="submit">Create invite link</button>
          </form>
        </>
      )}
      {created && (
        <div className="field one-time-secret">
          <label htmlFor="invite-link">Invite link ({created.role}); shown once, valid for 7 days, works once</label>
          <input id="invite-link" readOnly value={`${window.location.origin}${created.path}`} onFocus={(event) => event.target.select()} />
        </div>
      )}
      {invites.value && invites.value.length > 0 && (
        <>
          <h2>Pending invites</h2>
          <ul className="settings-list">
            {invites.value.map((pending) => (
              <li key={pending.id}>
                {pending.role}, expires {dateFormat.format(new Date(pending.expires_at))}{' '}
                <button type="button" className="link-button danger" onClick={() => void act(() => settingsApi.revokeInvite(pending.id))}>
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
