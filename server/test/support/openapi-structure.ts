import type { OpenAPIObject } from '@nestjs/swagger';

// A focused structural check of the generated document (we add no validator dependency): the parts of the
// OpenAPI 3.0 rules a generator can get wrong, plus our own conventions for /v1.

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PARAMETER_LOCATIONS = ['query', 'header', 'path', 'cookie'];
const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;

function collectRefs(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, refs));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') refs.push(child);
      else collectRefs(child, refs);
    }
  }
  return refs;
}

function resolve(document: OpenAPIObject, schema: Json | undefined): Json | undefined {
  const ref = typeof schema?.$ref === 'string' ? SCHEMA_REF.exec(schema.$ref) : null;
  return ref ? (document.components?.schemas?.[ref[1]] as Json | undefined) : schema;
}

function jsonSchemaOf(document: OpenAPIObject, response: Json | undefined): Json | undefined {
  const content = response?.content as Record<string, { schema?: Json }> | undefined;
  return resolve(document, content?.['application/json']?.schema);
}

function pageProblems(document: OpenAPIObject, response: Json | undefined): string[] {
  const schema = jsonSchemaOf(document, response);
  const properties = (schema?.properties ?? {}) as Record<string, Json>;
  const problems: string[] = [];
  if (properties.data?.type !== 'array') problems.push('data is not an array');
  if (properties.has_more?.type !== 'boolean') problems.push('has_more is not a boolean');
  if (properties.next_cursor?.type !== 'string' || properties.next_cursor?.nullable !== true)
    problems.push('next_cursor is not a nullable string');
  const required = (schema?.required ?? []) as string[];
  if (!['data', 'has_more', 'next_cursor'].every((name) => required.includes(name)))
    problems.push('data, has_more and next_cursor are not all required');
  return problems;
}

export function openApiStructureProblems(document: OpenAPIObject): string[] {
  const problems: string[] = [];
  if (!/^3\.\d+\.\d+$/.test(document.openapi ?? '')) problems.push(`openapi version "${document.openapi}" is not 3.x.y`);
  if (!document.info?.title || !document.info?.version) problems.push('info.title and info.version are required');

  const schemas = document.components?.schemas ?? {};
  for (const ref of collectRefs(document)) {
    const match = SCHEMA_REF.exec(ref);
    if (!match || !(match[1] in schemas)) problems.push(`$ref ${ref} does not resolve to components.schemas`);
  }
  const securitySchemes = Object.keys(document.components?.securitySchemes ?? {});

  const operationIds = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths)) {
    const templateParameters = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
    for (const [method, value] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!METHODS.includes(method)) {
        problems.push(`${where}: "${method}" is not an HTTP method`);
        continue;
      }
      const operation = value as Json;
      const operationId = operation.operationId;
      if (typeof operationId !== 'string' || !operationId) problems.push(`${where}: no operationId`);
      else if (operationIds.has(operationId))
        problems.push(`${where}: operationId ${operationId} also used by ${operationIds.get(operationId)}`);
      else operationIds.set(operationId, where);

      const parameters = (operation.parameters ?? []) as Json[];
      for (const parameter of parameters) {
        if (typeof parameter.name !== 'string' || !PARAMETER_LOCATIONS.includes(String(parameter.in)) || !parameter.schema) {
          problems.push(`${where}: parameter ${JSON.stringify(parameter)} needs a name, a valid "in" and a schema`);
        }
        if (parameter.in === 'path' && parameter.required !== true)
          problems.push(`${where}: path parameter ${String(parameter.name)} must be required`);
      }
      const declaredPathParameters = parameters
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => String(parameter.name))
        .sort();
      if (JSON.stringify(declaredPathParameters) !== JSON.stringify(templateParameters)) {
        problems.push(
          `${where}: path parameters declared [${declaredPathParameters.join(',')}] but the template has [${templateParameters.join(',')}]`,
        );
      }

      const responses = (operation.responses ?? {}) as Record<string, Json>;
      if (Object.keys(responses).length === 0) problems.push(`${where}: no responses`);
      for (const [status, response] of Object.entries(responses)) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${where}: response key ${status} is not a status code`);
        if (typeof response.description !== 'string') problems.push(`${where}: response ${status} has no description`);
      }

      const security = (operation.security ?? []) as Array<Record<string, unknown>>;
      for (const requirement of security) {
        for (const scheme of Object.keys(requirement))
          if (!securitySchemes.includes(scheme)) problems.push(`${where}: unknown security scheme ${scheme}`);
      }
      if (!path.startsWith('/v1/')) continue;

      const alternatives = security.map((requirement) => Object.keys(requirement).join('+')).sort();
      const credentials = operation['x-dmflow-credentials'] as string | undefined;
      const expected = credentials === 'none' ? [] : credentials === 'session' ? ['session'] : ['bearer', 'session', 'x-api-key'];
      if (JSON.stringify(alternatives) !== JSON.stringify(expected))
        problems.push(`${where}: security should be [${expected.join(',')}], is [${alternatives.join(',')}]`);
      if (credentials !== 'none' && jsonSchemaOf(document, responses['401'])?.properties === undefined)
        problems.push(`${where}: 401 does not show the error envelope`);
      for (const [status, response] of Object.entries(responses)) {
        // A download (e.g. text/csv) declares its own media type; every other success answers JSON with a schema.
        const declaresDownload = Object.keys((response as { content?: Record<string, unknown> }).content ?? {}).some(
          (type) => type !== 'application/json',
        );
        if (/^2\d\d$/.test(status) && status !== '204' && !declaresDownload && !jsonSchemaOf(document, response))
          problems.push(`${where}: ${status} has no JSON schema`);
      }
      const isList =
        method === 'get' &&
        ['cursor', 'limit'].every((name) => parameters.some((parameter) => parameter.in === 'query' && parameter.name === name));
      if (isList) for (const problem of pageProblems(document, responses['200'])) problems.push(`${where}: list response: ${problem}`);
    }
  }
  return problems;
}
