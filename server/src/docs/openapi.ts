import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('dmflow API')
    .setDescription(
      'Instagram DM automation: flows, contacts, runs, webhooks and the InstantDM-compatible action endpoint. ' +
        'Authenticate with `Authorization: Bearer <API key>` or `x-api-key: <API key>`. ' +
        'Every /v1 failure answers `{"error": {"code", "message", "doc_url", "request_id"}}`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'x-api-key')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the generated document at /docs/openapi.json and a browsable UI at /docs. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
