import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/config';
import { InjectAppConfig } from '../config/config.module';
import { checkOperatorToken } from './operator-token';

/**
 * Who may open the operator pages (/admin/queues). Throws a DomainError to refuse. The seam for people and roles:
 * provide another implementation under ADMIN_ACCESS (e.g. "a signed-in owner or admin, or the token") in
 * AdminAccessModule, and every admin page follows.
 */
export interface AdminAccessPolicy {
  check(request: Request): Promise<void>;
}

export const ADMIN_ACCESS = 'AdminAccessPolicy';

/** Today's policy: ADMIN_TOKEN as a bearer token, or as the password of basic auth (so a browser can prompt for it). */
@Injectable()
export class AdminTokenAccess implements AdminAccessPolicy {
  constructor(@InjectAppConfig() private readonly config: Pick<AppConfig, 'adminToken'>) {}

  check(request: Request): Promise<void> {
    checkOperatorToken(request.header('authorization'), this.config.adminToken, 'ADMIN_TOKEN');
    return Promise.resolve();
  }
}

/** Express middleware in front of an admin page; a refusal asks the browser for credentials and answers the error envelope. */
export function adminOnly(policy: AdminAccessPolicy): (request: Request, response: Response, next: NextFunction) => Promise<void> {
  return async (request, response, next) => {
    try {
      await policy.check(request);
    } catch (error) {
      response.setHeader('WWW-Authenticate', 'Basic realm="dmflow admin", charset="UTF-8"');
      throw error;
    }
    next();
  };
}
