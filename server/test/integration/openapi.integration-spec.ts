import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../support/test-database';
import { RequestAuthGuard } from '../../src/modules/accounts/auth/request-auth.guard';
import { openApiStructureProblems } from '../support/openapi-structure';
import { loadConfig } from '../../src/core/config/config';
import { buildOpenApiDocument } from '../../src/core/openapi/openapi';

function joinPath(...parts: string[]): string {
  const joined = `/${parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  return joined.replace(/:(\w+)/g, '{$1}');
}

interface DeclaredRoute {
  route: string;
  /** The status a success answers: @HttpCode, else Nest's default (201 for POST, 200 otherwise). */
  successStatus: number;
  guards: unknown[];
}

// @nestjs/swagger's metadata keys for @ApiExcludeController / @ApiExcludeEndpoint (its constants are not exported).
const EXCLUDED_CONTROLLER = 'swagger/apiExcludeController';
const EXCLUDED_ENDPOINT = 'swagger/apiExcludeEndpoint';

/** Every route the running app serves, read from the controllers' own metadata. */
function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as unknown as { prototype: Record<string, unknown> };
      // Left out of the document on purpose, as Swagger leaves them out: browser redirects, Prometheus text.
      if ((Reflect.getMetadata(EXCLUDED_CONTROLLER, controller) as boolean[] | undefined)?.[0]) continue;
      const basePaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const controllerGuards = (Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as unknown[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if ((Reflect.getMetadata(EXCLUDED_ENDPOINT, handler) as { disable?: boolean } | undefined)?.disable) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number].toLowerCase();
        const paths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const successStatus = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'post' ? 201 : 200);
        const guards = [...controllerGuards, ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[])];
        for (const base of basePaths)
          for (const path of paths) routes.push({ route: `${method} ${joinPath(base, path)}`, successStatus, guards });
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

describe('the OpenAPI document', () => {
  let database: MigratedTestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    useTestEnvironment(database.url);
    const { AppModule } = await import('../../src/app.module');
    app = await NestFactory.create(AppModule.forRole('all', loadConfig()), { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is OpenAPI 3 and lists every route the app serves', () => {
    const document = buildOpenApiDocument(app);
    expect(document.openapi).toMatch(/^3\./);
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort((a, b) => a.localeCompare(b));
    const declared = declaredRoutes(app).map(({ route }) => route);
    expect(declared.length).toBeGreaterThan(3);
    expect(documented).toEqual(declared);
  });

  it('gives every operation a unique operationId and declares API-key security', () => {
    const document = buildOpenApiDocument(app);
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((operation) => (operation as { operationId: string }).operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(expect.arrayContaining(['bearer', 'x-api-key', 'session']));
  });

  it('is structurally valid OpenAPI 3: ids, parameters, responses, resolvable $refs, API-key security and page schemas on /v1', () => {
    expect(openApiStructureProblems(buildOpenApiDocument(app))).toEqual([]);
  });

  it('documents the status each route really answers on success', () => {
    const document = buildOpenApiDocument(app);
    const undocumented = declaredRoutes(app)
      .filter(({ route, successStatus }) => {
        const [method, path] = route.split(' ');
        return !(String(successStatus) in (document.paths[path] as Record<string, { responses: object }>)[method].responses);
      })
      .map(({ route, successStatus }) => `${route} answers ${successStatus}`);
    expect(undocumented).toEqual([]);
  });

  it('guards every /v1 route with the API key or session check, as the document states', () => {
    const unguarded = declaredRoutes(app)
      .filter(({ route, guards }) => route.split(' ')[1].startsWith('/v1/') && !guards.includes(RequestAuthGuard))
      .map(({ route }) => route);
    expect(unguarded).toEqual([]);
  });
});
