import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';

// The receivers in the e2e tests run the docs' own verification snippets (docs/webhooks.md), so the documentation is tested code.

const WEBHOOKS_DOC = readFileSync(join(__dirname, '../../../docs/webhooks.md'), 'utf8');
const VERIFYING_HEADING = '## Verifying signatures';
if (!WEBHOOKS_DOC.includes(VERIFYING_HEADING)) throw new Error(`docs/webhooks.md has no "${VERIFYING_HEADING}" section`);
const VERIFYING = WEBHOOKS_DOC.slice(WEBHOOKS_DOC.indexOf(VERIFYING_HEADING));

function snippet(language: 'js' | 'python'): string {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(VERIFYING);
  if (!match) throw new Error(`docs/webhooks.md has no ${language} snippet under "Verifying signatures"`);
  return match[1];
}

export interface SignatureChecks {
  instantDm: boolean;
  standard: boolean;
}

type Verifiers = (rawBody: Buffer, headers: IncomingHttpHeaders, secret: string) => [boolean, boolean];

// The docs' snippet runs as written, wrapped in a function that hands it `require` like a CommonJS module.
const nodeVerifiers = (
  runInThisContext(`(function (require) {
${snippet('js')}
   return (rawBody, headers, secret) => [verifyInstantDmSignature(rawBody, headers['x-webhook-signature'], secret), verifyStandardWebhook(rawBody, headers, secret)];
})`) as (load: NodeRequire) => Verifiers
)(require);

export function verifyWithNodeSnippet(rawBody: string, headers: IncomingHttpHeaders, secret: string): SignatureChecks {
  const [instantDm, standard] = nodeVerifiers(Buffer.from(rawBody, 'utf8'), headers, secret);
  return { instantDm, standard };
}

/** Runs the docs' Python snippet in python3 over each request; null when python3 is not installed. */
export function verifyWithPythonSnippet(
  requests: Array<{ rawBody: string; headers: IncomingHttpHeaders }>,
  secret: string,
): SignatureChecks[] | null {
  const program = `${snippet('python')}
import json, sys
data = json.load(sys.stdin)
print(json.dumps([
    {"instantDm": verify_instantdm_signature(r["rawBody"].encode(), r["headers"]["x-webhook-signature"], data["secret"]),
     "standard": verify_standard_webhook(r["rawBody"].encode(), r["headers"], data["secret"])}
    for r in data["requests"]
]))
`;
  const result = spawnSync('python3', ['-c', program], { input: JSON.stringify({ secret, requests }), encoding: 'utf8' });
  if (result.error) return null;
  if (result.status !== 0) throw new Error(`docs/webhooks.md python snippet failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as SignatureChecks[];
}
