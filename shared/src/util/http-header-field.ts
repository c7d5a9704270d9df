import { ValidateBy, type ValidationOptions } from 'class-validator';

/** RFC 9110 `token`: what a header name may hold. */
export const HTTP_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** RFC 9110 field-value characters, as Node's HTTP client accepts them: visible ASCII, space, tab and obs-text (Latin-1). */
const OUTSIDE_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/u;

const RULE = 'a header value is visible ASCII or Latin-1 text, spaces and tabs';

/** Why a header value cannot be sent (Node would throw on it), or undefined when it can. */
export function headerValueProblem(value: string): string | undefined {
  const offending = OUTSIDE_FIELD_VALUE.exec(value)?.[0];
  if (offending === undefined) return undefined;
  const code = offending.codePointAt(0) as number;
  if (code < 0x20 || code === 0x7f)
    return `value holds a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}); ${RULE}`;
  return `value holds "${offending}", which a header cannot carry; ${RULE}`;
}

/** class-validator rule for header values saved by users (webhook extra headers, a flow's HTTP request headers). */
export function IsHttpHeaderValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpHeaderValue',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && headerValueProblem(value) === undefined,
        defaultMessage: (args) => (typeof args?.value === 'string' ? (headerValueProblem(args.value) ?? '') : 'value must be a string'),
      },
    },
    options,
  );
}
