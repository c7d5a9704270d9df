import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { apiErrorMessage } from '../api/api-errors';
import {
  type Assignee,
  type AssigneeCount,
  type ContactProfile,
  type ConversationSummary,
  InboxApi,
  type InboxFilter,
  type RunSummary,
  type TeamNotification,
} from '../api/inbox-api';
import { type ConversationActions, ConversationControls } from './conversation-controls';
import { TeamCounts } from './team-counts';
import { TeamNotifications } from './team-notifications';
import { type ThreadEntry, threadTimeline } from './thread-timeline';
import { ThreadView } from './thread-view';
import { useInboxEvents } from './use-inbox-events';

const FILTERS: Array<{ value: InboxFilter; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'mine', label: 'Assigned to me' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'paused', label: 'Automation paused' },
  { value: 'done', label: 'Done' },
  { value: 'all', label: 'All' },
];

interface ThreadState {
  contactId: string | null;
  conversation: ConversationSummary | null;
  entries: ThreadEntry[];
  profile: ContactProfile | null;
  run: RunSummary | null;
}

const NO_THREAD: ThreadState = { contactId: null, conversation: null, entries: [], profile: null, run: null };

interface InboxPageProps {
  client: ApiClient;
  /** Editors and above reply, assign, note, pause; viewers read. */
  canReply: boolean;
  currentUserId: string;
}

