import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Everything the server answers itself; other GET paths are the editor's client-side routes.
const API_PREFIXES = ['/v1', '/meta', '/api-webhook', '/health', '/docs', '/instagram/oauth', '/metrics', '/admin'];

/** Serves the built editor from the API's own origin, with index.html for the editor's client-side routes. */
export function hostEditor(app: NestExpressApplication, editorDist: string): boolean {
  const index = join(editorDist, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(editorDist, { index: false });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isApi = API_PREFIXES.some((prefix) => request.path === prefix || request.path.startsWith(`${prefix}/`));
    if (request.method !== 'GET' || isApi) return next();
    response.sendFile(index);
  });
  return true;
}
