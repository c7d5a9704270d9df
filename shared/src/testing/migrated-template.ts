/** Runs one statement on the cluster's maintenance database and returns its rows. */
export type AdminQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

export interface MigratedTemplateOptions {
  admin: AdminQuery;
  /** The database to create. */
  name: string;
  /** Changes whenever the migrations do (e.g. a hash of their files), so a stale template is never cloned. */
  fingerprint: string;
  /** Applies every migration to the named (empty) database. */
  migrate: (databaseName: string) => Promise<void>;
}

async function databaseExists(admin: AdminQuery, name: string): Promise<boolean> {
  return (await admin(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length > 0;
}

/**
 * Creates `name` as a copy of a database migrated once per set of migrations: cloning a template costs a file copy,
 * where migrating every suite's fresh database cost half of each server start on a loaded machine.
 * Parallel test processes may each build the template; the first rename wins and the others drop their copy.
 */
export async function createFromMigratedTemplate({ admin, name, fingerprint, migrate }: MigratedTemplateOptions): Promise<void> {
  const template = `dmflow_template_${fingerprint
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 20)
    .toLowerCase()}`;
  if (!(await databaseExists(admin, template))) {
    const building = `${template}_${Math.random().toString(36).slice(2, 10)}`;
    await admin(`CREATE DATABASE ${building}`);
    try {
      await migrate(building);
      await admin(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } catch (error) {
      await admin(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      if (!(await databaseExists(admin, template))) throw error;
    }
  }
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template}`);
}
