import type { ArgumentMetadata } from '@nestjs/common';
import { apiValidationPipe } from '../../core/http/validation.pipe';

const pipe = apiValidationPipe();

/**
 * A tool's arguments checked by the REST route's own DTO, with the same pipe: the same rules, and the same
 * `validation_failed` with field details when they are broken. Fields the tool holds for itself are left out first.
 */
export async function asDto<T extends object>(dto: new () => T, input: Record<string, unknown>): Promise<T> {
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const metadata: ArgumentMetadata = { type: 'body', metatype: dto };
  return (await pipe.transform(defined, metadata)) as T;
}
