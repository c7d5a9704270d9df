import { DataSource, EntityManager } from 'typeorm';
import { createMigratedTestDatabase, MigratedTestDatabase } from '../../../test/support/test-database';
import { runAfterCommit } from './after-commit';
import { dataSourceOptions } from './data-source-options';

describe('runAfterCommit against Postgres', () => {
  let database: MigratedTestDatabase;
  let dataSource: DataSource;
  let ran: string[];
  let discarded: string[];

  /** Registers `name` and, to show the task runs after the commit, reads whether the account row is visible then. */
  const register = (manager: EntityManager, name: string) =>
    runAfterCommit(manager, {
      run: async () => {
        const visible = await dataSource.query(`SELECT count(*)::int AS n FROM accounts WHERE name = $1`, [name]);
        ran.push(`${name}:${visible[0].n}`);
      },
      discard: () => discarded.push(name),
    });
  const insertAndRegister = async (manager: EntityManager, name: string) => {
    await manager.query(`INSERT INTO accounts (name) VALUES ($1)`, [name]);
    register(manager, name);
  };
  const settled = async (expected: number) => {
    for (let attempt = 0; attempt < 200 && ran.length + discarded.length < expected; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 10));
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  });

  beforeEach(() => {
    ran = [];
    discarded = [];
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('runs after the transaction commits, with its writes visible, and not before', async () => {
    await dataSource.transaction(async (manager) => {
      await insertAndRegister(manager, 'committed');
      await new Promise((resolve) => setImmediate(resolve));
      expect(ran).toEqual([]);
    });
    await settled(1);
    expect(ran).toEqual(['committed:1']);
    expect(discarded).toEqual([]);
  });

  it('discards on rollback and never runs', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await insertAndRegister(manager, 'rolled back');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await settled(1);
    expect(discarded).toEqual(['rolled back']);
    expect(ran).toEqual([]);
  });

  it('a rolled-back savepoint drops only what was registered inside it; a released one runs at the outer commit', async () => {
    await dataSource.transaction(async (manager) => {
      await insertAndRegister(manager, 'outer');
      await manager
        .transaction(async (inner) => {
          await insertAndRegister(inner, 'in rolled-back savepoint');
          throw new Error('abort savepoint');
        })
        .catch(() => undefined);
      await manager.transaction((inner) => insertAndRegister(inner, 'in released savepoint'));
      // Released, not committed: nothing has run yet.
      await new Promise((resolve) => setImmediate(resolve));
      expect(ran).toEqual([]);
    });
    await settled(3);
    expect(discarded).toEqual(['in rolled-back savepoint']);
    expect(ran.sort()).toEqual(['in released savepoint:1', 'outer:1']);
  });

  it("a released savepoint's work survives a later sibling's rollback and goes with its enclosing level", async () => {
    await dataSource.transaction(async (manager) => {
      await manager.transaction(async (level2) => {
        await level2.transaction((level3) => insertAndRegister(level3, 'released'));
        await level2
          .transaction(async (level3) => {
            await insertAndRegister(level3, 'rolled-back sibling');
            throw new Error('abort level 3');
          })
          .catch(() => undefined);
      });
      await manager
        .transaction(async (level2) => {
          await level2.transaction((level3) => insertAndRegister(level3, 'released into a rolled-back level'));
          throw new Error('abort level 2');
        })
        .catch(() => undefined);
    });
    await settled(3);
    expect(ran).toEqual(['released:1']);
    expect(discarded.sort()).toEqual(['released into a rolled-back level', 'rolled-back sibling']);
  });

  it('runs at once outside a transaction', async () => {
    await dataSource.query(`INSERT INTO accounts (name) VALUES ('autocommitted')`);
    register(dataSource.manager, 'autocommitted');
    await settled(1);
    expect(ran).toEqual(['autocommitted:1']);
  });

  it('work left by a transaction that ended without either event is discarded when the runner starts another', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    register(runner.manager, 'orphaned');
    // ROLLBACK sent behind TypeORM's back: no rollback event, as when the connection died during the rollback.
    await runner.query('ROLLBACK');
    Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
    await runner.startTransaction();
    await runner.commitTransaction();
    await runner.release();
    await settled(1);
    expect(discarded).toEqual(['orphaned']);
    expect(ran).toEqual([]);
  });
});
