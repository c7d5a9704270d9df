import { randomBytes } from 'node:crypto';
import Bull, { type Queue } from 'bull';
import { JOBS } from './queue-contract';
import { QueueGateway } from './queue-gateway';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('QueueGateway against Redis', () => {
  const prefix = `dmflow_it_${randomBytes(4).toString('hex')}`;
  let queues: Queue[];
  let timers: Queue;
  let inbound: Queue;
  let gateway: QueueGateway;

  beforeAll(() => {
    queues = ['inbound', 'outbound', 'timers', 'webhooks'].map((name) => new Bull(name, REDIS_URL, { prefix }));
    [inbound, , timers] = queues;
    gateway = new QueueGateway(queues[0], queues[1], queues[2], queues[3]);
  });

  afterAll(async () => {
    for (const queue of queues) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('puts a job on its own queue, under its name, with the contract options plus id and delay', async () => {
    await gateway.enqueue('fireTimer', { runId: 'r1', timerId: 'r1:ask:0' }, { jobId: 'r1:ask:0', delay: 60_000 });
    const job = await timers.getJob('r1:ask:0');
    expect(job?.name).toBe(JOBS.fireTimer.name);
    expect(job?.data).toEqual({ runId: 'r1', timerId: 'r1:ask:0' });
    expect(job?.opts).toMatchObject({ ...JOBS.fireTimer.options, jobId: 'r1:ask:0', delay: 60_000 });
    expect(await gateway.isOpen('fireTimer', 'r1:ask:0')).toBe(true);
  });

  it('requeues a job whose id already ended, and leaves an open one single', async () => {
    await gateway.enqueue('fireTimer', { runId: 'r2', timerId: 'r2:ask:0' }, { jobId: 'r2:ask:0' });
    const taken = await timers.getNextJob();
    expect(taken?.id).toBe('r2:ask:0');
    await taken?.discard();
    await taken?.moveToFailed({ message: 'gave up' });
    expect(await gateway.isOpen('fireTimer', 'r2:ask:0')).toBe(false);

    // A plain enqueue is dropped by Bull: the ended job still owns the id.
    await gateway.enqueue('fireTimer', { runId: 'r2', timerId: 'r2:ask:0' }, { jobId: 'r2:ask:0' });
    expect(await (await timers.getJob('r2:ask:0'))?.getState()).toBe('failed');

    await gateway.requeue('fireTimer', { runId: 'r2', timerId: 'r2:ask:0' }, 'r2:ask:0');
    await gateway.requeue('fireTimer', { runId: 'r2', timerId: 'r2:ask:0' }, 'r2:ask:0');
    expect(await (await timers.getJob('r2:ask:0'))?.getState()).toBe('waiting');
    expect(await timers.getWaitingCount()).toBe(1);
    expect(await gateway.isOpen('fireTimer', 'r2:ask:0')).toBe(true);
  });

  it('adds many jobs of one kind in one call', async () => {
    await gateway.enqueueMany('processInboxEvent', [
      { payload: { inboxEventId: '7' }, jobId: '7' },
      { payload: { inboxEventId: '8' }, jobId: '8' },
    ]);
    expect((await inbound.getWaiting()).map((job) => [job.id, job.opts.attempts]).sort()).toEqual([
      ['7', 5],
      ['8', 5],
    ]);
  });
});
