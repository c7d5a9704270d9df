import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../housekeeping/periodic-task';
import { ProcessLiveness } from '../liveness/process-liveness';
import { QUEUES } from './queue-contract';

/** Often enough that a restarted process takes up a dead one's jobs within a couple of seconds. */
const CHECK_EVERY_MS = 2_000;

/** Deletes a job's lock only if it is still the dead worker's (a live worker may have taken the job meanwhile). */
const RELEASE_DEAD_LOCK = `
local released = 0
for index, lockKey in ipairs(KEYS) do
  local holder = redis.call('GET', lockKey)
  if holder and holder == ARGV[index] then
    redis.call('DEL', lockKey)
    released = released + 1
  end
end
return released`;

/**
 * Bull hands a dead worker's running jobs to another only once their locks expire (lockDuration, 15 s). Each Bull
 * queue locks jobs with its own token, so every process records its queues' tokens under its boot id
 * (`<queue>:worker-boots`, token → boot); this task releases the locks of tokens whose boot is dead (ProcessLiveness)
 * and Bull's stalled-job check (every stalledInterval) puts those jobs back in line. Unknown tokens (an older
 * version's workers) are left to expire as before.
 */
@Injectable()
export class DeadWorkerJobs extends PeriodicTask {
  private readonly queues: Queue[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly liveness: ProcessLiveness,
    @InjectQueue(QUEUES.inbound) inbound: Queue,
    @InjectQueue(QUEUES.outbound) outbound: Queue,
    @InjectQueue(QUEUES.timers) timers: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
  ) {
    super('dead worker jobs', CHECK_EVERY_MS);
    this.queues = [inbound, outbound, timers, webhooks];
  }

  protected async runOnce(startup: boolean): Promise<number> {
    if (startup) await Promise.all(this.queues.map((queue) => this.register(queue)));
    if (!this.liveness.mayJudgeOthers()) return 0;
    let released = 0;
    for (const queue of this.queues) released += await this.releaseDeadLocks(queue);
    return released;
  }

  private register(queue: Queue): Promise<unknown> {
    return queue.client.hset(queue.toKey('worker-boots'), tokenOf(queue), this.liveness.bootId);
  }

  private async releaseDeadLocks(queue: Queue): Promise<number> {
    const registry = queue.toKey('worker-boots');
    const bootOfToken = await queue.client.hgetall(registry);
    const others = Object.entries(bootOfToken).filter(([, boot]) => boot !== this.liveness.bootId);
    if (!others.length) return 0;
    const dead = await this.deadBoots([...new Set(others.map(([, boot]) => boot))]);
    const deadTokens = new Set(others.filter(([, boot]) => dead.has(boot)).map(([token]) => token));
    if (!deadTokens.size) return 0;
    const active = await queue.client.lrange(queue.toKey('active'), 0, -1);
    const lockKeys = active.map((jobId) => `${queue.toKey(jobId)}:lock`);
    const holders = lockKeys.length ? await queue.client.mget(lockKeys) : [];
    const deadLocks = lockKeys.flatMap((lockKey, index) => {
      const holder = holders[index];
      return holder && deadTokens.has(holder) ? [{ lockKey, holder }] : [];
    });
    const released = deadLocks.length
      ? Number(
          await queue.client.eval(
            RELEASE_DEAD_LOCK,
            deadLocks.length,
            ...deadLocks.map((lock) => lock.lockKey),
            ...deadLocks.map((lock) => lock.holder),
          ),
        )
      : 0;
    // A dead process takes no new locks: its tokens are done with.
    await queue.client.hdel(registry, ...deadTokens);
    return released;
  }

  private async deadBoots(bootIds: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<Array<{ boot: string }>>(
      `SELECT boot FROM unnest($1::uuid[]) AS boot WHERE NOT ${ProcessLiveness.aliveSql('boot')}`,
      [bootIds],
    );
    return new Set(rows.map((row) => row.boot));
  }
}

/** The token Bull locks this queue's jobs with (set once per Queue object, not in Bull's typings). */
function tokenOf(queue: Queue): string {
  return (queue as unknown as { token: string }).token;
}
