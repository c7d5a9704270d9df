import { queryDatabase } from '../harness';
import type { ContactTimeline, TrafficResult } from '../load/scenario';
import type { FaultRig } from './fault-rig';

/**
 * What must hold after any fault, once the system is quiet again. Each list names the contacts or ids that break
 * one rule, so a failing test says exactly who lost what; the counters feed the printed summary.
 */
export interface InvariantReport {
  /** Acked webhook events (comment id / message mid) not stored, or stored but not processed. */
  ackedNotProcessed: string[];
  /** Contacts without exactly one run, or whose run's state disagrees with the events acked for them. */
  inconsistentRuns: string[];
  /** Sends that reached the sandbox successfully more than once (per contact and kind). */
  duplicateSends: string[];
  /** Sends that never succeeded at the sandbox although the contact's events called for them (and were not in doubt). */
  missingSends: string[];
  /**
   * Sends nobody could settle with Meta (claimed, the answer never recorded, and reconciliation gave up): their runs
   * stop `in_doubt` for a person. `contact:kind`; none may be left by any fault the suite injects.
   */
  sendsInDoubt: string[];
  /** Webhook events produced twice for one inbound event or effect (different ids: receivers could not dedupe them). */
  duplicateEvents: string[];
  /** Events the scenario must produce that are missing from webhook_events. */
  missingEvents: string[];
  /** Webhook events never received, or whose delivery did not end `succeeded`. */
  undelivered: string[];
  /** Ids received more than once with different bodies (a duplicate must be byte-identical to dedupe on its id). */
  conflictingRedeliveries: string[];
  /** Contacts whose events' first arrivals at the receiver are out of the order they happened. */
  outOfOrder: string[];
  figures: {
    contacts: number;
    ackedEvents: number;
    graphCalls: number;
    graphCallsFailed: number;
    effectsRetried: number;
    effectsInDoubt: number;
    effectsFailed: number;
    /** Sends found in doubt and settled by asking Meta: found (recorded), re-sent, or proved sent by 2534025. */
    sendsReconciled: number;
    webhookEvents: number;
    webhookRequests: number;
    webhookRedeliveries: number;
  };
}

type ContactKind = 'publicReply' | 'privateReply' | 'thanks';

/** The events one contact must have produced, given which of its webhooks were acknowledged. */
function expectedEvents(contact: ContactTimeline): string[] {
  const events: string[] = [];
  if (contact.commentAckedAt !== undefined) events.push('comment');
  if (contact.answerAckedAt !== undefined) events.push('dm_received', 'question_answered', 'flow_completed');
  return events;
}

