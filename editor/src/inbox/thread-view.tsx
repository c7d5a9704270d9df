import { useState } from 'react';
import type { ThreadMessage } from '../api/inbox-api';
import type { ThreadEntry } from './thread-timeline';

function senderLabel(message: ThreadMessage): string {
  switch (message.sender.type) {
    case 'contact':
      return message.kind === 'comment' ? 'Comment' : 'Them';
    case 'flow':
      return `Flow · ${message.sender.node_id ?? ''}`;
    case 'api':
      return 'API';
    case 'member':
      return message.tag ? `Team · ${message.tag}` : 'Team';
  }
}

interface ThreadViewProps {
  entries: ThreadEntry[];
  /** A member's name by user id (notes name their author). */
  nameOf: (userId: string | null) => string;
  canReply: boolean;
  onReply: (text: string) => Promise<boolean>;
  onNote: (text: string) => Promise<boolean>;
}

/** The thread: messages and internal notes in order (notes set apart: never sent), the reply box and the note box. */
export function ThreadView({ entries, nameOf, canReply, onReply, onNote }: ThreadViewProps) {
  return (
    <>
      <ol className="thread-messages" aria-label="Messages">
        {entries.map((entry) =>
          entry.type === 'message' ? (
            <li key={entry.message.id} className={`thread-message ${entry.message.direction}`}>
              <span className="thread-sender">{senderLabel(entry.message)}</span>
              <span className="thread-text">{entry.message.text ?? `[${entry.message.kind}]`}</span>
            </li>
          ) : (
            <li key={entry.note.id} className="thread-note">
              <span className="thread-sender">Internal note · {nameOf(entry.note.author_user_id)}</span>
              <span className="thread-text">{entry.note.text}</span>
            </li>
          ),
        )}
      </ol>
      {canReply && (
        <>
          <TextForm id="reply-text" label="Reply" submit="Send" maxLength={1000} onSubmit={onReply} />
          <TextForm id="note-text" label="Internal note" submit="Add note" maxLength={5000} onSubmit={onNote} note />
        </>
      )}
    </>
  );
}

interface TextFormProps {
  id: string;
  label: string;
  submit: string;
  maxLength: number;
  note?: boolean;
  /** Resolves true when done (the box is cleared). */
  onSubmit: (text: string) => Promise<boolean>;
}

function TextForm({ id, label, submit, maxLength, note, onSubmit }: TextFormProps) {
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const text = draft.trim();
    if (!text || busy) return;
    setBusy(true);
    if (await onSubmit(text)) setDraft('');
    setBusy(false);
  };
  return (
    <form
      className={note ? 'thread-reply thread-note-form' : 'thread-reply'}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id}>{label}</label>
      {note && <span className="thread-note-hint">Only your team sees notes; they are never sent.</span>}
      <textarea id={id} value={draft} onChange={(event) => setDraft(event.target.value)} rows={2} maxLength={maxLength} />
      <button type="submit" disabled={!draft.trim() || busy}>
        {submit}
      </button>
    </form>
  );
}
