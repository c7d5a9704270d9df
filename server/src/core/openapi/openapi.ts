import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorEnvelopeView } from '../http/api-responses';

const KEY_OR_SESSION: Array<Record<string, string[]>> = [{ bearer: [] }, { 'x-api-key': [] }, { session: [] }];
const SESSION_ONLY: Array<Record<string, string[]>> = [{ session: [] }];

type Operation = OpenAPIObject['paths'][string]['get'] & object;

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorEnvelopeView) } } } };
}

/**
 * Every /v1 route sits behind RequestAuthGuard (the docs spec checks it): an API key or the session cookie, a
 * person's settings the session only (`x-dmflow-credentials: session`), sign-in routes nothing (`none`). The
 * credentials and the error envelope are stated here once for all of them rather than on each controller.
 */
function describeAuthentication(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const operation of Object.values(item) as Array<Operation & { 'x-dmflow-credentials'?: string }>) {
      const parameters = (operation.parameters ?? []) as Array<{ in?: string }>;
      const credentials = operation['x-dmflow-credentials'];
      if (credentials === 'none') {
        operation.security = [];
      } else {
        operation.security = credentials === 'session' ? SESSION_ONLY : KEY_OR_SESSION;
        operation.responses['401'] = errorResponse('missing_api_key / invalid_api_key / session_expired');
        operation.responses['403'] ??= errorResponse('insufficient_role / session_required / api_key_scope / csrf_token_invalid');
      }
      if (parameters.some((parameter) => parameter.in === 'query') || operation.requestBody) {
        operation.responses['400'] ??= errorResponse('validation_failed, one entry per problem in details (also invalid_cursor)');
      }
      if (parameters.some((parameter) => parameter.in === 'path')) {
        operation.responses['404'] ??= errorResponse("not found; another account's resources are reported the same way");
      }
    }
  }
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('dmflow API')
    .setDescription(
      'Instagram DM automation: flows, contacts, runs, webhooks and the InstantDM-compatible action endpoint. ' +
        'Machines authenticate with `Authorization: Bearer <API key>` or `x-api-key: <API key>`; the editor with its session cookie. ' +
        'Every /v1 failure answers `{"error": {"code", "message", "doc_url", "request_id"}}`; every response carries `X-Request-Id`. ' +
        'Lists are cursor pages, newest first: `?limit=1..100&cursor=<next_cursor>` answers `{"data", "has_more", "next_cursor"}`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'x-api-key')
    // The editor's session (HttpOnly cookie; writes also send X-CSRF-Token from GET /v1/auth/session).
    .addCookieAuth('dmflow_session', { type: 'apiKey', in: 'cookie', name: 'dmflow_session' }, 'session')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorEnvelopeView] });
  describeAuthentication(document);
  return document;
}

/** Serves the generated document at /docs/openapi.json and a browsable UI at /docs. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
}
