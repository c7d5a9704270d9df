import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../../test/support/test-database';
import { waitUntil } from '../../../test/support/wait-until';
import { ProcessLiveness } from './process-liveness';

/** Two processes' boot locks against one real Postgres: a live one's boot reads alive, a dead one's at once not. */
describe('ProcessLiveness: boot locks tell a dead process from a live one', () => {
  let database: MigratedTestDatabase;
  let observer: Client;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    observer = new Client({ connectionString: database.url });
    await observer.connect();
  });

  afterAll(async () => {
    await observer?.end();
    await database?.drop();
  });

  const isAlive = async (bootId: string) =>
    (await observer.query<{ alive: boolean }>(`SELECT ${ProcessLiveness.aliveSql('$1::uuid')} AS alive`, [bootId])).rows[0].alive;

  it('a running process holds its boot (however long it runs); one that stopped holds nothing, from the moment it did', async () => {
    const first = new ProcessLiveness({ databaseUrl: database.url });
    const second = new ProcessLiveness({ databaseUrl: database.url });
    await Promise.all([first.onModuleInit(), second.onModuleInit()]);
    expect(first.bootId).not.toBe(second.bootId);
    expect(await isAlive(first.bootId)).toBe(true);
    expect(await isAlive(second.bootId)).toBe(true);
    expect(first.mayJudgeOthers()).toBe(true);

    await first.onApplicationShutdown();
    expect(await isAlive(first.bootId)).toBe(false);
    expect(await isAlive(second.bootId)).toBe(true);
    expect(await isAlive(randomUUID())).toBe(false);
    await second.onApplicationShutdown();
  });

  it('a process whose connection is cut (as by SIGKILL) is dead at once; a live one takes its lock back and waits out a grace before judging others', async () => {
    const killed = new ProcessLiveness({ databaseUrl: database.url });
    const survivor = new ProcessLiveness({ databaseUrl: database.url });
    await Promise.all([killed.onModuleInit(), survivor.onModuleInit()]);
    // The server side of both connections goes away, as when Postgres restarts or the process dies.
    await observer.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = ANY (ARRAY[hashtext($1)::oid, hashtext($2)::oid])`,
      [killed.bootId, survivor.bootId],
    );
    await killed.onApplicationShutdown();
    expect(await isAlive(killed.bootId)).toBe(false);
    // The survivor notices, reconnects by itself and holds its boot again; for a while it judges nobody dead.
    await waitUntil(() => !survivor.mayJudgeOthers(), 10_000, 'the survivor to notice its lost connection');
    await waitUntil(() => isAlive(survivor.bootId), 10_000, 'the survivor to hold its boot again');
    expect(survivor.mayJudgeOthers()).toBe(false);
    await survivor.onApplicationShutdown();
  });
});
