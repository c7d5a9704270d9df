import { loadAbuseLimits, type AbuseLimits } from './abuse-limits';
/** Names of the environment variables that code outside this file mentions (in error messages): one place to rename them. */
export const ENV = {
  webhooksAllowPrivateUrls: 'WEBHOOKS_ALLOW_PRIVATE_URLS',
  flowsAllowPrivateUrls: 'FLOWS_ALLOW_PRIVATE_URLS',
  metaVerifyToken: 'META_VERIFY_TOKEN',
  metaAppSecret: 'META_APP_SECRET',
  metaAppId: 'META_APP_ID',
  metaOauthRedirectUrl: 'META_OAUTH_REDIRECT_URL',
} as const;

export type ProcessRole = 'all' | 'api' | 'worker';

export interface AppConfig {
  port: number;
  databaseUrl: string;
  /** DATABASE_PREPARED_STATEMENTS: false behind a transaction-mode pooler that cannot keep prepared statements. */
  databasePreparedStatements: boolean;
  redisUrl: string;
  metaAppSecret: string;
  metaVerifyToken: string | null;
  metaGraphUrl: string;
  encryptionKey: Buffer;
  role: ProcessRole;
  queuePrefix: string;
  logLevel: LogLevel;
  editorDist: string | null;
  bodyLimitBytes: number;
  webhooks: WebhookDeliveryConfig;
  /** A flow's HTTP request block may call private, loopback and link-local addresses (self-hosted CRMs, tests). */
  flowsAllowPrivateUrls: boolean;
  /** Finished inbox events, webhook deliveries and events, and sent-message records are deleted after this many days. */
  retentionDays: number;
  /** Compiled flow versions kept in memory per process, bounded by their estimated size (FLOW_CACHE_MAX_BYTES, default 64mb). */
  flowCacheMaxBytes: number;
  /** How long a send in doubt is reconciled with Meta (asked again) before its run stops `in_doubt` for a person. */
  sendsReconcileDeadlineMs: number;
  limits: AbuseLimits;
  instagramLogin: InstagramLoginConfig;
  /** NODE_ENV=development: human-readable logs on a terminal (JSON otherwise). */
  development: boolean;
  metrics: MetricsConfig;
  /** Bearer (or basic-auth password) that opens the operator pages (/admin/queues); null: they refuse everyone. */
  adminToken: string | null;
  sessions: SessionConfig;
  ai: AiCallConfig;
  /** Where the "Notify the team" block's emails go out; null (SMTP_URL unset): emails are skipped and logged. */
  smtp: SmtpConfig | null;
}

export interface SmtpConfig {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 (TLS from the start). */
  url: string;
  /** The From header, e.g. `dmflow <notifications@example.com>`. */
  from: string;
}

/** How calls to a workspace's AI model (an OpenAI-compatible chat-completions endpoint) are made. */
export interface AiCallConfig {
  /** One call gives up after this long (then it is retried, like a 5xx). */
  timeoutMs: number;
  /** Calls per AI step, first one included, before the block takes its error exit. */
  maxAttempts: number;
  /** The longest wait between attempts, whatever a 429's Retry-After asks. */
  maxRetryDelayMs: number;
}

export interface MetricsConfig {
  /** Bearer token that opens /metrics on the API port; null: /metrics on the API port refuses everyone. */
  token: string | null;
  /** A separate port serving /metrics without a token (keep it off the public network); null: none. */
  port: number | null;
}

/** Business Login for Instagram ("Connect Instagram") and the upkeep of the tokens it brings. */
export interface InstagramLoginConfig {
  /** META_APP_ID, the Instagram app id (OAuth client_id); null = connecting through Instagram is off. */
  appId: string | null;
  /** META_OAUTH_REDIRECT_URL: this server's /instagram/oauth/callback as Instagram reaches it; null = off. */
  redirectUrl: string | null;
  /** Instagram's authorize page (www.instagram.com/oauth/authorize, or the sandbox's). */
  authorizeUrl: string;
  /** The code exchange (api.instagram.com/oauth/access_token, or the sandbox's). */
  tokenUrl: string;
  /** A token is refreshed once it expires within this many days. */
  refreshBeforeDays: number;
  /** How often the refresh job looks for tokens to refresh. */
  refreshIntervalMs: number;
}

export interface SessionConfig {
  /** A session ends this long after sign-in, or earlier when signed out or revoked. */
  ttlHours: number;
  /** `auto`: the cookie is Secure when the request came over https (with TRUST_PROXY, as X-Forwarded-Proto says). */
  cookieSecure: 'auto' | 'always' | 'never';
}

