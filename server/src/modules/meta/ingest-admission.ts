import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { InboxService } from '../inbox/inbox.service';
import { MetaErrors } from './meta.errors';

/** How old the backlog figure may get: one count per process per interval, whatever the request rate. */
const BACKLOG_SAMPLE_MS = 1_000;
/** What a shed delivery is told; Meta retries on its own schedule, the bench client after its backoff. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Admission for Meta's deliveries: while the inbox backlog (stored, not yet processed, over every process) is at
 * INBOX_MAX_BACKLOG or more, a delivery is refused with 503 and Retry-After before its signature is checked or
 * anything is stored, so when more is offered than the workers complete, acknowledging does not take the CPU and
 * connections they need (no congestion collapse) and the backlog stays bounded. The figure is counted in the
 * background at most once a BACKLOG_SAMPLE_MS: a request never waits for it.
 */
@Injectable()
export class IngestAdmission {
  private backlog = 0;
  private sampledAt = 0;
  private sampling = false;

  constructor(
    private readonly inbox: InboxService,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'limits'>,
  ) {}

  admit(): void {
    this.resample();
    const max = this.config.limits.inboxMaxBacklog;
    if (this.backlog >= max) throw MetaErrors.backlogFull(this.backlog, max, RETRY_AFTER_SECONDS);
  }

  private resample(): void {
    if (this.sampling || Date.now() - this.sampledAt < BACKLOG_SAMPLE_MS) return;
    this.sampling = true;
    this.inbox
      .backlog()
      .then(({ pending }) => (this.backlog = pending))
      // Without a figure (Postgres unreachable) the delivery fails at the store anyway: keep the last one.
      .catch(() => undefined)
      .finally(() => {
        this.sampling = false;
        this.sampledAt = Date.now();
      });
  }
}
