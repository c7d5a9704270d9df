import { GraphSandbox, GraphSandboxClient, startGraphSandbox } from '@dmflow/sandbox';
import { createTestDatabase, TestDatabase } from './database';
import { ServerProcess, startServer } from './server-process';

export interface SandboxedServer {
  database: TestDatabase;
  sandbox: GraphSandbox;
  graph: GraphSandboxClient;
  server: ServerProcess;
  stop(): Promise<void>;
}

/** A fresh database, the sandbox Graph API and the built server pointed at it (META_GRAPH_URL). */
export async function startSandboxedServer(
  options: { databasePrefix?: string; env?: Record<string, string> } = {},
): Promise<SandboxedServer> {
  const database = await createTestDatabase(options.databasePrefix);
  const sandbox = await startGraphSandbox();
  const server = await startServer({ databaseUrl: database.url, env: { META_GRAPH_URL: sandbox.graphUrl, ...options.env } });
  return {
    database,
    sandbox,
    graph: new GraphSandboxClient(sandbox.url),
    server,
    stop: async () => {
      await server.stop();
      await sandbox.close();
      await database.drop();
    },
  };
}
