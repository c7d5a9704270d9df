import type { NextFunction, Request, Response } from 'express';
import { HttpErrors } from './http.errors';

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * How deep the JSON text nests arrays and objects, scanned byte by byte (no recursion, no parsing): stops as soon as
 * it passes `max`. Brackets inside strings don't count.
 */
export function jsonNestingExceeds(text: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const byte = text[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) depth--;
  }
  return false;
}

/**
 * Refuses JSON bodies nested deeper than `max` (400 json_too_deep) before anything walks them: validation,
 * canonical JSON for idempotency keys and the inbox all recurse, and 20,000 levels of `[` overflowed the stack (500).
 * Runs after the JSON body parser, which keeps the raw bytes (`rawBody: true`).
 */
export function refuseDeepJson(max: number) {
  return (request: Request & { rawBody?: Buffer }, _response: Response, next: NextFunction): void => {
    if (request.rawBody && jsonNestingExceeds(request.rawBody, max)) {
      next(HttpErrors.jsonTooDeep(max));
      return;
    }
    next();
  };
}