/** Live chat: every conversation, newest first, the open one's thread, notes and controls, the team's counts; live. */
export function InboxPage({ client, canReply, currentUserId }: InboxPageProps) {
  const api = useMemo(() => new InboxApi(client), [client]);
  const [filter, setFilter] = useState<InboxFilter>('open');
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [counts, setCounts] = useState<AssigneeCount[]>([]);
  const [assignees, setAssignees] = useState<Assignee[]>([]);
  const [notifications, setNotifications] = useState<TeamNotification[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [thread, setThread] = useState<ThreadState>(NO_THREAD);
  const [problem, setProblem] = useState<string | null>(null);
  // The open conversation for callbacks that outlive a render (server events, a thread that loads late).
  const openRef = useRef<string | null>(null);
  useEffect(() => {
    openRef.current = openId;
  }, [openId]);
  // Only the newest list request may set the list (an older, slower answer would show a stale filter or search).
  const listRequest = useRef(0);

  const fail = useCallback((message: string) => (error: unknown) => setProblem(apiErrorMessage(error, message)), []);

  const loadList = useCallback(() => {
    const request = ++listRequest.current;
    api.conversations(filter, search, tag).then((rows) => {
      if (request === listRequest.current) setConversations(rows);
    }, fail('Could not load the inbox.'));
    api.counts().then(setCounts, fail('Could not load the counts.'));
    // A flow that notifies the team usually does so about a conversation that just changed: same moment to look.
    api.unreadNotifications().then(setNotifications, fail('Could not load your notifications.'));
  }, [api, filter, search, tag, fail]);

  const loadThread = useCallback(
    (contactId: string) => {
      Promise.all([
        api.conversation(contactId),
        api.thread(contactId),
        api.notes(contactId),
        api.profile(contactId),
        api.currentRun(contactId),
      ]).then(([conversation, messages, notes, profile, run]) => {
        if (openRef.current === contactId) setThread({ contactId, conversation, entries: threadTimeline(messages, notes), profile, run });
      }, fail('Could not load the conversation.'));
    },
    [api, fail],
  );

  useEffect(loadList, [loadList]);
  // Again with each conversation opened: a member who joined since shows up where she is assigned from.
  useEffect(() => {
    api.assignees().then(setAssignees, fail('Could not load the team.'));
  }, [api, fail, openId]);
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

  const nameOf = useCallback(
    (userId: string | null) => {
      if (userId === null) return 'API';
      const member = assignees.find((candidate) => candidate.user_id === userId);
      if (!member) return 'a former member';
      return member.user_id === currentUserId ? `${member.email} (me)` : member.email;
    },
    [assignees, currentUserId],
  );

  /** Runs a change to the open conversation, then shows its result (the server's event refreshes the others). */
  const act = useCallback(
    async (change: () => Promise<unknown>, failure: string): Promise<boolean> => {
      try {
        await change();
        setProblem(null);
        return true;
      } catch (error) {
        setProblem(apiErrorMessage(error, failure));
        return false;
      } finally {
        loadList();
        if (openRef.current) loadThread(openRef.current);
      }
    },
    [loadList, loadThread],
  );

  const readNotification = useCallback(
    (notification: TeamNotification) => {
      setNotifications((shown) => shown.filter((candidate) => candidate.id !== notification.id));
      api.markNotificationRead(notification.id).catch(fail('Could not mark the notification read.'));
    },
    [api, fail],
  );
  const openNotification = useCallback(
    (notification: TeamNotification) => {
      readNotification(notification);
      if (notification.contact_id) setOpenId(notification.contact_id);
    },
    [readNotification],
  );

  const current = thread.contactId === openId ? thread : NO_THREAD;
  const conversation = current.conversation ?? conversations.find((row) => row.contact_id === openId) ?? null;
  const actions: ConversationActions | null = openId
    ? {
        assign: async (userId) => void (await act(() => api.assign(openId, userId), 'Could not assign the conversation.')),
        setStatus: async (status) => void (await act(() => api.setStatus(openId, status), 'Could not change the status.')),
        pause: async (minutes) => void (await act(() => api.pause(openId, minutes), 'Could not pause automation.')),
        resume: async (continueFlow) => void (await act(() => api.resume(openId, continueFlow), 'Could not resume automation.')),
      }
    : null;

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
          <ul aria-label="Conversation list">
            {conversations.map((row) => (
              <li key={row.contact_id}>
                <button
                  type="button"
                  className="inbox-row"
                  aria-current={row.contact_id === openId ? 'true' : undefined}
                  onClick={() => setOpenId(row.contact_id)}
                >
                  <span className="inbox-name">@{row.username ?? row.ig_user_id}</span>
                  {row.unread_count > 0 && (
                    <span className="inbox-unread" aria-label={`${row.unread_count} unread`}>
                      {row.unread_count}
                    </span>
                  )}
                  {row.automation_paused && <span className="inbox-paused">paused</span>}
                  <span className="inbox-preview">{row.last_message_text ?? ''}</span>
                  <span className="inbox-assignee">
                    {row.status === 'done' ? 'Done · ' : ''}
                    {row.assignee_user_id ? `Assigned to ${nameOf(row.assignee_user_id)}` : 'Unassigned'}
                  </span>
                </button>
              </li>
            ))}
            {conversations.length === 0 && <li className="inbox-empty">No conversations here.</li>}
          </ul>
          <TeamNotifications notifications={notifications} onOpen={openNotification} onDismiss={readNotification} />
          <TeamCounts counts={counts} nameOf={nameOf} />
        </section>
        <section className="inbox-thread" aria-label="Conversation">
          {!openId && <p className="inbox-empty">Choose a conversation.</p>}
          {openId && (
            <ThreadView
              entries={current.entries}
              nameOf={nameOf}
              canReply={canReply}
              onReply={(text) => act(() => api.reply(openId, text), 'The reply was not sent.')}
              onNote={(text) => act(() => api.addNote(openId, text), 'The note was not saved.')}
            />
          )}
        </section>
        {openId && (
          <aside className="inbox-profile" aria-label="Contact">
            <h2>@{current.profile?.username ?? conversation?.ig_user_id ?? ''}</h2>
            <p>Tags: {current.profile?.tags.length ? current.profile.tags.join(', ') : 'none'}</p>
            <dl>
              {Object.entries(current.profile?.variables ?? {}).map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>{String(value)}</dd>
                </div>
              ))}
            </dl>
            <p>Current run: {current.run ? `${current.run.status} at ${current.run.current_node_id}` : 'none'}</p>
            {conversation && actions && (
              <ConversationControls
                conversation={conversation}
                assignees={assignees}
                currentUserId={currentUserId}
                nameOf={nameOf}
                canReply={canReply}
                actions={actions}
              />
            )}
          </aside>
        )}
      </div>
    </main>
  );
}
