import { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/config';
import { currentRequestId } from './request-context';

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON object per line on stdout, carrying the request id of the request being served. */
export class JsonLogger implements LoggerService {
  constructor(private readonly minimum: LogLevel = 'info') {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (SEVERITY[level] < SEVERITY[this.minimum]) return;
    // Nest passes the context name last, and for errors a stack before it.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, context };
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (args.length === 1 && typeof args[0] === 'string' && level === 'error') entry.stack = args[0];
    const requestId = currentRequestId();
    if (requestId) entry.request_id = requestId;
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  }
}
