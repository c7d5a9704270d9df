import { flowJsonSchema } from '../flow/flow-json-schema';
import { BLOCK_TYPES } from '../kernel/block-type';
import { blockCatalogueDocument } from './catalogue-document';

describe('blockCatalogueDocument', () => {
  const catalogue = blockCatalogueDocument();

  it('describes every block type as plain JSON: settings with defaults and limits, and exits', () => {
    expect(catalogue.blocks.map((block) => block.type)).toEqual([...BLOCK_TYPES]);
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue);
    const question = catalogue.blocks.find((block) => block.type === 'question')!;
    expect(question.defaults).toMatchObject({ maxAttempts: 3, questionType: 'text' });
    expect(question.fields.find((field) => field.name === 'maxAttempts')).toMatchObject({ kind: 'number', default: 3 });
    expect(question.ports.map((port) => port.id)).toEqual(['answered', 'invalid']);
    expect(catalogue.instagramLimits.quickReplies).toBe(13);
  });

  it('gives list fields the defaults of a new item', () => {
    const condition = catalogue.blocks.find((block) => block.type === 'condition')!;
    const rules = condition.fields.find((field) => field.kind === 'list')!;
    expect(rules.newItem).toEqual(expect.objectContaining({ operator: 'equals' }));
    expect(rules.itemFields?.length).toBeGreaterThan(0);
  });
});

describe('flowJsonSchema', () => {
  it('names every block type and the settings of each', () => {
    const schema = flowJsonSchema() as {
      properties: { nodes: { items: { properties: { type: { enum: string[] } }; allOf: Array<{ then: unknown }> } } };
    };
    const nodes = schema.properties.nodes.items;
    expect(nodes.properties.type.enum).toEqual([...BLOCK_TYPES]);
    expect(JSON.stringify(nodes.allOf[BLOCK_TYPES.indexOf('question')].then)).toContain('"maxAttempts":{"title":"');
  });
});
