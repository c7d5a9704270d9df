import { BLOCKS } from '../blocks';
import type { FieldDescriptor } from '../kernel/block-definition';
import { BLOCK_TYPES } from '../kernel/block-type';
import { FLOW_SCHEMA_VERSION } from './flow-graph';

type JsonSchema = Record<string, unknown>;

function fieldSchema(field: FieldDescriptor): JsonSchema {
  const described = { title: field.label, ...(field.help ? { description: field.help } : {}) };
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'post':
      return { ...described, type: 'string', ...(field.maxLength ? { maxLength: field.maxLength } : {}) };
    case 'number':
      return {
        ...described,
        type: 'number',
        ...(field.min !== undefined ? { minimum: field.min } : {}),
        ...(field.max !== undefined ? { maximum: field.max } : {}),
      };
    case 'boolean':
      return { ...described, type: 'boolean' };
    case 'select':
      return { ...described, enum: (field.options ?? []).map((option) => option.value) };
    case 'multi-select':
      return { ...described, type: 'array', uniqueItems: true, items: { enum: (field.options ?? []).map((option) => option.value) } };
    case 'string-list':
      return { ...described, type: 'array', items: { type: 'string' }, ...(field.maxItems ? { maxItems: field.maxItems } : {}) };
    case 'list':
    case 'key-value-list':
      return {
        ...described,
        type: 'array',
        items: objectSchema(field.itemFields ?? []),
        ...(field.maxItems ? { maxItems: field.maxItems } : {}),
      };
    default:
      return described;
  }
}

function objectSchema(fields: FieldDescriptor[]): JsonSchema {
  return { type: 'object', properties: Object.fromEntries(fields.map((field) => [field.name, fieldSchema(field)])) };
}

/**
 * The JSON Schema (2020-12) of a flow document: its shape, and per block type the settings its config takes. The
 * validator (validateFlow) has the last word: connections, reachability and cross-field rules are beyond a schema.
 */
export function flowJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'dmflow flow document',
    type: 'object',
    required: ['nodes', 'edges'],
    properties: {
      schemaVersion: { const: FLOW_SCHEMA_VERSION },
      nodes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'type', 'position', 'data'],
          properties: {
            id: { type: 'string', description: 'unique in the flow' },
            type: { enum: [...BLOCK_TYPES] },
            position: { type: 'object', required: ['x', 'y'], properties: { x: { type: 'number' }, y: { type: 'number' } } },
            data: {
              type: 'object',
              required: ['config'],
              properties: {
                config: { type: 'object' },
                title: { type: 'string', description: 'the name the author gives the block' },
                terminalPorts: {
                  type: 'array',
                  items: { type: 'string' },
                  description: 'exits left unconnected on purpose: they end the run',
                },
              },
            },
          },
          allOf: BLOCK_TYPES.map((type) => ({
            if: { properties: { type: { const: type } } },
            then: { properties: { data: { properties: { config: objectSchema(BLOCKS[type].fields) } } } },
          })),
        },
      },
      edges: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'source', 'sourceHandle', 'target'],
          properties: {
            id: { type: 'string' },
            source: { type: 'string', description: 'the node the edge leaves' },
            sourceHandle: { type: 'string', description: "the exit (port id) of the source node, e.g. 'next' or 'answered'" },
            target: { type: 'string', description: 'the node the edge leads to' },
          },
        },
      },
    },
  };
}
