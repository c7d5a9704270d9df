import { Logger } from '@nestjs/common';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describeError } from '../../core/errors/error-envelope.filter';
import { describeActionApiError } from '../action-api/action-api-exception.filter';

const logger = new Logger('mcp');

/** A tool's answer: its JSON as text (what every MCP client shows) and as structured content. */
export function toolResult(value: unknown): CallToolResult {
  const structured = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: structured };
}

/**
 * A refused or failed call, as the REST route would answer it: the HTTP status it would have, the stable `code`, the
 * message and any field `details` — so an assistant reads the same errors the API documents.
 */
export function toolError(error: unknown, requestId: string): CallToolResult {
  const { status, body } = describeError(error, requestId);
  if (status >= 500) logger.error(error instanceof Error ? error : String(error));
  return errorResult({ status, ...body.error });
}

/** An /api-webhook action's refusal in that endpoint's own body ({error, code, request_id}), with its status. */
export function actionError(error: unknown, requestId: string): CallToolResult {
  const { status, body, headers } = describeActionApiError(error, requestId);
  if (status >= 500) logger.error(error instanceof Error ? error : String(error));
  return errorResult({ status, ...body, ...(headers['Retry-After'] ? { retry_after_seconds: Number(headers['Retry-After']) } : {}) });
}

function errorResult(value: Record<string, unknown>): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
}
