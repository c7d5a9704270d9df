import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../../config/config';
import { InjectAppConfig } from '../../config/config.module';
import { DomainError } from '../../errors/domain-error';
import { RedisCounters } from '../../redis/redis.module';

/** Why a request was refused, and when to come back. */
export type RateLimitRefusal = DomainError;

function refusal(code: 'too_many_requests' | 'too_many_failed_auth', limit: number, result: RateLimiterRes): DomainError {
  const retryAfter = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
  return new DomainError(
    code,
    code === 'too_many_failed_auth'
      ? `Too many requests with a missing or wrong API key from this address; try again in ${retryAfter} s.`
      : `Too many requests; at most ${limit} per window are allowed. Try again in ${retryAfter} s.`,
    {
      headers: {
        'Retry-After': String(retryAfter),
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Math.ceil((Date.now() + result.msBeforeNext) / 1000)),
      },
    },
  );
}

/**
 * Request rate limits for the public API (rate-limiter-flexible, counters in Redis so every server process shares
 * them; an in-memory limiter per process stands in while Redis is unreachable, so an outage neither opens the
 * gates nor refuses everyone). Per client IP, per API key (by a hash of the presented key, before it is checked),
 * and failed authentications per IP: past that, the IP is refused for the window, even with a valid key.
 */
@Injectable()
export class RequestRateLimits {
  private readonly logger = new Logger(RequestRateLimits.name);
  private readonly perIp: RateLimiterRedis;
  private readonly perKey: RateLimiterRedis;
  private readonly failedAuth: RateLimiterRedis;

  constructor(
    redis: RedisCounters,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'limits'>,
  ) {
    const { perIp, perKey, failedAuthPerIp, windowSeconds } = config.limits.rateLimits;
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: redis.key('rate', name),
        points,
        duration: windowSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration: windowSeconds }),
      });
    this.perIp = limiter('ip', perIp);
    this.perKey = limiter('key', perKey);
    this.failedAuth = limiter('auth-failed', failedAuthPerIp);
  }

  /** Counts one request; the refusal to answer with when a limit is passed, else null. */
  async admit(ip: string, apiKey: string | null): Promise<RateLimitRefusal | null> {
    const { rateLimits } = this.config.limits;
    const failures = await this.read(this.failedAuth, ip);
    if (failures && failures.consumedPoints >= rateLimits.failedAuthPerIp)
      return refusal('too_many_failed_auth', rateLimits.failedAuthPerIp, failures);
    const overIp = await this.consume(this.perIp, ip);
    if (overIp) return refusal('too_many_requests', rateLimits.perIp, overIp);
    if (!apiKey) return null;
    const overKey = await this.consume(this.perKey, createHash('sha256').update(apiKey).digest('hex'));
    return overKey ? refusal('too_many_requests', rateLimits.perKey, overKey) : null;
  }

  /** A request from `ip` was refused for a missing or wrong key (401). */
  async recordFailedAuth(ip: string): Promise<void> {
    await this.consume(this.failedAuth, ip);
  }

  /** The limiter's state once over the limit; null while under it (or when counting failed: a limit never breaks the API). */
  private async consume(limiter: RateLimiterRedis, key: string): Promise<RateLimiterRes | null> {
    try {
      await limiter.consume(key);
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return error;
      this.logger.warn({ msg: 'rate limit not counted', error: (error as Error).message });
      return null;
    }
  }

  private async read(limiter: RateLimiterRedis, key: string): Promise<RateLimiterRes | null> {
    try {
      return await limiter.get(key);
    } catch (error) {
      this.logger.warn({ msg: 'rate limit not read', error: (error as Error).message });
      return null;
    }
  }
}
