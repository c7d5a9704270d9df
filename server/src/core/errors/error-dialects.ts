import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';

export type ErrorRequest = Request & { requestId?: string };

/** Writes a failure in a route's own body format instead of the /v1 envelope. */
export type ErrorDialect = (exception: unknown, request: ErrorRequest, response: Response) => void;

/**
 * Routes that answer errors in their own format register it here from their own module, so the global filter
 * can honour them without importing any module (core/ never depends on modules/).
 */
@Injectable()
export class ErrorDialects {
  private readonly byPath = new Map<string, ErrorDialect>();

  /** `path` is matched exactly against Express's `request.path`, as the global filter always did. */
  register(path: string, dialect: ErrorDialect): void {
    this.byPath.set(path, dialect);
  }

  forPath(path: string | undefined): ErrorDialect | undefined {
    return path === undefined ? undefined : this.byPath.get(path);
  }
}
