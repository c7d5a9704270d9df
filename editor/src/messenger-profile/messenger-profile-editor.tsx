import { MESSENGER_PROFILE_LIMITS, readMessengerProfile, type FlowSummaryView, type MessengerProfileView } from '@dmflow/shared';
import { useEffect, useId, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import type { InstagramAccountsApi } from '../api/instagram-accounts-api';

type Profile = Pick<MessengerProfileView, 'ice_breakers' | 'menu'>;
type MenuEntry = Profile['menu'][number];

export interface MessengerProfileEditorProps {
  api: InstagramAccountsApi;
  instagramAccountId: string;
  username: string;
  flows: FlowSummaryView[];
}

function FlowSelect({
  label,
  value,
  flows,
  onChange,
}: {
  label: string;
  value: string;
  flows: FlowSummaryView[];
  onChange: (flowId: string) => void;
}) {
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">Choose a flow…</option>
      {flows.map((flow) => (
        <option key={flow.id} value={flow.id}>
          {flow.name}
        </option>
      ))}
    </select>
  );
}

/** One account's conversation starters (shown before the first message) and persistent menu, pushed to Instagram on save. */
export function MessengerProfileEditor({ api, instagramAccountId, username, flows }: MessengerProfileEditorProps) {
  const headingId = useId();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [pushedAt, setPushedAt] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api.messengerProfile(instagramAccountId).then(
      (loaded) => {
        setProfile({ ice_breakers: loaded.ice_breakers, menu: loaded.menu });
        setPushedAt(loaded.pushed_at);
      },
      (caught: unknown) => setProblems([apiErrorMessage(caught, 'Could not load the starters and menu.')]),
    );
  }, [api, instagramAccountId]);

  if (!profile) return problems.length ? <p className="problem">{problems[0]}</p> : null;

  const edit = (next: Profile) => {
    setProfile(next);
    setSaved(false);
  };
  const setStarter = (index: number, change: Partial<Profile['ice_breakers'][number]>) =>
    edit({ ...profile, ice_breakers: profile.ice_breakers.map((starter, at) => (at === index ? { ...starter, ...change } : starter)) });
  const setItem = (index: number, change: Partial<MenuEntry>) =>
    edit({ ...profile, menu: profile.menu.map((item, at) => (at === index ? { ...item, ...change } : item)) });

  const save = async () => {
    // The same rules the server applies, so most mistakes show before the round trip.
    const local = readMessengerProfile(profile).problems;
    if (local.length) {
      setProblems(local.map((problem) => `${problem.field}: ${problem.message}`));
      return;
    }
    setSaving(true);
    try {
      const stored = await api.saveMessengerProfile(instagramAccountId, profile);
      setPushedAt(stored.pushed_at);
      setProblems([]);
      setSaved(true);
    } catch (caught) {
      setProblems([apiErrorMessage(caught, 'Could not save the starters and menu.')]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="messenger-profile" aria-labelledby={headingId}>
      <h3 id={headingId}>Conversation starters and menu of @{username}</h3>
      <p className="field-help">
        Starters show to people opening a chat with you for the first time (up to {MESSENGER_PROFILE_LIMITS.iceBreakers}); the menu stays
        next to the message box. A tap starts the flow you choose.
      </p>
      <h4>Conversation starters</h4>
      <ol className="messenger-profile-list">
        {profile.ice_breakers.map((starter, index) => (
          <li key={index}>
            <input
              type="text"
              aria-label={`Starter ${index + 1} question`}
              placeholder="e.g. What are your prices?"
              maxLength={MESSENGER_PROFILE_LIMITS.questionChars}
              value={starter.question}
              onChange={(event) => setStarter(index, { question: event.target.value })}
            />
            <FlowSelect
              label={`Starter ${index + 1} flow`}
              value={starter.flow_id}
              flows={flows}
              onChange={(flowId) => setStarter(index, { flow_id: flowId })}
            />
            <button
              type="button"
              className="secondary"
              aria-label={`Remove starter ${index + 1}`}
              onClick={() => edit({ ...profile, ice_breakers: profile.ice_breakers.filter((_, at) => at !== index) })}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="secondary"
        disabled={profile.ice_breakers.length >= MESSENGER_PROFILE_LIMITS.iceBreakers}
        onClick={() => edit({ ...profile, ice_breakers: [...profile.ice_breakers, { question: '', flow_id: '' }] })}
      >
        Add a starter
      </button>
      <h4>Menu</h4>
      <ol className="messenger-profile-list">
        {profile.menu.map((item, index) => (
          <li key={index}>
            <input
              type="text"
              aria-label={`Menu item ${index + 1} title`}
              maxLength={MESSENGER_PROFILE_LIMITS.menuTitleChars}
              value={item.title}
              onChange={(event) => setItem(index, { title: event.target.value })}
            />
            <select
              aria-label={`Menu item ${index + 1} opens`}
              value={item.type}
              onChange={(event) => setItem(index, { type: event.target.value === 'url' ? 'url' : 'flow' })}
            >
              <option value="flow">Starts a flow</option>
              <option value="url">Opens a web page</option>
            </select>
            {item.type === 'url' ? (
              <input
                type="url"
                aria-label={`Menu item ${index + 1} web address`}
                placeholder="https://…"
                value={item.url ?? ''}
                onChange={(event) => setItem(index, { url: event.target.value })}
              />
            ) : (
              <FlowSelect
                label={`Menu item ${index + 1} flow`}
                value={item.flow_id ?? ''}
                flows={flows}
                onChange={(flowId) => setItem(index, { flow_id: flowId })}
              />
            )}
            <button
              type="button"
              className="secondary"
              aria-label={`Remove menu item ${index + 1}`}
              onClick={() => edit({ ...profile, menu: profile.menu.filter((_, at) => at !== index) })}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="secondary"
        disabled={profile.menu.length >= MESSENGER_PROFILE_LIMITS.menuItems}
        onClick={() => edit({ ...profile, menu: [...profile.menu, { type: 'flow', title: '', flow_id: '' }] })}
      >
        Add a menu item
      </button>
      {problems.length > 0 && (
        <ul className="problem" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="messenger-profile-actions">
        <button type="button" disabled={saving} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save and push to Instagram'}
        </button>
        <span role="status">{saved ? 'Saved: Instagram shows them now.' : pushedAt ? 'Live on Instagram.' : 'Not on Instagram yet.'}</span>
      </div>
    </section>
  );
}
