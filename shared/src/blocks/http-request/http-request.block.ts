import { templateValues } from '../../kernel/run-context';
import type { VariableValue } from '../../kernel/run-context';
import { renderTemplate } from '../../text/template';
import { headerValueProblem } from '../../util/http-header-field';
import type { BlockDefinition } from '../../kernel/block-definition';
import { HTTP_METHODS, HttpRequestConfig } from './http-request.config';

function readPath(body: unknown, path: string): VariableValue {
  let current: unknown = body;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  if (current === undefined || current === null) return null;
  if (typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean') return current;
  return JSON.stringify(current);
}

export const httpRequestBlock: BlockDefinition<HttpRequestConfig> = {
  type: 'http_request',
  label: 'HTTP request',
  description: 'Calls an external URL with {{variables}} in URL, headers and body, and saves response fields to variables.',
  icon: 'globe',
  category: 'integration',
  configClass: HttpRequestConfig,
  defaults: () =>
    Object.assign(new HttpRequestConfig(), {
      method: 'POST',
      url: 'https://',
      headers: [],
      body: '{"email":"{{email}}"}',
      timeoutSeconds: 10,
      saveResponse: [],
    }),
  fields: [
    { name: 'method', label: 'Method', kind: 'select', options: HTTP_METHODS.map((value) => ({ value, label: value })) },
    { name: 'url', label: 'URL', kind: 'text', templated: true },
    {
      name: 'headers',
      label: 'Headers',
      kind: 'key-value-list',
      maxItems: 20,
      newItem: () => ({ name: '', value: '' }),
      itemFields: [
        { name: 'name', label: 'Name', kind: 'text' },
        { name: 'value', label: 'Value', kind: 'text', templated: true },
      ],
    },
    {
      name: 'body',
      label: 'Body',
      kind: 'textarea',
      templated: true,
      visibleWhen: { field: 'method', equals: ['POST', 'PUT', 'PATCH', 'DELETE'] },
    },
    { name: 'timeoutSeconds', label: 'Timeout (seconds)', kind: 'number', min: 1, max: 30 },
    {
      name: 'saveResponse',
      label: 'Save response fields',
      kind: 'list',
      maxItems: 20,
      newItem: () => ({ path: 'id', variable: 'response_id' }),
      itemFields: [
        { name: 'path', label: 'JSON path', kind: 'text', placeholder: 'data.id' },
        { name: 'variable', label: 'Variable', kind: 'text' },
      ],
    },
  ],
  ports: () => [
    { id: 'success', label: 'Success (2xx)' },
    { id: 'error', label: 'Error or timeout' },
  ],
  sendsMessage: false,
  enter: ({ config, context }) => {
    const values = templateValues(context);
    const render = (text: string) => renderTemplate(text, values);
    const headers = config.headers.map((header) => [header.name, render(header.value)] as const);
    // A contact's answer may hold what no header can carry (an emoji, a line break): that request can't be sent.
    if (headers.some(([, value]) => headerValueProblem(value) !== undefined)) return { next: 'error' };
    return {
      effects: [
        {
          type: 'http_request',
          request: {
            method: config.method,
            url: render(config.url),
            headers: Object.fromEntries(headers),
            body: config.method === 'GET' || config.body === undefined ? null : render(config.body),
            timeoutMs: config.timeoutSeconds * 1000,
          },
        },
      ],
    };
  },
  onEvent: ({ config, context, event }) => {
    if (event.type !== 'http.responded' && event.type !== 'http.failed') return {};
    if (event.effectKey !== context.node.pendingEffectKey) return {};
    if (event.type === 'http.failed' || event.status < 200 || event.status >= 300) {
      return { next: 'error' };
    }
    const saved = Object.fromEntries(config.saveResponse.map((mapping) => [mapping.variable, readPath(event.body, mapping.path)]));
    return { next: 'success', variables: saved };
  },
};
