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

export interface ApiClientOptions {
  /** Called when the server says the session is gone (401), so the editor can show the sign-in page. */
  onSignedOut?: () => void;
}

/**
 * The editor's calls to the server that serves it: same origin, authenticated by the session cookie the browser
 * sends by itself. The editor never holds an API key.
 */
export class ApiClient {
  /** The session's CSRF token, sent as X-CSRF-Token on every write (the session cookie itself is HttpOnly). */
  private csrfToken: string | null = null;

  constructor(private readonly options: ApiClientOptions = {}) {}

  /** Kept in memory only: a reload asks the server again (GET /v1/auth/session). */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const csrfToken = method === 'GET' ? null : this.csrfToken;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: {
          ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'The dmflow server could not be reached. Check your connection.');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = (parsed as ErrorEnvelope | undefined)?.error;
      if (response.status === 401) this.options.onSignedOut?.();
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
