import { readJson, type Json } from './http';

/** One /v1 operation of the server's own OpenAPI document, as suites that walk the whole API need it. */
export interface ApiOperation {
  /** e.g. "GET /v1/flows/{id}" */
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  hasBody: boolean;
  /** A cursor page: GET with `cursor` and `limit` (the docs spec checks such routes answer {data, has_more, next_cursor}). */
  isList: boolean;
  /** What the route accepts (`x-dmflow-credentials`): an API key or a session; a session only; or nothing (sign-in). */
  credentials: 'key-or-session' | 'session' | 'none';
}

/** Every /v1 operation listed in GET /docs/openapi.json. */
export async function fetchApiOperations(serverUrl: string): Promise<ApiOperation[]> {
  const response = await fetch(`${serverUrl}/docs/openapi.json`);
  if (response.status !== 200) throw new Error(`GET /docs/openapi.json answered ${response.status}`);
  const document: Json = await readJson(response);
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries<Record<string, Json>>(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const [method, operation] of Object.entries(item)) {
      const parameters: Array<{ name: string; in: string }> = operation.parameters ?? [];
      const named = (location: string) => parameters.filter((parameter) => parameter.in === location).map((parameter) => parameter.name);
      const queryParams = named('query');
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: named('path'),
        queryParams,
        hasBody: operation.requestBody !== undefined,
        isList: method === 'get' && queryParams.includes('cursor') && queryParams.includes('limit'),
        credentials: operation['x-dmflow-credentials'] ?? 'key-or-session',
      });
    }
  }
  return operations;
}

/** The operations a machine can call with an API key (not sign-in, not a person's settings). */
export function keyOperations(operations: ApiOperation[]): ApiOperation[] {
  return operations.filter((operation) => operation.credentials === 'key-or-session');
}

/** The path with each `{name}` replaced by `values[name]`. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(values[name]);
  });
}
