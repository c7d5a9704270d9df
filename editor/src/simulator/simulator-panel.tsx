import type { AiTask, FlowGraph } from '@dmflow/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { FlowsApi } from '../api/flows-api';
import type { ChatBubble } from './chat-bubble';
import { type PreviewConditions, PreviewConditionsForm } from './preview-conditions';
import {
  answerAi,
  type AiPreviewOutcome,
  defaultTriggerText,
  fastForward,
  type Simulation,
  sendText,
  startSimulation,
  tapButton,
  tapQuickReply,
} from './simulator-driver';
import { TestSend } from './test-send';

interface SimulatorPanelProps {
  graph: FlowGraph;
  flowsApi: FlowsApi;
  flowId: string;
  /** Answers AI blocks with the workspace's provider (through the server); without it the local provider answers. */
  previewAi?: (task: AiTask) => Promise<AiPreviewOutcome>;
  onActiveNodeChange: (nodeId: string | null) => void;
  onClose: () => void;
}

const TRIGGER_LABELS: Record<string, string> = {
  comment: 'Comment text',
  live_comment: 'Live comment text',
  story_reply: 'Story reply text',
  dm_keyword: 'Message text',
};

function triggerLabel(graph: FlowGraph): string {
  const source = graph.nodes.find((node) => node.type === 'trigger')?.data.config.source;
  return TRIGGER_LABELS[typeof source === 'string' ? source : ''] ?? 'Message text';
}

/** Chats with the flow's compiled machine, in the browser, as a contact would on Instagram, on a phone-like thread. */
/** " (until Mon 15 Jun, 09:00)" for a smart delay, in the preview's zone; nothing for a fixed wait. */
function waitEnd(dueAt: string | undefined): string {
  if (!dueAt) return '';
  const when = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return ` (until ${when.format(new Date(dueAt))})`;
}

