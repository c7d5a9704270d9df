import type { ApiClient } from './api-client';

export type InboxFilter = 'all' | 'open' | 'mine' | 'unassigned' | 'paused' | 'done';

export interface ConversationSummary {
  id: string;
  contact_id: string;
  username: string | null;
  ig_user_id: string;
  tags: string[];
  last_message_at: string;
  last_message_text: string | null;
  last_direction: string;
  unread_count: number;
  status: 'open' | 'done';
  assignee_user_id: string | null;
  automation_paused: boolean;
  automation_paused_until: string | null;
  /** A hand-over block parked a run, which resuming may continue. */
  handover_pending: boolean;
}

export interface ConversationNote {
  id: string;
  author_user_id: string | null;
  text: string;
  created_at: string;
}

/** A member a conversation may be assigned to (editors and above). */
export interface Assignee {
  user_id: string;
  email: string;
  role: string;
}

/** Open conversations and unread messages of one assignee (null: unassigned). */
export interface AssigneeCount {
  assignee_user_id: string | null;
  open: number;
  unread: number;
}

export interface ThreadMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  kind: string;
  text: string | null;
  attachments: unknown[];
  sender: { type: 'contact' | 'flow' | 'api' | 'member'; flow_id: string | null; node_id: string | null; user_id: string | null };
  tag: string | null;
  occurred_at: string;
}

export interface ContactProfile {
  id: string;
  username: string | null;
  tags: string[];
  variables: Record<string, unknown>;
}

/** A member's own notice from a flow's "Notify the team" block. */
export interface TeamNotification {
  id: string;
  text: string;
  /** The conversation it is about (its contact); null once the contact was deleted. */
  contact_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface RunSummary {
  id: string;
  flow_id: string;
  status: string;
  current_node_id: string;
}

interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/** The live chat inbox's calls (docs/live-chat.md). */
export class InboxApi {
  constructor(private readonly client: ApiClient) {}

  async conversations(filter: InboxFilter, search: string, tag: string): Promise<ConversationSummary[]> {
    const query = new URLSearchParams({ filter, limit: '50' });
    if (search) query.set('q', search);
    if (tag) query.set('tag', tag);
    return (await this.client.request<Page<ConversationSummary>>('GET', `/v1/conversations?${query.toString()}`)).data;
  }

  /** Oldest first, as a thread reads. */
  async thread(contactId: string): Promise<ThreadMessage[]> {
    const page = await this.client.request<Page<ThreadMessage>>('GET', `/v1/contacts/${contactId}/messages?limit=100`);
    return [...page.data].reverse();
  }

  profile(contactId: string): Promise<ContactProfile> {
    return this.client.request('GET', `/v1/contacts/${contactId}`);
  }

  async currentRun(contactId: string): Promise<RunSummary | null> {
    const page = await this.client.request<Page<RunSummary>>('GET', `/v1/runs?contact_id=${contactId}&limit=1`);
    return page.data[0] ?? null;
  }

  reply(contactId: string, text: string): Promise<unknown> {
    return this.client.request('POST', `/v1/conversations/${contactId}/messages`, { text });
  }

  markRead(contactId: string): Promise<unknown> {
    return this.client.request('POST', `/v1/conversations/${contactId}/read`, {});
  }

  conversation(contactId: string): Promise<ConversationSummary> {
    return this.client.request('GET', `/v1/conversations/${contactId}`);
  }

  /** Oldest first, as a thread reads. */
  async notes(contactId: string): Promise<ConversationNote[]> {
    const page = await this.client.request<Page<ConversationNote>>('GET', `/v1/conversations/${contactId}/notes?limit=100`);
    return [...page.data].reverse();
  }

  addNote(contactId: string, text: string): Promise<ConversationNote> {
    return this.client.request('POST', `/v1/conversations/${contactId}/notes`, { text });
  }

  assignees(): Promise<Assignee[]> {
    return this.client.request('GET', '/v1/live-chat/assignees');
  }

  /** The signed-in member's unread notifications, newest first. */
  async unreadNotifications(): Promise<TeamNotification[]> {
    return (await this.client.request<Page<TeamNotification>>('GET', '/v1/notifications?unread=true&limit=50')).data;
  }

  markNotificationRead(id: string): Promise<TeamNotification> {
    return this.client.request('POST', `/v1/notifications/${id}/read`, {});
  }

  counts(): Promise<AssigneeCount[]> {
    return this.client.request('GET', '/v1/conversations/counts');
  }

  /** A member's user id, or null to unassign. */
  assign(contactId: string, userId: string | null): Promise<ConversationSummary> {
    return this.client.request('PATCH', `/v1/conversations/${contactId}`, { assignee_user_id: userId });
  }

  setStatus(contactId: string, status: 'open' | 'done'): Promise<ConversationSummary> {
    return this.client.request('PATCH', `/v1/conversations/${contactId}`, { status });
  }

  /** `minutes` null: until resumed. */
  pause(contactId: string, minutes: number | null): Promise<unknown> {
    return this.client.request('POST', `/v1/conversations/${contactId}/pause`, minutes === null ? {} : { minutes });
  }

  resume(contactId: string, continueFlow: boolean): Promise<unknown> {
    return this.client.request('POST', `/v1/conversations/${contactId}/resume`, { continue_flow: continueFlow });
  }
}
