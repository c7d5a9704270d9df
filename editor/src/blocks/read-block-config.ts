import { blockDefinition, type BlockConfigs, type BlockType, type FieldDescriptor } from '@dmflow/shared';

/**
 * A block's config as the editor reads it: the config class's shape, except that numbers may be missing, because
 * the inspector clears a number field to nothing and the canvas shows it unset rather than showing a default.
 */
export type FilledConfig<T extends BlockType> = Filled<BlockConfigs[T]>;

type Filled<T> = T extends number
  ? T | undefined
  : T extends readonly (infer Item)[]
    ? Filled<Item>[]
    : T extends object
      ? { [K in keyof T]: Filled<T[K]> }
      : T;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value the defaults do not describe (an optional field) is kept when it is plain data. */
function keepPlain(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string');
  return undefined;
}

function fillList(value: unknown[], field: FieldDescriptor | undefined): unknown[] {
  if (field?.kind === 'string-list' || field?.kind === 'multi-select') return value.filter((item) => typeof item === 'string');
  return value.filter(isRecord).map((item) => fill(item, field?.newItem?.() ?? {}, field?.itemFields ?? []));
}

function fillValue(value: unknown, fallback: unknown, field: FieldDescriptor | undefined): unknown {
  if (typeof fallback === 'number') return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  if (typeof fallback === 'string') return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
  if (typeof fallback === 'boolean') return typeof value === 'boolean' ? value : fallback;
  if (Array.isArray(fallback)) return fillList(Array.isArray(value) ? value : fallback, field);
  if (isRecord(fallback)) return isRecord(value) ? fill(value, fallback, field?.itemFields ?? []) : fallback;
  return keepPlain(value);
}

/** Each field of `defaults` takes the JSON's value when it has the default's kind, else the default. */
function fill(raw: Json, defaults: object, fields: FieldDescriptor[]): Json {
  const filled: Json = {};
  for (const [key, value] of Object.entries(raw)) {
    const plain = keepPlain(value);
    if (plain !== undefined) filled[key] = plain;
  }
  for (const [key, fallback] of Object.entries(defaults)) {
    filled[key] = fillValue(
      raw[key],
      fallback,
      fields.find((field) => field.name === key),
    );
  }
  return filled;
}

/**
 * Block configs arrive as JSON and may be half-filled (a draft is saved unvalidated): the catalogue's defaults
 * fill what is missing or of the wrong kind, so previews read typed fields and a renamed field fails to compile.
 */
export function readBlockConfig<T extends BlockType>(type: T, raw: Json): FilledConfig<T> {
  const definition = blockDefinition(type);
  // The one place JSON becomes a typed config: fill() gives every field of the defaults a value of its kind.
  return fill(raw, definition.defaults(), definition.fields) as FilledConfig<T>;
}
