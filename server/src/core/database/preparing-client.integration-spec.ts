import { DataSource, QueryRunner } from 'typeorm';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../../test/support/test-database';
import { dataSourceOptions } from './data-source-options';
import { StatementNames } from './preparing-client';

const preparedOn = async (runner: QueryRunner) =>
  ((await runner.query('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time')) as Array<{ statement: string }>).map(
    (row) => row.statement,
  );

describe('prepared statements on the pool (DATABASE_PREPARED_STATEMENTS)', () => {
  let database: MigratedTestDatabase;
  const sources: DataSource[] = [];

  const open = async (preparedStatements: boolean) => {
    const source = new DataSource(dataSourceOptions(database.url, { preparedStatements }));
    sources.push(await source.initialize());
    const runner = source.createQueryRunner();
    await runner.connect();
    return runner;
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
  });

  afterAll(async () => {
    for (const source of sources) await source.destroy();
    await database.drop();
  });

  it('prepares a parameterised statement once per connection and executes it by name after that', async () => {
    const runner = await open(true);
    const text = 'SELECT $1::int + 1 AS next';
    expect(await runner.query(text, [1])).toEqual([{ next: 2 }]);
    expect(await runner.query(text, [41])).toEqual([{ next: 42 }]);
    // Statements without parameters (BEGIN, COMMIT, this very read) stay unnamed.
    expect(await preparedOn(runner)).toEqual([text]);
    await runner.release();
  });

  it('prepares nothing when switched off', async () => {
    const runner = await open(false);
    expect(await runner.query('SELECT $1::int * 2 AS twice', [21])).toEqual([{ twice: 42 }]);
    expect(await preparedOn(runner)).toEqual([]);
    await runner.release();
  });

  it('fails one call when a table under a prepared statement changes its columns, then prepares the text again', async () => {
    const runner = await open(true);
    await runner.query('CREATE TABLE prepared_probe (id int PRIMARY KEY, label text)');
    await runner.query("INSERT INTO prepared_probe VALUES (1, 'one')");
    const text = 'SELECT * FROM prepared_probe WHERE id = $1';
    expect(await runner.query(text, [1])).toEqual([{ id: 1, label: 'one' }]);

    // A migration in another process (a rolling deploy) adds a column: Postgres refuses the cached plan's row type.
    const other = new DataSource(dataSourceOptions(database.url));
    sources.push(await other.initialize());
    await other.query("ALTER TABLE prepared_probe ADD COLUMN note text DEFAULT 'new'");
    await expect(runner.query(text, [1])).rejects.toThrow(/cached plan must not change result type/);
    expect(await runner.query(text, [1])).toEqual([{ id: 1, label: 'one', note: 'new' }]);
    await runner.release();
  });
});

describe('StatementNames', () => {
  it('names at most its cap of distinct texts; the others stay unnamed', () => {
    const names = new StatementNames(2);
    const first = names.nameOf('SELECT $1');
    expect(first).toMatch(/^dmflow_[0-9a-f]{24}_0$/);
    expect(names.nameOf('SELECT $1')).toBe(first);
    expect(names.nameOf('SELECT $1, $2')).toBeDefined();
    expect(names.nameOf('SELECT $1, $2, $3')).toBeUndefined();
  });

  it('gives a forgotten text a new name', () => {
    const names = new StatementNames();
    const before = names.nameOf('SELECT $1');
    names.forget('SELECT $1');
    expect(names.nameOf('SELECT $1')).not.toBe(before);
  });
});
