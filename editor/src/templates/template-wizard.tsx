import { type FormEvent, useState } from 'react';
import { parseKeywords, type PostChoice, type TemplateCard, templateOfCard, type TemplateText } from '@dmflow/shared';
import { apiErrorMessage } from '../api/api-errors';
import type { FlowsApi } from '../api/flows-api';
import type { InstagramAccountsApi } from '../api/instagram-accounts-api';
import { PostPicker } from '../post-picker/post-picker';
import { navigate } from '../router';
import { SuggestedText } from './suggested-text';
import './templates.css';

export interface TemplateWizardProps {
  card: TemplateCard;
  flowsApi: FlowsApi;
  instagramApi: InstagramAccountsApi;
  onCancel: () => void;
}

/** Asks only what differs between campaigns (the post, the keywords, the texts) and creates an ordinary flow. */
export function TemplateWizard({ card, flowsApi, instagramApi, onCancel }: TemplateWizardProps) {
  const template = templateOfCard(card);
  const { questions } = template;
  const [post, setPost] = useState<PostChoice>({ scope: 'any' });
  // The typed text is kept as typed; it is split into keywords only when the flow is made, so spaces and commas survive typing.
  const [keywordsText, setKeywordsText] = useState((questions.keywords ?? []).join(', '));
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(questions.texts.map((text) => [text.key, text.default])),
  );
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [published, setPublished] = useState<{ flowId: string; warnings: string[] } | null>(null);
  const keywords = parseKeywords(keywordsText);

  const make = async (publish: boolean) => {
    setBusy(true);
    setProblem(null);
    const graph = template.build({ post, keywords, texts });
    let flowId: string | null = null;
    try {
      const flow = await flowsApi.create(template.name, graph);
      flowId = flow.id;
      const warnings = publish ? ((await flowsApi.publish(flow.id)).warnings ?? []) : [];
      // A clash with another live flow does not stop publishing, but the person must see it before moving on.
      if (warnings.length) {
        setBusy(false);
        setPublished({ flowId: flow.id, warnings });
        return;
      }
      navigate({ page: 'flow', flowId: flow.id });
    } catch (caught) {
      setBusy(false);
      const reason = apiErrorMessage(caught, 'Could not create the flow.');
      setProblem(flowId ? `The flow was saved as a draft but not published: ${reason}` : reason);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void make(true);
  };

  return (
    <main className="list-page template-wizard">
      <form onSubmit={submit} aria-labelledby="wizard-title">
        <header className="wizard-header">
          <div>
            <h1 id="wizard-title">{template.name}</h1>
            <p className="wizard-description">{template.description}</p>
          </div>
          <button type="button" className="secondary" onClick={onCancel}>
            Back to templates
          </button>
        </header>
        {template.caveat && <p className="wizard-caveat">{template.caveat}</p>}
        {questions.post && (
          <fieldset className="wizard-step">
            <legend>Which post?</legend>
            <PostPicker instagramApi={instagramApi} value={post} onChange={setPost} />
          </fieldset>
        )}
        {questions.keywords && (
          <fieldset className="wizard-step">
            <legend>Which keywords?</legend>
            <label htmlFor="wizard-keywords">Keywords (separate them with commas)</label>
            <SuggestedText
              id="wizard-keywords"
              value={keywordsText}
              suggestion={(questions.keywords ?? []).join(', ')}
              onChange={setKeywordsText}
            />
            <p className="field-help" aria-live="polite">
              {keywords.length ? (
                <>
                  Fires on comments containing{' '}
                  {keywords.map((keyword, index) => (
                    <span key={keyword}>
                      {index > 0 && ' or '}
                      <mark className="keyword-chip">{keyword}</mark>
                    </span>
                  ))}
                </>
              ) : (
                'Type at least one keyword.'
              )}
            </p>
          </fieldset>
        )}
        <fieldset className="wizard-step">
          <legend>What it says</legend>
          {questions.texts.map((text: TemplateText) => (
            <div className="field" key={text.key}>
              <label htmlFor={`wizard-${text.key}`}>{text.label}</label>
              <SuggestedText
                id={`wizard-${text.key}`}
                multiline
                rows={text.perLine ? 3 : 2}
                value={texts[text.key] ?? ''}
                suggestion={text.default}
                onChange={(value) => setTexts((current) => ({ ...current, [text.key]: value }))}
              />
              {text.help && <p className="field-help">{text.help}</p>}
            </div>
          ))}
        </fieldset>
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        {published && (
          <div className="wizard-caveat" role="alert">
            <p>Published. Check before you go:</p>
            <ul>
              {published.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
            <button type="button" onClick={() => navigate({ page: 'flow', flowId: published.flowId })}>
              Open the flow
            </button>
          </div>
        )}
        <div className="wizard-actions">
          <button type="button" className="secondary" disabled={busy || published !== null} onClick={() => void make(false)}>
            Save as draft
          </button>
          <button type="submit" disabled={busy || published !== null || (questions.keywords !== null && keywords.length === 0)}>
            Publish
          </button>
        </div>
      </form>
    </main>
  );
}
