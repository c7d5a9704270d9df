import { Injectable } from '@nestjs/common';
import type { InboxEventDraft } from './inbox-event-draft';
import { InboxService, type InsertedRow, type StoredBatch } from './inbox.service';

/** INSERTs in flight at once; deliveries that arrive meanwhile wait and go together in the next one. */
const MAX_WRITES = 2;
/** Rows per statement at most (a single delivery larger than this still goes alone, whole). */
const MAX_ROWS = 1_000;

interface Waiting {
  drafts: InboxEventDraft[];
  resolve: (stored: StoredBatch) => void;
  reject: (error: unknown) => void;
}

const rowKey = (igAccountId: string, dedupeKey: string): string => `${igAccountId}\u0000${dedupeKey}`;

/**
 * Group commit for Meta's deliveries: while MAX_WRITES INSERTs are in flight, the deliveries that arrive wait and are
 * then stored together in one multi-row statement (one commit), and their rows queued in one round trip; each is
 * answered after that commit, with its own counts. An idle server writes each delivery at once, so nothing waits
 * for a timer; a busy one pays one commit per group instead of one per delivery. A failed group is written again
 * one delivery at a time, so one delivery's bad rows never fail another's (another tenant's) delivery.
 */
@Injectable()
export class InboxGroupCommit {
  private readonly waiting: Waiting[] = [];
  private writing = 0;

  constructor(private readonly inbox: InboxService) {}

  /** Resolves once the drafts are committed (and queued, or left to the sweeper): the moment to answer 200. */
  store(drafts: InboxEventDraft[]): Promise<StoredBatch> {
    if (!drafts.length) return Promise.resolve({ stored: 0, duplicates: 0, queued: 0 });
    return new Promise((resolve, reject) => {
      this.waiting.push({ drafts, resolve, reject });
      this.write();
    });
  }

  private write(): void {
    while (this.writing < MAX_WRITES && this.waiting.length) {
      this.writing++;
      void this.commit(this.nextGroup());
    }
  }

  private nextGroup(): Waiting[] {
    const group = [this.waiting.shift() as Waiting];
    let rows = group[0].drafts.length;
    while (this.waiting.length && rows + this.waiting[0].drafts.length <= MAX_ROWS) {
      const next = this.waiting.shift() as Waiting;
      rows += next.drafts.length;
      group.push(next);
    }
    return group;
  }

  private released(): void {
    this.writing--;
    this.write();
  }

  private async commit(group: Waiting[]): Promise<void> {
    let inserted: InsertedRow[];
    try {
      inserted = await this.inbox.insert(group.flatMap((delivery) => delivery.drafts));
    } catch (error) {
      this.released();
      if (group.length === 1) return group[0].reject(error);
      for (const delivery of group) this.inbox.store(delivery.drafts).then(delivery.resolve, delivery.reject);
      return;
    }
    this.released();
    const owner = new Map<string, number>();
    group.forEach((delivery, index) => {
      for (const draft of delivery.drafts) {
        const key = rowKey(draft.igAccountId, draft.dedupeKey);
        if (!owner.has(key)) owner.set(key, index);
      }
    });
    const stored = group.map(() => 0);
    const pending = group.map(() => 0);
    for (const row of inserted) {
      const index = owner.get(rowKey(row.ig_account_id, row.dedupe_key)) ?? 0;
      stored[index]++;
      if (row.status === 'pending') pending[index]++;
    }
    const queued = await this.inbox.enqueueInserted(inserted);
    group.forEach((delivery, index) =>
      delivery.resolve({
        stored: stored[index],
        duplicates: delivery.drafts.length - stored[index],
        queued: queued ? pending[index] : 0,
      }),
    );
  }
}