export function SimulatorPanel({ graph, flowsApi, flowId, previewAi, onActiveNodeChange, onClose }: SimulatorPanelProps) {
  const ai = previewAi ? 'server' : 'local';
  const [conditions, setConditions] = useState<PreviewConditions>(() => ({
    triggerText: defaultTriggerText(graph),
    followsBusiness: true,
    httpOutcome: 'success',
  }));
  const [simulation, setSimulation] = useState<Simulation>(() => startSimulation(graph, { ...conditions, ai }));
  const [previewed, setPreviewed] = useState(graph);
  const restart = (conditionsNow: PreviewConditions = conditions) => {
    setSimulation(startSimulation(graph, { ...conditionsNow, ai }));
    setPreviewed(graph);
  };
  const changeConditions = (next: PreviewConditions) => {
    setConditions(next);
    restart(next);
  };
  const pendingAi = simulation.pendingAi;
  useEffect(() => {
    if (!pendingAi || !previewAi) return;
    let current = true;
    void previewAi(pendingAi.task)
      .catch((error: Error): AiPreviewOutcome => ({ error: error.message }))
      .then((outcome) => current && setSimulation((latest) => answerAi(latest, pendingAi.effectKey, outcome)));
    return () => {
      current = false;
    };
  }, [pendingAi, previewAi]);
  const [draft, setDraft] = useState('');
  const log = useRef<HTMLOListElement>(null);

  useEffect(() => {
    onActiveNodeChange(simulation.status === 'running' ? simulation.activeNodeId : null);
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [simulation, onActiveNodeChange]);
  useEffect(() => () => onActiveNodeChange(null), [onActiveNodeChange]);

  const lastBot = [...simulation.bubbles].reverse().find((bubble) => bubble.from === 'bot');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    setSimulation(sendText(simulation, draft.trim()));
    setDraft('');
  };
  const [timer] = simulation.timers;

  return (
    <aside className="simulator" aria-label="Simulator" data-testid="simulator">
      <header className="simulator-header">
        <h2>Preview</h2>
        <div className="simulator-actions">
          <button type="button" className="secondary" onClick={() => restart()}>
            Restart
          </button>
          <button type="button" className="secondary" onClick={onClose} aria-label="Close preview">
            ✕
          </button>
        </div>
      </header>
      {previewed !== graph && (
        <p className="simulator-stale" role="status">
          The flow changed since this preview started.{' '}
          <button type="button" className="link-button" onClick={() => restart()}>
            Restart
          </button>{' '}
          to try the new version.
        </p>
      )}
      <PreviewConditionsForm conditions={conditions} triggerLabel={triggerLabel(graph)} onChange={changeConditions} />
      <div className="phone" data-testid="phone-preview">
        <div className="phone-top">
          <span className="phone-avatar" aria-hidden="true" />
          <span>Your account</span>
        </div>
        {simulation.status === 'invalid' ? (
          <div className="simulator-invalid" role="alert">
            <p>Fix these problems to preview the flow:</p>
            <ul>
              {simulation.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : (
          <ol className="chat" ref={log} aria-live="polite" aria-label="Conversation">
            {simulation.bubbles.map((bubble) => (
              <Bubble
                key={bubble.id}
                bubble={bubble}
                interactive={bubble === lastBot && simulation.status === 'running'}
                simulation={simulation}
                onChange={setSimulation}
              />
            ))}
            {simulation.status === 'done' && <li className="chat-system">Flow completed.</li>}
          </ol>
        )}
        {timer && simulation.status === 'running' && (
          <button type="button" className="fast-forward" onClick={() => setSimulation(fastForward(simulation))}>
            {timer.purpose === 'timeout' ? '⏩ Let the answer time out' : `⏩ Skip the wait${waitEnd(timer.dueAt)}`}
          </button>
        )}
        <form className="chat-input" onSubmit={submit}>
          <input
            aria-label="Message as the contact"
            placeholder={simulation.status === 'running' ? 'Message…' : 'The run has ended'}
            value={draft}
            disabled={simulation.status !== 'running'}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" disabled={simulation.status !== 'running' || !draft.trim()}>
            Send
          </button>
        </form>
      </div>
      <TestSend flowsApi={flowsApi} flowId={flowId} triggerText={conditions.triggerText} />
    </aside>
  );
}

function Bubble({
  bubble,
  interactive,
  simulation,
  onChange,
}: {
  bubble: ChatBubble;
  interactive: boolean;
  simulation: Simulation;
  onChange: (next: Simulation) => void;
}) {
  if (bubble.from === 'contact') return <li className="chat-bubble chat-contact">{bubble.text}</li>;
  if (bubble.from === 'system') return <li className="chat-system">{bubble.text}</li>;
  return (
    <li className="chat-bubble chat-bot" data-node-id={bubble.nodeId}>
      {bubble.mediaUrl ? <a href={bubble.mediaUrl}>{bubble.text}</a> : <span className="chat-text">{bubble.text}</span>}
      {bubble.buttons.length > 0 && (
        <div className="chat-buttons">
          {bubble.buttons.map((button) =>
            button.url ? (
              <a key={button.title} className="chat-button" href={button.url} target="_blank" rel="noreferrer">
                {button.title} ↗
              </a>
            ) : (
              <button
                key={button.title}
                type="button"
                className="chat-button"
                disabled={!interactive}
                onClick={() => onChange(tapButton(simulation, button.title, button.payload ?? button.title))}
              >
                {button.title}
              </button>
            ),
          )}
        </div>
      )}
      {bubble.quickReplies.length > 0 && interactive && (
        <div className="chat-quick-replies">
          {bubble.quickReplies.map((reply) => (
            <button
              key={reply.title}
              type="button"
              className="chat-quick-reply"
              onClick={() => onChange(tapQuickReply(simulation, reply.title, reply.payload ?? reply.title))}
            >
              {reply.title}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
