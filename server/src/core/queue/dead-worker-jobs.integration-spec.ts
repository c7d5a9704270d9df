import Bull, { type Queue } from 'bull';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../../test/support/test-database';
import { waitUntil } from '../../../test/support/wait-until';
import { dataSourceOptions } from '../database/data-source-options';
import { ProcessLiveness } from '../liveness/process-liveness';
import { DeadWorkerJobs } from './dead-worker-jobs';
import { QUEUES } from './queue-contract';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const token = (queue: Queue) => (queue as unknown as { token: string }).token;
/** Bull's stalled-job check, which its workers run every stalledInterval (not in Bull's typings). */
const checkStalled = (queue: Queue) => (queue as unknown as { moveUnlockedJobsToWait(): Promise<void> }).moveUnlockedJobsToWait();

/**
 * Real Redis and Postgres: a job a dead process was running is put back in line at once, while a live process's job
 * keeps its lock.
 */
describe('DeadWorkerJobs: the Bull locks of a dead process are released at once, a live one keeps its own', () => {
  let database: MigratedTestDatabase;
  let dataSource: DataSource;
  const queues: Queue[] = [];
  const livenesses: ProcessLiveness[] = [];
  const prefix = `dmflow_it_${randomBytes(4).toString('hex')}`;
  const queue = (name: string) => {
    const created = new Bull(name, REDIS_URL, { prefix, settings: { lockDuration: 60_000 } });
    queues.push(created);
    return created;
  };
  const liveness = async () => {
    const started = new ProcessLiveness({ databaseUrl: database.url });
    livenesses.push(started);
    await started.onModuleInit();
    return started;
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  });

  afterAll(async () => {
    await Promise.all(queues.map((created) => created.close()));
    await Promise.all(livenesses.map((started) => started.onApplicationShutdown()));
    await dataSource?.destroy();
    await database?.drop();
  });

  it('releases the lock of a job held by a dead boot; Bull then puts the job back in wait', async () => {
    const [self, deadProcess, liveProcess] = [await liveness(), await liveness(), await liveness()];
    // Each "process" works the inbound queue through its own Bull Queue object (its own lock token).
    const deadWorker = queue(QUEUES.inbound);
    const liveWorker = queue(QUEUES.inbound);
    await deadWorker.add('process-inbox-event', { inboxEventId: 'dead' }, { jobId: 'held-by-dead' });
    await deadWorker.add('process-inbox-event', { inboxEventId: 'live' }, { jobId: 'held-by-live' });
    const deadJob = await deadWorker.getNextJob();
    const liveJob = await liveWorker.getNextJob();
    expect([deadJob?.id, liveJob?.id]).toEqual(['held-by-dead', 'held-by-live']);
    const registry = deadWorker.toKey('worker-boots');
    await deadWorker.client.hset(registry, token(deadWorker), deadProcess.bootId, token(liveWorker), liveProcess.bootId);
    await deadProcess.onApplicationShutdown();

    const reaper = new DeadWorkerJobs(
      dataSource,
      self,
      queue(QUEUES.inbound),
      queue(QUEUES.outbound),
      queue(QUEUES.timers),
      queue(QUEUES.webhooks),
    );
    expect(await reaper.tick(false)).toBe(1);
    expect(await deadWorker.client.exists(`${deadWorker.toKey('held-by-dead')}:lock`)).toBe(0);
    expect(await deadWorker.client.get(`${deadWorker.toKey('held-by-live')}:lock`)).toBe(token(liveWorker));
    // The dead boot's token is forgotten, the live one's kept.
    expect(await deadWorker.client.hgetall(registry)).toEqual({ [token(liveWorker)]: liveProcess.bootId });

    // Bull's stalled-job check (run here by hand: a first pass marks active jobs, the next moves unlocked ones).
    const checker = queue(QUEUES.inbound);
    await waitUntil(
      async () => {
        await checker.client.del(checker.toKey('stalled-check'));
        await checkStalled(checker);
        return (await checker.getWaiting()).some((job) => job.id === 'held-by-dead');
      },
      10_000,
      'the dead worker job back in wait',
    );
    expect((await checker.getActive()).map((job) => job.id)).toEqual(['held-by-live']);
  });
});