export interface WebhookDeliveryConfig {
  /** Self-hosted and test installs may post to private, loopback and link-local addresses. */
  allowPrivateUrls: boolean;
  /** First retry delay; each later one doubles (with jitter) up to maxRetryDelayMs. */
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  /** After this long since the first attempt, a delivery is given up. */
  retryWindowMs: number;
  pollIntervalMs: number;
  concurrency: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One line, naming the variable: printed as-is by main.ts before exiting. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, 'is not set');
  return value;
}

function urlWithProtocol(env: Env, name: string, protocols: string[], example: string): string {
  const value = required(env, name);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected e.g. ${example})`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')} (expected e.g. ${example})`);
  }
  if (!parsed.hostname) throw new ConfigError(name, `has no host (expected e.g. ${example})`);
  return value;
}

function port(env: Env, name: string): number {
  const value = required(env, name);
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 65535) {
    throw new ConfigError(name, `must be a whole number from 1 to 65535 (got "${value}")`);
  }
  return parsed;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function byteSize(env: Env, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value);
  if (!match) throw new ConfigError(name, `must be a size like 512kb or 1mb (got "${value}")`);
  const unit = (match[2] ?? 'b').toLowerCase();
  return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

function positiveInteger(env: Env, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ConfigError(name, `must be a whole number above 0 (got "${value}")`);
  return Number(value);
}

/** A shared secret an operator sends: long enough not to be guessed. */
function operatorToken(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  if (!value) return null;
  if (value.length < 16) throw new ConfigError(name, 'must be at least 16 characters (generate with `openssl rand -hex 24`)');
  return value;
}

function optionalPort(env: Env, name: string): number | null {
  return env[name]?.trim() ? port(env, name) : null;
}

function optionalUrl(env: Env, name: string, fallback: string): string {
  return env[name]?.trim() ? urlWithProtocol(env, name, ['http:', 'https:'], fallback) : fallback;
}

function smtp(env: Env): SmtpConfig | null {
  const from = env.SMTP_FROM?.trim();
  if (!env.SMTP_URL?.trim()) return null;
  const url = urlWithProtocol(env, 'SMTP_URL', ['smtp:', 'smtps:'], 'smtp://user:password@mail.example.com:587');
  return { url, from: from || `dmflow <notifications@${new URL(url).hostname}>` };
}

function instagramLogin(env: Env): InstagramLoginConfig {
  return {
    appId: env.META_APP_ID?.trim() || null,
    redirectUrl: env.META_OAUTH_REDIRECT_URL?.trim()
      ? urlWithProtocol(env, 'META_OAUTH_REDIRECT_URL', ['http:', 'https:'], 'https://dmflow.example.com/instagram/oauth/callback')
      : null,
    authorizeUrl: optionalUrl(env, 'META_OAUTH_AUTHORIZE_URL', 'https://www.instagram.com/oauth/authorize'),
    tokenUrl: optionalUrl(env, 'META_OAUTH_TOKEN_URL', 'https://api.instagram.com/oauth/access_token'),
    refreshBeforeDays: positiveInteger(env, 'INSTAGRAM_TOKEN_REFRESH_DAYS', 10),
    refreshIntervalMs: positiveInteger(env, 'INSTAGRAM_TOKEN_REFRESH_INTERVAL_MS', 60 * 60 * 1000),
  };
}

function flag(env: Env, name: string): boolean {
  return oneOf(env, name, ['true', 'false'] as const, 'false') === 'true';
}

/** Meta redelivers a webhook for up to 36 hours: the inbox must remember an event longer than that to drop it. */
const MIN_RETENTION_DAYS = 2;

function retentionDays(env: Env): number {
  const days = positiveInteger(env, 'RETENTION_DAYS', 30);
  if (days < MIN_RETENTION_DAYS)
    throw new ConfigError(
      'RETENTION_DAYS',
      `must be at least ${MIN_RETENTION_DAYS} (Meta redelivers webhooks for up to 36 hours; got "${days}")`,
    );
  return days;
}

const THREE_DAYS_MS = 3 * 24 * 60 * 60 * 1000;

/** The settings without a default. A command names the ones it uses: the server needs all, the CLI only Postgres and the key. */
export const REQUIRED_SETTINGS = ['PORT', 'DATABASE_URL', 'REDIS_URL', 'META_APP_SECRET', 'ENCRYPTION_KEY'] as const;

export type RequiredSetting = (typeof REQUIRED_SETTINGS)[number];

export interface LoadConfigOptions {
  /** Validated now (a bad value stops the command at once); the others only if and when something reads them. */
  need?: readonly RequiredSetting[];
}

/** A needed setting is read now; another on first use, so a command that never touches it never needs it set. */
function setting<T>(needed: boolean, read: () => T): () => T {
  if (needed) {
    const value = read();
    return () => value;
  }
  let cached: { value: T } | undefined;
  return () => (cached ??= { value: read() }).value;
}

