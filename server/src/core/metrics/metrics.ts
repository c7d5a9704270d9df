import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: HTTP answers and webhook posts are mostly milliseconds; the long tail shows slow dependencies. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A scrape must answer even when Postgres or Redis hangs: a slow collector is abandoned (its gauges keep the last value). */
const COLLECT_TIMEOUT_MS = 2_000;

function withinDeadline(work: Promise<void>): Promise<void> {
  return Promise.race([
    work,
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error('scrape collector timed out')), COLLECT_TIMEOUT_MS).unref()),
  ]);
}

/** Something a module measures only when Prometheus asks (a Postgres count, a Bull queue's size). */
export type ScrapeCollector = () => Promise<void>;

/**
 * Every metric dmflow exposes, in one registry per process. The platform owns the names (so dashboards and alerts
 * have one place to look); domain modules inject this class and count through the fields below, and register
 * scrape-time collectors for what they alone can read (e.g. the inbox's lag).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly collectors: ScrapeCollector[] = [];
  private readonly samplers: Array<() => void> = [];

  readonly httpRequestDuration = new Histogram({
    name: 'dmflow_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly metaWebhooks = new Counter({
    name: 'dmflow_meta_webhooks_total',
    help: 'Meta webhook deliveries: acked (stored, 200) or refused (bad signature, not JSON, ...) with the refusal code',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });

  readonly inboxOldestPendingAge = new Gauge({
    name: 'dmflow_inbox_oldest_pending_age_seconds',
    help: 'Age of the oldest Meta event stored but not yet processed (0 when the inbox is empty); read from Postgres on scrape',
    registers: [this.registry],
  });

  readonly inboxPending = new Gauge({
    name: 'dmflow_inbox_pending_events',
    help: 'Meta events stored but not yet processed; read from Postgres on scrape',
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'dmflow_queue_jobs',
    help: 'Bull jobs by queue and state (waiting, active, delayed, failed, completed, paused); read from Redis on scrape',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly runsStarted = new Counter({
    name: 'dmflow_runs_started_total',
    help: 'Flow runs started, by flow',
    labelNames: ['flow_id'] as const,
    registers: [this.registry],
  });

  readonly runsCompleted = new Counter({
    name: 'dmflow_runs_completed_total',
    help: 'Flow runs that reached the end of their flow, by flow',
    labelNames: ['flow_id'] as const,
    registers: [this.registry],
  });

  readonly runsFailed = new Counter({
    name: 'dmflow_runs_failed_total',
    help: 'Flow runs that failed (a step threw, or an effect gave up), by flow',
    labelNames: ['flow_id'] as const,
    registers: [this.registry],
  });

  readonly sends = new Counter({
    name: 'dmflow_sends_total',
    help: 'Calls to send to Instagram, by kind (text, media, private_reply, comment_reply, comment_hide, comment_unhide, comment_delete) and outcome (sent, failed, in_doubt, window_closed, limited, replayed)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly sendLimiterWaits = new Counter({
    name: 'dmflow_send_limiter_waits_total',
    help: "Sends that waited for Meta's per-account rate window, by kind",
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly sendLimiterWaitSeconds = new Counter({
    name: 'dmflow_send_limiter_wait_seconds_total',
    help: "Time sends spent waiting for Meta's per-account rate window, by kind",
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'dmflow_webhook_deliveries_total',
    help: 'Outgoing webhook delivery attempts, by outcome (succeeded, retrying, gave_up, endpoint_gone)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveryDuration = new Histogram({
    name: 'dmflow_webhook_delivery_duration_seconds',
    help: 'Outgoing webhook request latency, by outcome',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly webhookBacklog = new Gauge({
    name: 'dmflow_webhook_deliveries_backlog',
    help: 'Outgoing webhook deliveries not finished, by status (pending, queued, sending); read from Postgres on scrape',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly webhookOldestDueAge = new Gauge({
    name: 'dmflow_webhook_oldest_due_age_seconds',
    help: 'How long the most overdue outgoing webhook delivery has been due (0 when none is); read from Postgres on scrape',
    registers: [this.registry],
  });

  readonly instagramTokenRefreshFailures = new Counter({
    name: 'dmflow_instagram_token_refresh_failures_total',
    help: 'Failed refreshes of an Instagram access token, by reason (the account may need reconnecting)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly postgresPoolConnections = new Gauge({
    name: 'dmflow_postgres_pool_connections',
    help: "This process's Postgres pool: connections in_use and idle",
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly postgresPoolWaiting = new Gauge({
    name: 'dmflow_postgres_pool_waiting_requests',
    help: "Queries waiting for a connection from this process's Postgres pool",
    registers: [this.registry],
  });

  readonly scrapeErrors = new Counter({
    name: 'dmflow_metrics_scrape_errors_total',
    help: 'Scrape-time collectors that failed or timed out (their gauges keep the last value)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Runs on every scrape, before the text is written. */
  collectOnScrape(collector: ScrapeCollector): void {
    this.collectors.push(collector);
  }

  /** Runs on every scrape before the collectors, so it sees the process as it was, not busy with the scrape's own queries. */
  sampleOnScrape(sampler: () => void): void {
    this.samplers.push(sampler);
  }

  /** The Prometheus text exposition of every metric, after the scrape-time collectors ran. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    for (const sample of this.samplers) sample();
    const results = await Promise.allSettled(this.collectors.map((collect) => withinDeadline(collect())));
    this.scrapeErrors.inc(results.filter((result) => result.status === 'rejected').length);
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
