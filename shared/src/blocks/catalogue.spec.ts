import { BLOCKS, blockDefinition } from './index';
import { BLOCK_TYPES } from '../kernel/block-type';
import { validateConfig } from '../kernel/config-validation';

describe('block catalogue', () => {
  it.each(BLOCK_TYPES)('%s is registered under its own type with editor metadata', (type) => {
    const block = BLOCKS[type];
    expect(block.type).toBe(type);
    expect(block.label).not.toBe('');
    expect(block.description.length).toBeGreaterThan(10);
    expect(block.icon).toMatch(/^[a-z-]+$/);
    expect(block.defaults()).toBeInstanceOf(block.configClass);
  });

  it.each(BLOCK_TYPES)('%s defaults are a valid config', (type) => {
    expect(validateConfig(BLOCKS[type], { ...BLOCKS[type].defaults() })).toEqual([]);
  });

  it.each(BLOCK_TYPES)('%s fields name real config properties and ports have unique ids', (type) => {
    const block = blockDefinition(type);
    const defaults = block.defaults() as Record<string, unknown>;
    const probe = new block.configClass() as Record<string, unknown>;
    for (const field of block.fields) {
      expect([
        field.name,
        field.name in defaults ||
          field.name in probe ||
          [
            'mediaId',
            'storyId',
            'payload',
            'ref',
            'publicReply',
            'publicReplyVariants',
            'mediaUrl',
            'minValue',
            'maxValue',
            'pattern',
            'saveAs',
            'body',
          ].includes(field.name),
      ]).toEqual([field.name, true]);
      if (field.visibleWhen) expect(block.fields.map((other) => other.name)).toContain(field.visibleWhen.field);
    }
    const ports = block.ports(block.defaults()).map((port) => port.id);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('only the blocks that end a run (end, start another flow) have no output port', () => {
    const portless = BLOCK_TYPES.filter((type) => blockDefinition(type).ports(blockDefinition(type).defaults()).length === 0);
    expect(portless).toEqual(['start_flow', 'end']);
    expect(BLOCK_TYPES.filter((type) => blockDefinition(type).endsRun)).toEqual(portless);
  });

  it('only question, delay and handover park a run (for time, the contact or a person), and each can wake up', () => {
    expect(BLOCK_TYPES.filter((type) => blockDefinition(type).parksRun)).toEqual(['question', 'delay', 'handover']);
    for (const type of BLOCK_TYPES.filter((type) => blockDefinition(type).parksRun))
      expect([type, typeof blockDefinition(type).onEvent]).toEqual([type, 'function']);
  });

  it('reports config problems with the field path', () => {
    expect(validateConfig(BLOCKS.tag, { action: 'explode', tags: [] })).toEqual(
      expect.arrayContaining([
        { field: 'action', message: expect.stringContaining('action must be one of') },
        { field: 'tags', message: 'name at least one tag' },
      ]),
    );
    expect(validateConfig(BLOCKS.delay, 'soon')).toEqual([{ field: '', message: 'config must be an object' }]);
  });
});
