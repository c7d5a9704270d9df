import type { BlockDefinition, FieldDescriptor } from '../kernel/block-definition';
import { BLOCK_TYPES, type BlockType } from '../kernel/block-type';
import { toConfig } from '../kernel/config-validation';
import { INSTAGRAM_LIMITS } from '../instagram/outgoing-message';
import { BLOCKS } from './index';

/** A field as plain data: what the inspector shows, with the item defaults a list starts new items from. */
export interface FieldDocument extends Omit<FieldDescriptor, 'newItem' | 'itemFields'> {
  default?: unknown;
  itemFields?: FieldDocument[];
  newItem?: Record<string, unknown>;
}

export interface BlockDocument {
  type: BlockType;
  label: string;
  description: string;
  category: string;
  sendsMessage: boolean;
  /** Every setting's value when a draft leaves it out. */
  defaults: Record<string, unknown>;
  fields: FieldDocument[];
  /** The exits (edge `sourceHandle`s) of a block with the default settings. */
  ports: { id: string; label: string }[];
}

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function fieldDocument(field: FieldDescriptor, defaults: Record<string, unknown>): FieldDocument {
  const { newItem, itemFields, ...rest } = field;
  return {
    ...rest,
    ...(field.name in defaults ? { default: defaults[field.name] } : {}),
    ...(itemFields ? { itemFields: itemFields.map((item) => fieldDocument(item, {})) } : {}),
    ...(newItem ? { newItem: plain(newItem()) } : {}),
  };
}

function blockDocument(type: BlockType): BlockDocument {
  const definition: BlockDefinition = BLOCKS[type];
  const defaults = plain(definition.defaults()) as Record<string, unknown>;
  return {
    type,
    label: definition.label,
    description: definition.description,
    category: definition.category,
    sendsMessage: definition.sendsMessage,
    defaults,
    fields: definition.fields.map((field) => fieldDocument(field, defaults)),
    ports: definition.ports(toConfig(definition, defaults)).map(({ id, label }) => ({ id, label })),
  };
}

/**
 * The block catalogue as one JSON document, for authors that are programs (an assistant over MCP): each block's
 * settings, their defaults and limits, and its exits; and Instagram's message limits every send must respect.
 */
export function blockCatalogueDocument() {
  return {
    blocks: BLOCK_TYPES.map(blockDocument),
    instagramLimits: { ...INSTAGRAM_LIMITS },
    notes: [
      'A node is {id, type, position: {x, y}, data: {config, title?, terminalPorts?}}; an edge is {id, source, sourceHandle, target}.',
      "Settings left out of a node's config take the block's defaults when the draft is saved.",
      "Every exit (port) must be connected to a block or listed in the node's data.terminalPorts (taking it ends the run).",
      'Some exits depend on the settings: a choice question has one exit per choice, "choice:<choice id>"; a randomizer one per variant.',
      'Texts marked templated accept {{variable}} placeholders, e.g. {{contact.username}} or a variable a question saved.',
    ],
  };
}
