import { Client } from 'pg';

export type WebhookEventType = 'comment' | 'dm_received' | 'postback' | 'question_answered' | 'flow_completed';

export interface RecordedEvent {
  id: string;
  sequence: string;
}

// Stands in for WebhookEventsService.record() until the engine and ingestion produce events: the same INSERT it makes.
export async function recordWebhookEvents(
  databaseUrl: string,
  accountId: string,
  events: Array<{ type: WebhookEventType; orderingKey: string | null; payload: unknown }>,
): Promise<RecordedEvent[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const recorded: RecordedEvent[] = [];
    for (const event of events) {
      const result = await client.query(
        `INSERT INTO webhook_events (account_id, event_type, ordering_key, payload, occurred_at)
         VALUES ($1, $2, $3, $4::jsonb, now()) RETURNING id, sequence::text`,
        [accountId, event.type, event.orderingKey, JSON.stringify(event.payload)],
      );
      recorded.push(result.rows[0]);
    }
    return recorded;
  } finally {
    await client.end();
  }
}

/** The example payloads of InstantDM's "Outbound Webhooks" documentation, one per event type. */
export const EXAMPLE_PAYLOADS: Record<WebhookEventType, unknown> = {
  comment: {
    object: 'instagram',
    entry: [
      {
        id: '17841432111391196',
        time: 1777476726126,
        changes: [
          {
            field: 'comments',
            value: {
              id: '17890012345',
              text: 'Love this!',
              from: { id: '123456', username: 'user123' },
              media: { id: '18071354672638470' },
            },
          },
        ],
      },
    ],
  },
  dm_received: {
    object: 'instagram',
    entry: [
      {
        messaging: [
          {
            sender: { id: '2358708294634624' },
            recipient: { id: '17841432111391196' },
            timestamp: 1777476725580,
            message: { mid: 'aWdfZAG1f...', text: "Hey, I'm interested! ünïcødé ✓" },
          },
        ],
      },
    ],
  },
  postback: {
    object: 'instagram',
    entry: [{ messaging: [{ sender: { id: '2358708294634624' }, postback: { title: 'Get Started', payload: '{"flow_id":"abc"}' } }] }],
    idm_optimized_body: { user_id: '6703dbc9-0000', flow_id: '0e3501b6-0000', sender_id: '2358708294634624' },
  },
  question_answered: {
    flow_id: '0e3501b6-0000',
    sender_id: '2358708294634624',
    sender_username: 'user123',
    question: "What's your email?",
    question_type: 'email',
    custom_variable_name: 'user_email',
    user_response: 'user@example.com',
    skip: false,
    attempt_no: '1',
    timestamp: '2026-04-29 17:11:59',
  },
  flow_completed: {
    flow_id: '0e3501b6-0000',
    flow_name: 'Lead Gen Flow',
    sender_id: '2358708294634624',
    sender_username: 'user123',
    completed_at: '2026-04-29 17:17:15',
    tags: ['lead', 'vip'],
    response_variables: { email: 'user@example.com', phone: '+919876543210', address: '123 Main St' },
  },
};
