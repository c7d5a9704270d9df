import { useState } from 'react';
import type { Assignee, ConversationSummary } from '../api/inbox-api';

const PAUSE_CHOICES: Array<{ minutes: number | null; label: string }> = [
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '24 hours' },
  { minutes: 10_080, label: '7 days' },
  { minutes: null, label: 'Until resumed' },
];

export interface ConversationActions {
  assign(userId: string | null): Promise<void>;
  setStatus(status: 'open' | 'done'): Promise<void>;
  pause(minutes: number | null): Promise<void>;
  resume(continueFlow: boolean): Promise<void>;
}

interface ConversationControlsProps {
  conversation: ConversationSummary;
  assignees: Assignee[];
  currentUserId: string;
  nameOf: (userId: string | null) => string;
  canReply: boolean;
  actions: ConversationActions;
}

/** Who answers, open/done, and automation for this contact; viewers see the state, editors change it. */
export function ConversationControls({ conversation, assignees, currentUserId, nameOf, canReply, actions }: ConversationControlsProps) {
  const [pauseFor, setPauseFor] = useState('60');
  const [continueFlow, setContinueFlow] = useState(false);
  const assignee = conversation.assignee_user_id;
  const pausedUntil = conversation.automation_paused_until ? new Date(conversation.automation_paused_until).toLocaleString() : null;

  if (!canReply) {
    return (
      <div className="inbox-controls">
        <p>Assigned to: {assignee ? nameOf(assignee) : 'nobody'}</p>
        <p>Status: {conversation.status === 'done' ? 'Done' : 'Open'}</p>
        <p>Automation: {conversation.automation_paused ? `paused ${pausedUntil ? `until ${pausedUntil}` : 'until resumed'}` : 'on'}</p>
      </div>
    );
  }

  return (
    <div className="inbox-controls">
      {/* Labelled by id, not by wrapping: the select's name stays "Assigned to", without its options' text. */}
      <label htmlFor="conversation-assignee">Assigned to</label>
      <select id="conversation-assignee" value={assignee ?? ''} onChange={(event) => void actions.assign(event.target.value || null)}>
        <option value="">Nobody</option>
        {assignee && !assignees.some((member) => member.user_id === assignee) && <option value={assignee}>{nameOf(assignee)}</option>}
        {assignees.map((member) => (
          <option key={member.user_id} value={member.user_id}>
            {member.user_id === currentUserId ? `${member.email} (me)` : member.email}
          </option>
        ))}
      </select>
      <div className="inbox-control-row">
        {assignee !== currentUserId && (
          <button type="button" onClick={() => void actions.assign(currentUserId)}>
            Assign to me
          </button>
        )}
        {assignee !== null && (
          <button type="button" onClick={() => void actions.assign(null)}>
            Unassign
          </button>
        )}
      </div>
      <p className="inbox-status">Status: {conversation.status === 'done' ? 'Done' : 'Open'}</p>
      {conversation.status === 'open' ? (
        <button type="button" onClick={() => void actions.setStatus('done')}>
          Mark done
        </button>
      ) : (
        <button type="button" onClick={() => void actions.setStatus('open')}>
          Reopen
        </button>
      )}
      <fieldset className="inbox-automation">
        <legend>Automation</legend>
        {conversation.automation_paused ? (
          <>
            <p role="status">Paused {pausedUntil ? `until ${pausedUntil}` : 'until resumed'}</p>
            {conversation.handover_pending && (
              <label className="inline-choice">
                <input type="checkbox" checked={continueFlow} onChange={(event) => setContinueFlow(event.target.checked)} />
                Continue the flow that handed over
              </label>
            )}
            <button type="button" onClick={() => void actions.resume(conversation.handover_pending && continueFlow)}>
              Resume automation
            </button>
          </>
        ) : (
          <>
            <p>On: flows answer this person.</p>
            <label htmlFor="conversation-pause-for">Pause for</label>
            <select id="conversation-pause-for" value={pauseFor} onChange={(event) => setPauseFor(event.target.value)}>
              {PAUSE_CHOICES.map((choice) => (
                <option key={choice.label} value={choice.minutes === null ? '' : String(choice.minutes)}>
                  {choice.label}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void actions.pause(pauseFor ? Number(pauseFor) : null)}>
              Pause automation
            </button>
          </>
        )}
      </fieldset>
    </div>
  );
}
