import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestRateLimits } from './request-rate-limits';

const UNAUTHORIZED = 401;

/** The key a request presents (Bearer or X-API-Key), unchecked: rate limits count it before the guard looks it up. */
function presentedKey(request: Request): string | null {
  const authorization = request.header('authorization');
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer || request.header('x-api-key')?.trim() || null;
}

/**
 * Rate limits in front of the authenticated API (/v1, /api-webhook, /mcp): refuses with 429 and Retry-After past a limit,
 * and counts every 401 the request ends with as a failed authentication from its IP — the guards stay unaware.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  constructor(private readonly limits: RequestRateLimits) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const ip = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const refusal = await this.limits.admit(ip, presentedKey(request));
    if (refusal) {
      next(refusal);
      return;
    }
    response.on('finish', () => {
      if (response.statusCode === UNAUTHORIZED) void this.limits.recordFailedAuth(ip);
    });
    next();
  }
}
