import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { BlockDefinition } from './block-definition';

export interface ConfigProblem {
  /** Dotted path of the field, e.g. `buttons.1.title`; empty for the whole config. */
  field: string;
  message: string;
  /** The field is absent (or null) though the block needs it: one problem, not one per constraint it fails. */
  missing?: true;
}

/** class-validator's nested errors as flat problems with dotted paths. */
export function validationProblems(errors: ValidationError[], parent = ''): ConfigProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // Optional fields are skipped by class-validator when absent, so an absent field with constraints is a required
    // one: one problem, in the block's own words when it has some (its default messages start with the field's name).
    if ((error.value === undefined || error.value === null) && error.constraints) {
      const authored = Object.values(error.constraints).find((message) => !message.startsWith(`${error.property} `));
      return [authored ? { field, message: authored } : { field, message: 'is required', missing: true as const }];
    }
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationProblems(error.children ?? [], field)];
  });
}

/** Instantiates a plain config (from JSON) as the block's config class, so steps get the typed object. */
export function toConfig<TConfig extends object>(definition: BlockDefinition<TConfig>, plain: unknown): TConfig {
  const source = plain !== null && typeof plain === 'object' ? plain : {};
  return plainToInstance(definition.configClass, source);
}

/** Every problem of a node's config: class-validator constraints, then the block's cross-field checks. */
export function validateConfig<TConfig extends object>(definition: BlockDefinition<TConfig>, plain: unknown): ConfigProblem[] {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) return [{ field: '', message: 'config must be an object' }];
  const config = toConfig(definition, plain);
  const problems = validationProblems(validateSync(config, { forbidUnknownValues: false }));
  if (problems.length) return problems;
  return (definition.check?.(config) ?? []).map((text) => {
    const colon = text.indexOf(': ');
    return colon > 0 && !text.slice(0, colon).includes(' ')
      ? { field: text.slice(0, colon), message: text.slice(colon + 2) }
      : { field: '', message: text };
  });
}