export async function checkInvariants(rig: FaultRig, traffic: TrafficResult): Promise<InvariantReport> {
  const url = rig.database.url;
  const report: InvariantReport = {
    ackedNotProcessed: [],
    inconsistentRuns: [],
    duplicateSends: [],
    missingSends: [],
    sendsInDoubt: [],
    duplicateEvents: [],
    missingEvents: [],
    undelivered: [],
    conflictingRedeliveries: [],
    outOfOrder: [],
    figures: {
      contacts: traffic.contacts.length,
      ackedEvents: 0,
      graphCalls: 0,
      graphCallsFailed: 0,
      effectsRetried: 0,
      effectsInDoubt: 0,
      effectsFailed: 0,
      sendsReconciled: 0,
      webhookEvents: 0,
      webhookRequests: 0,
      webhookRedeliveries: 0,
    },
  };

  const inbox = new Map(
    (
      await queryDatabase<{ dedupe_key: string; status: string; rows: string }>(
        url,
        `SELECT dedupe_key, min(status) AS status, count(*)::text AS rows FROM inbox_events GROUP BY dedupe_key`,
      )
    ).map((row) => [row.dedupe_key, row]),
  );
  const runs = await queryDatabase<{ ig_user_id: string; status: string; current_node_id: string; email: string | null }>(
    url,
    `SELECT c.ig_user_id, r.status, r.current_node_id, r.snapshot->'context'->'variables'->>'email' AS email FROM flow_runs r JOIN contacts c ON c.id = r.contact_id`,
  );
  const runsByContact = new Map<string, typeof runs>();
  for (const run of runs) runsByContact.set(run.ig_user_id, [...(runsByContact.get(run.ig_user_id) ?? []), run]);
  const events = await queryDatabase<{ id: string; event_type: string; sequence: string; ig_user_id: string | null }>(
    url,
    `SELECT e.id::text, e.event_type, e.sequence::text, c.ig_user_id
       FROM webhook_events e LEFT JOIN contacts c ON e.ordering_key = 'contact:' || c.id::text ORDER BY e.sequence`,
  );
  const deliveryStatus = new Map(
    (await queryDatabase<{ event_id: string; status: string }>(url, `SELECT event_id::text, status FROM webhook_deliveries`)).map((row) => [
      row.event_id,
      row.status,
    ]),
  );
  const received = rig.observer.deliveriesByWebhookId();
  const inDoubt = new Set(
    (
      await queryDatabase<{ ig_user_id: string; kind: ContactKind }>(
        url,
        `SELECT c.ig_user_id, CASE WHEN e.effect_type = 'reply_comment' THEN 'publicReply'
                                   WHEN e.effect->'recipient' ? 'comment_id' THEN 'privateReply' ELSE 'thanks' END AS kind
           FROM run_effects e JOIN flow_runs r ON r.id = e.run_id JOIN contacts c ON c.id = r.contact_id
          WHERE (e.status = 'failed' AND e.last_error LIKE '%send_in_doubt%') OR r.status = 'in_doubt'`,
      )
    ).map((row) => `${row.ig_user_id}:${row.kind}`),
  );

  for (const contact of traffic.contacts) {
    const who = `contact ${contact.index} (${contact.igUserId})`;
    const acked: string[] = [];
    if (contact.commentAckedAt !== undefined) acked.push(`comment:${contact.commentId}`);
    if (contact.answerAckedAt !== undefined) acked.push(`message:${contact.answerMid}`);
    report.figures.ackedEvents += acked.length;
    for (const key of acked) {
      const row = inbox.get(key);
      if (!row || row.rows !== '1' || row.status !== 'processed')
        report.ackedNotProcessed.push(`${who}: ${key} is ${row ? `${row.rows} row(s), ${row.status}` : 'missing'}`);
    }

    const contactRuns = runsByContact.get(contact.igUserId) ?? [];
    const expectedStatus = contact.answerAckedAt !== undefined ? 'completed' : contact.commentAckedAt !== undefined ? 'waiting' : null;
    const run = contactRuns[0];
    if (expectedStatus === null ? contactRuns.length !== 0 : contactRuns.length !== 1 || run.status !== expectedStatus) {
      report.inconsistentRuns.push(
        `${who}: expected ${expectedStatus ?? 'no run'}, found ${contactRuns.map((r) => `${r.status}@${r.current_node_id}`).join(', ') || 'no run'}`,
      );
    } else if (expectedStatus === 'completed' && run.email !== `lead${contact.index}@example.com`) {
      report.inconsistentRuns.push(`${who}: completed with email ${run.email}`);
    }

    const calls = rig.observer.callsFor(contact.commentId, contact.igUserId);
    const expectedSends: Record<ContactKind, number> = {
      publicReply: contact.commentAckedAt !== undefined ? 1 : 0,
      privateReply: contact.commentAckedAt !== undefined ? 1 : 0,
      thanks: contact.answerAckedAt !== undefined ? 1 : 0,
    };
    const actual: Record<ContactKind, number> = {
      publicReply: calls.publicReplies.filter((call) => call.status === 200).length,
      privateReply: calls.privateReplies.filter((call) => call.status === 200).length,
      thanks: calls.directMessages.filter((call) => call.status === 200).length,
    };
    for (const kind of Object.keys(expectedSends) as ContactKind[]) {
      if (actual[kind] > expectedSends[kind]) report.duplicateSends.push(`${who}: ${kind} sent ${actual[kind]} times`);
      if (actual[kind] < expectedSends[kind])
        (inDoubt.has(`${contact.igUserId}:${kind}`) ? report.sendsInDoubt : report.missingSends).push(`${who}: ${kind} never sent`);
    }

    const produced = events.filter((event) => event.ig_user_id === contact.igUserId);
    for (const type of new Set(expectedEvents(contact))) {
      const count = produced.filter((event) => event.event_type === type).length;
      if (count === 0) report.missingEvents.push(`${who}: no ${type}`);
      if (count > 1) report.duplicateEvents.push(`${who}: ${type} produced ${count} times`);
    }
    const firstArrivals = produced
      .map((event) => ({ sequence: Number(event.sequence), at: received.get(event.id)?.[0]?.receivedAt }))
      .filter((event): event is { sequence: number; at: number } => event.at !== undefined)
      .sort((a, b) => a.at - b.at || a.sequence - b.sequence);
    if (firstArrivals.some((event, i) => i > 0 && event.sequence < firstArrivals[i - 1].sequence)) report.outOfOrder.push(who);
  }

  for (const event of events) {
    const deliveries = received.get(event.id) ?? [];
    if (!deliveries.length || deliveryStatus.get(event.id) !== 'succeeded')
      report.undelivered.push(
        `${event.event_type} ${event.id}: received ${deliveries.length}x, delivery ${deliveryStatus.get(event.id) ?? 'missing'}`,
      );
    if (new Set(deliveries.map((delivery) => delivery.request.rawBody)).size > 1) report.conflictingRedeliveries.push(event.id);
    report.figures.webhookRedeliveries += Math.max(0, deliveries.length - 1);
  }
  report.figures.webhookEvents = events.length;
  report.figures.webhookRequests = rig.receiver.requests.length;

  const graphCalls = rig.sandbox.calls();
  report.figures.graphCalls = graphCalls.length;
  report.figures.graphCallsFailed = graphCalls.filter((call) => call.status !== 200).length;
  const [effects] = await queryDatabase<{ retried: string; in_doubt: string; failed: string }>(
    url,
    `SELECT count(*) FILTER (WHERE attempts > 1)::text AS retried,
            count(*) FILTER (WHERE status = 'failed' AND last_error LIKE '%send_in_doubt%')::text AS in_doubt,
            count(*) FILTER (WHERE status = 'failed')::text AS failed
       FROM run_effects`,
  );
  report.figures.effectsRetried = Number(effects.retried);
  report.figures.effectsInDoubt = Number(effects.in_doubt);
  report.figures.effectsFailed = Number(effects.failed);
  const [reconciled] = await queryDatabase<{ count: string }>(
    url,
    `SELECT count(*)::text AS count FROM outbound_sends WHERE in_doubt_since IS NOT NULL AND status = 'sent'`,
  );
  report.figures.sendsReconciled = Number(reconciled.count);
  return report;
}
