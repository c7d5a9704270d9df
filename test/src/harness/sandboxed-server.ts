import { GraphSandbox, GraphSandboxClient, startGraphSandbox } from '@dmflow/sandbox';
import { createTestDatabase, TestDatabase } from './database';
import { freePort } from './ports';
import { ServerProcess, startServer, TEST_APP_SECRET } from './server-process';

/** The Meta app id test servers connect Instagram accounts with (Business Login through the sandbox). */
export const TEST_APP_ID = '990602627938098';

export interface SandboxedServer {
  database: TestDatabase;
  sandbox: GraphSandbox;
  graph: GraphSandboxClient;
  server: ServerProcess;
  stop(): Promise<void>;
}

/**
 * A fresh database, the sandbox Graph API and the built server pointed at it: the Graph API (META_GRAPH_URL) and
 * Business Login (authorize page, code exchange, app id and secret, redirect back to this server).
 */
export async function startSandboxedServer(
  options: { databasePrefix?: string; env?: Record<string, string> } = {},
): Promise<SandboxedServer> {
  const database = await createTestDatabase(options.databasePrefix);
  const sandbox = await startGraphSandbox({ app: { appId: TEST_APP_ID, appSecret: options.env?.META_APP_SECRET ?? TEST_APP_SECRET } });
  const port = await freePort();
  const server = await startServer({
    databaseUrl: database.url,
    port,
    env: {
      META_GRAPH_URL: sandbox.graphUrl,
      META_APP_ID: TEST_APP_ID,
      META_OAUTH_REDIRECT_URL: `http://127.0.0.1:${port}/instagram/oauth/callback`,
      META_OAUTH_AUTHORIZE_URL: sandbox.authorizeUrl,
      META_OAUTH_TOKEN_URL: sandbox.tokenUrl,
      ...options.env,
    },
  });
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
