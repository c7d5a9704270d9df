import { enableCompileCache } from 'node:module';

// Imported first by the server's and the CLI's entry points, before the ~2,000 modules they load: V8 keeps their
// compiled code in Node's own cache (in the OS temp folder, keyed by each file's content), so a restart, a CLI command
// or a test's server spends less CPU starting. Failing to enable it only means a cold start.
try {
  enableCompileCache();
} catch {
  // a read-only temp folder, say
}
