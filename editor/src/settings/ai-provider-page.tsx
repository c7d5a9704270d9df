import { type FormEvent, useCallback, useState } from 'react';
import type { AiApi, AiProviderChange, AiProviderKind, AiProviderView } from '../api/ai-api';
import { apiErrorMessage } from '../api/api-errors';
import { useLoaded } from './use-loaded';

interface Draft {
  provider: AiProviderKind;
  baseUrl: string;
  model: string;
  apiKey: string;
  budget: string;
}

const draftOf = (view: AiProviderView): Draft => ({
  provider: view.provider,
  baseUrl: view.base_url ?? '',
  model: view.model ?? '',
  apiKey: '',
  budget: view.monthly_token_budget === null ? '' : String(view.monthly_token_budget),
});

/** Admins: the model AI blocks use (an OpenAI-compatible endpoint, or the offline local provider) and its monthly budget. */
export function AiProviderPage({ aiApi }: { aiApi: AiApi }) {
  const settings = useLoaded(
    useCallback(() => aiApi.provider(), [aiApi]),
    'the AI settings',
  );
  const [saved, setSaved] = useState(false);
  return (
    <main className="list-page settings-page">
      <h1>AI</h1>
      <p className="muted">
        The model that AI reply, AI router and AI extraction in questions use. Any OpenAI-compatible endpoint works: OpenAI, Azure OpenAI,
        OpenRouter, or Ollama, vLLM and LM Studio on your own machine.
      </p>
      {settings.error && (
        <p className="problem" role="alert">
          {settings.error}
        </p>
      )}
      {settings.value && (
        <AiProviderForm
          key={settings.value.updated_at ?? 'local'}
          stored={settings.value}
          onSave={async (change) => {
            settings.setError(null);
            setSaved(false);
            try {
              await aiApi.saveProvider(change);
              setSaved(true);
              await settings.reload();
            } catch (caught) {
              settings.setError(apiErrorMessage(caught, 'The AI settings could not be saved.'));
            }
          }}
        />
      )}
      {saved && (
        <p className="muted" role="status">
          Saved.
        </p>
      )}
    </main>
  );
}

/** The settings as stored when the form opened; a save reloads them, which starts a fresh form. */
function AiProviderForm({ stored, onSave }: { stored: AiProviderView; onSave: (change: AiProviderChange) => Promise<void> }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    await onSave({
      provider: draft.provider,
      ...(draft.provider === 'openai_compatible' ? { base_url: draft.baseUrl.trim(), model: draft.model.trim() } : {}),
      ...(draft.apiKey ? { api_key: draft.apiKey } : {}),
      monthly_token_budget: draft.budget.trim() === '' ? null : Number(draft.budget),
    });
  };

  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const remote = draft.provider === 'openai_compatible';
  return (
    <form onSubmit={(event) => void save(event)}>
      <div className="field">
        <label htmlFor="ai-provider">Provider</label>
        <select id="ai-provider" value={draft.provider} onChange={(event) => change({ provider: event.target.value as AiProviderKind })}>
          <option value="local">Local (offline keyword matching, free)</option>
          <option value="openai_compatible">OpenAI-compatible endpoint</option>
        </select>
      </div>
      {remote && (
        <>
          <div className="field">
            <label htmlFor="ai-base-url">Base URL</label>
            <input
              id="ai-base-url"
              value={draft.baseUrl}
              placeholder="https://api.openai.com/v1"
              onChange={(event) => change({ baseUrl: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="ai-model">Model</label>
            <input
              id="ai-model"
              value={draft.model}
              placeholder="gpt-4o-mini"
              onChange={(event) => change({ model: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="ai-api-key">API key</label>
            <input
              id="ai-api-key"
              type="password"
              autoComplete="off"
              value={draft.apiKey}
              placeholder={stored.api_key_set ? `Stored (${stored.api_key_hint ?? '…'}); type to replace` : 'Not needed for Ollama'}
              onChange={(event) => change({ apiKey: event.target.value })}
            />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor="ai-budget">Monthly budget (tokens, empty for none)</label>
        <input
          id="ai-budget"
          inputMode="numeric"
          value={draft.budget}
          placeholder="e.g. 2000000"
          onChange={(event) => change({ budget: event.target.value.replace(/\D/g, '') })}
        />
      </div>
      <button type="submit">Save</button>
    </form>
  );
}
