import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { newRequestId, runWithRequestId } from './request-context';

const INCOMING_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Gives every request an id (or keeps a sane incoming X-Request-Id), echoes it, and logs the outcome. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  private readonly logger = new Logger('http');

  use(request: Request, response: Response, next: NextFunction): void {
    const incoming = request.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : newRequestId();
    response.setHeader('X-Request-Id', requestId);
    (request as Request & { requestId: string }).requestId = requestId;
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      runWithRequestId(requestId, () =>
        this.logger.log({
          msg: 'request',
          method: request.method,
          path: request.originalUrl.split('?')[0],
          status: response.statusCode,
          duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
        }),
      );
    });
    runWithRequestId(requestId, next);
  }
}
