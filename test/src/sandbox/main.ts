import { startGraphSandbox } from './graph-api/graph-api-sandbox';

// `npm run sandbox`: the sandbox Graph API on SANDBOX_PORT (default 4010). Point dmflow at it with
// META_GRAPH_URL=http://127.0.0.1:4010/v25.0; inspect with GET /_sandbox/calls.
async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4010);
  const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
  const sandbox = await startGraphSandbox({ port, host, log: (line) => process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), msg: line })}\n`) });
  process.stdout.write(`${JSON.stringify({ msg: 'sandbox Graph API listening', url: sandbox.url, graph_url: sandbox.graphUrl })}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`sandbox failed to start: ${error.message}\n`);
  process.exit(1);
});