function encryptionKey(env: Env): Buffer {
  const hex = required(env, 'ENCRYPTION_KEY');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ConfigError('ENCRYPTION_KEY', 'must be 64 hex characters (32 bytes; generate with `openssl rand -hex 32`)');
  }
  return Buffer.from(hex, 'hex');
}

function metaAppSecret(env: Env): string {
  const secret = required(env, 'META_APP_SECRET');
  if (secret.length < 8) throw new ConfigError('META_APP_SECRET', 'must be at least 8 characters');
  return secret;
}

export function loadConfig(env: Env = process.env, { need = REQUIRED_SETTINGS }: LoadConfigOptions = {}): AppConfig {
  const needs = new Set<RequiredSetting>(need);
  const key = setting(needs.has('ENCRYPTION_KEY'), () => encryptionKey(env));
  const secret = setting(needs.has('META_APP_SECRET'), () => metaAppSecret(env));
  const listenPort = setting(needs.has('PORT'), () => port(env, 'PORT'));
  const databaseUrl = setting(needs.has('DATABASE_URL'), () =>
    urlWithProtocol(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://user:pass@localhost:5432/dmflow'),
  );
  const redisUrl = setting(needs.has('REDIS_URL'), () =>
    urlWithProtocol(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://localhost:6379'),
  );

  return {
    get port() {
      return listenPort();
    },
    get databaseUrl() {
      return databaseUrl();
    },
    get redisUrl() {
      return redisUrl();
    },
    get metaAppSecret() {
      return secret();
    },
    databasePreparedStatements: oneOf(env, 'DATABASE_PREPARED_STATEMENTS', ['true', 'false'] as const, 'true') === 'true',
    metaVerifyToken: env.META_VERIFY_TOKEN?.trim() || null,
    metaGraphUrl: optionalUrl(env, 'META_GRAPH_URL', 'https://graph.instagram.com/v25.0'),
    get encryptionKey() {
      return key();
    },
    role: oneOf(env, 'ROLE', ['all', 'api', 'worker'] as const, 'all'),
    queuePrefix: env.QUEUE_PREFIX?.trim() || 'dmflow',
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    editorDist: env.EDITOR_DIST?.trim() || null,
    bodyLimitBytes: byteSize(env, 'BODY_LIMIT', 1024 * 1024),
    webhooks: {
      allowPrivateUrls: flag(env, 'WEBHOOKS_ALLOW_PRIVATE_URLS'),
      retryBaseDelayMs: positiveInteger(env, 'WEBHOOKS_RETRY_BASE_DELAY_MS', 30_000),
      maxRetryDelayMs: positiveInteger(env, 'WEBHOOKS_MAX_RETRY_DELAY_MS', 4 * 60 * 60 * 1000),
      retryWindowMs: positiveInteger(env, 'WEBHOOKS_RETRY_WINDOW_MS', THREE_DAYS_MS),
      pollIntervalMs: positiveInteger(env, 'WEBHOOKS_POLL_INTERVAL_MS', 500),
      concurrency: positiveInteger(env, 'WEBHOOKS_CONCURRENCY', 16),
    },
    flowsAllowPrivateUrls: flag(env, 'FLOWS_ALLOW_PRIVATE_URLS'),
    ai: {
      timeoutMs: positiveInteger(env, 'AI_TIMEOUT_MS', 30_000),
      maxAttempts: positiveInteger(env, 'AI_MAX_ATTEMPTS', 4),
      maxRetryDelayMs: positiveInteger(env, 'AI_MAX_RETRY_DELAY_MS', 20_000),
    },
    retentionDays: retentionDays(env),
    development: env.NODE_ENV?.trim() === 'development',
    metrics: { token: operatorToken(env, 'METRICS_TOKEN'), port: optionalPort(env, 'METRICS_PORT') },
    adminToken: operatorToken(env, 'ADMIN_TOKEN'),
    instagramLogin: instagramLogin(env),
    limits: loadAbuseLimits((name, fallback) => positiveInteger(env, name, fallback), env),
    sendsReconcileDeadlineMs: positiveInteger(env, 'SENDS_RECONCILE_DEADLINE_MS', 60 * 60 * 1000),
    flowCacheMaxBytes: byteSize(env, 'FLOW_CACHE_MAX_BYTES', 64 * 1024 * 1024),
    smtp: smtp(env),
    sessions: {
      ttlHours: positiveInteger(env, 'SESSION_TTL_HOURS', 14 * 24),
      cookieSecure: oneOf(env, 'COOKIE_SECURE', ['auto', 'always', 'never'] as const, 'auto'),
    },
  };
}
