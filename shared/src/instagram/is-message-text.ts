import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { INSTAGRAM_LIMITS } from './outgoing-message';
import { utf8ByteLength } from './utf8-text';

/** A message text: at most Instagram's 1,000 bytes of UTF-8 (Meta counts bytes, not characters). */
export function IsMessageText(options?: ValidationOptions): PropertyDecorator {
  const max = INSTAGRAM_LIMITS.textBytes;
  return ValidateBy(
    {
      name: 'isMessageText',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && utf8ByteLength(value) <= max,
        defaultMessage: buildMessage((eachPrefix) => `${eachPrefix}$property must be at most $constraint1 bytes (UTF-8)`, options),
      },
    },
    options,
  );
}
