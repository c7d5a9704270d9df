import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { apiErrorMessage } from '../api/api-errors';
import {
  type ContactProfile,
  type ConversationSummary,
  InboxApi,
  type InboxFilter,
  type RunSummary,
  type ThreadMessage,
} from '../api/inbox-api';
import { useInboxEvents } from './use-inbox-events';

const FILTERS: Array<{ value: InboxFilter; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'mine', label: 'Assigned to me' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'paused', label: 'Automation paused' },
  { value: 'done', label: 'Done' },
  { value: 'all', label: 'All' },
];

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

interface ThreadState {
  messages: ThreadMessage[];
  profile: ContactProfile | null;
  run: RunSummary | null;
}

/** Live chat: every conversation, newest first, and the open one's thread, profile and reply box; updates pushed live. */
export function InboxPage({ client, canReply }: { client: ApiClient; canReply: boolean }) {
  const api = useMemo(() => new InboxApi(client), [client]);
  const [filter, setFilter] = useState<InboxFilter>('open');
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [thread, setThread] = useState<ThreadState>({ messages: [], profile: null, run: null });
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // The open conversation for callbacks that outlive a render (server events, a thread that loads late).
  const openRef = useRef<string | null>(null);
  useEffect(() => {
    openRef.current = openId;
  }, [openId]);

  const loadList = useCallback(() => {
    api
      .conversations(filter, search, tag)
      .then(setConversations, (error: unknown) => setProblem(apiErrorMessage(error, 'Could not load the inbox.')));
  }, [api, filter, search, tag]);

  const loadThread = useCallback(
    (contactId: string) => {
      Promise.all([api.thread(contactId), api.profile(contactId), api.currentRun(contactId)]).then(
        ([messages, profile, run]) => {
          if (openRef.current === contactId) setThread({ messages, profile, run });
        },
        (error: unknown) => setProblem(apiErrorMessage(error, 'Could not load the conversation.')),
      );
    },
    [api],
  );

  useEffect(loadList, [loadList]);
  useEffect(() => {
    if (!openId) return;
    loadThread(openId);
    void api.markRead(openId).catch(() => undefined);
  }, [api, openId, loadThread]);

  const onChange = useCallback(
    (contactId: string | null) => {
      loadList();
      const open = openRef.current;
      if (open && (contactId === null || contactId === open)) loadThread(open);
    },
    [loadList, loadThread],
  );
  useInboxEvents(onChange);

  const open = conversations.find((conversation) => conversation.contact_id === openId) ?? null;
  const send = async () => {
    if (!openId || !draft.trim()) return;
    try {
      await api.reply(openId, draft.trim());
      setDraft('');
      setProblem(null);
      loadThread(openId);
    } catch (error) {
      setProblem(apiErrorMessage(error, 'The reply was not sent.'));
    }
  };
  const togglePause = async () => {
    if (!open) return;
    await (open.automation_paused ? api.resume(open.contact_id, false) : api.pause(open.contact_id)).catch((error: unknown) =>
      setProblem(apiErrorMessage(error, 'Could not change automation.')),
    );
    loadList();
  };

  return (
    <main className="inbox-page">
      <h1>Inbox</h1>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="inbox-layout">
        <section className="inbox-list" aria-label="Conversations">
          <div className="inbox-filters">
            <label>
              Show
              <select value={filter} onChange={(event) => setFilter(event.target.value as InboxFilter)}>
                {FILTERS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Search
              <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Name or message" />
            </label>
            <label>
              Tag
              <input value={tag} onChange={(event) => setTag(event.target.value)} placeholder="e.g. vip" />
            </label>
          </div>
          <ul>
            {conversations.map((conversation) => (
              <li key={conversation.contact_id}>
                <button
                  type="button"
                  className="inbox-row"
                  aria-current={conversation.contact_id === openId ? 'true' : undefined}
                  onClick={() => setOpenId(conversation.contact_id)}
                >
                  <span className="inbox-name">@{conversation.username ?? conversation.ig_user_id}</span>
                  {conversation.unread_count > 0 && (
                    <span className="inbox-unread" aria-label={`${conversation.unread_count} unread`}>
                      {conversation.unread_count}
                    </span>
                  )}
                  {conversation.automation_paused && <span className="inbox-paused">paused</span>}
                  <span className="inbox-preview">{conversation.last_message_text ?? ''}</span>
                </button>
              </li>
            ))}
            {conversations.length === 0 && <li className="inbox-empty">No conversations here.</li>}
          </ul>
        </section>
        <section className="inbox-thread" aria-label="Conversation">
          {!openId && <p className="inbox-empty">Choose a conversation.</p>}
          {openId && (
            <>
              <ol className="thread-messages" aria-label="Messages">
                {thread.messages.map((message) => (
                  <li key={message.id} className={`thread-message ${message.direction}`}>
                    <span className="thread-sender">{senderLabel(message)}</span>
                    <span className="thread-text">{message.text ?? `[${message.kind}]`}</span>
                  </li>
                ))}
              </ol>
              {canReply && (
                <form
                  className="thread-reply"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void send();
                  }}
                >
                  <label htmlFor="reply-text">Reply</label>
                  <textarea id="reply-text" value={draft} onChange={(event) => setDraft(event.target.value)} rows={2} maxLength={1000} />
                  <button type="submit" disabled={!draft.trim()}>
                    Send
                  </button>
                </form>
              )}
            </>
          )}
        </section>
        {openId && (
          <aside className="inbox-profile" aria-label="Contact">
            <h2>@{thread.profile?.username ?? open?.ig_user_id ?? ''}</h2>
            <p>Tags: {thread.profile?.tags.length ? thread.profile.tags.join(', ') : 'none'}</p>
            <dl>
              {Object.entries(thread.profile?.variables ?? {}).map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>{String(value)}</dd>
                </div>
              ))}
            </dl>
            <p>Current run: {thread.run ? `${thread.run.status} at ${thread.run.current_node_id}` : 'none'}</p>
            {canReply && open && (
              <button type="button" onClick={() => void togglePause()}>
                {open.automation_paused ? 'Resume automation' : 'Pause automation'}
              </button>
            )}
          </aside>
        )}
      </div>
    </main>
  );
}
