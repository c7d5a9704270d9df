import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from '../errors/domain-error';
import { HttpErrors } from './http.errors';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** DTO validation for the /v1 API: unknown fields are refused, and every field problem is listed in `details`. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => HttpErrors.validationFailed(flatten(errors)),
  });
}
