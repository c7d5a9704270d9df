import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';

// Everything the server answers itself; other GET paths are the editor's client-side routes.
const API_PREFIXES = ['/v1', '/meta', '/api-webhook', '/health', '/docs', '/instagram/oauth', '/metrics', '/admin'];
// Vite names every file under assets/ by its content hash: a changed file gets a new name, so browsers may keep these forever.
const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
// index.html names the current assets: browsers must check it on every visit so a deploy shows at once.
const ENTRY_CACHE = 'no-cache';

const isApi = (request: Request) => API_PREFIXES.some((prefix) => request.path === prefix || request.path.startsWith(`${prefix}/`));

/**
 * Serves the built editor from the API's own origin, with index.html for the editor's client-side routes:
 * brotli or gzip (the `compression` middleware, editor files only), and long-lived caching for hashed assets.
 */
export function hostEditor(app: NestExpressApplication, editorDist: string): boolean {
  const index = join(editorDist, 'index.html');
  if (!existsSync(index)) return false;
  app.use(compression({ filter: (request: Request, response: Response) => !isApi(request) && compression.filter(request, response) }));
  app.useStaticAssets(editorDist, {
    index: false,
    setHeaders: (response: Response, path: string) =>
      response.setHeader('Cache-Control', path.includes(`${sep}assets${sep}`) ? HASHED_ASSET_CACHE : ENTRY_CACHE),
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || isApi(request)) return next();
    response.setHeader('Cache-Control', ENTRY_CACHE);
    response.sendFile(index);
  });
  return true;
}
