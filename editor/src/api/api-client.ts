import type { ApiConnection } from './connection';

export interface ApiErrorDetail {
  field: string;
  message: string;
}

/** A failed API call, carrying the error envelope's stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
}

interface ErrorEnvelope {
  error?: { code?: string; message?: string; details?: ApiErrorDetail[] };
}

export class ApiClient {
  constructor(private readonly connection: ApiConnection) {}

  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.connection.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.connection.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'The dmflow server could not be reached. Check the API URL and your connection.');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = (parsed as ErrorEnvelope | undefined)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? 'error',
        error?.message ?? `Request failed with status ${response.status}`,
        error?.details ?? [],
      );
    }
    return parsed as T;
  }
}
