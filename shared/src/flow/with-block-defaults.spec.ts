import { BLOCKS } from '../blocks';
import { flow } from '../testing/graph-builder';
import { validateFlow } from './validate-flow';
import { withBlockDefaults } from './with-block-defaults';

describe('withBlockDefaults', () => {
  const graph = () =>
    flow()
      .node('t', 'trigger', { source: 'dm_keyword', keywords: ['hi'] })
      .node('q', 'question', { questionType: 'email', variable: 'email' }, ['invalid'])
      .node('x', 'teleport')
      .node('e', 'end')
      .chain('t', 'q')
      .edge('q', 'answered', 'e')
      .build();

  it("fills the settings a block leaves out with the catalogue's defaults, as the editor gives a new block", () => {
    const written = graph();
    written.nodes[1].data.config = { questionType: 'email', variable: 'email', text: 'Your email?' };
    const filled = withBlockDefaults(written).nodes[1].data.config;
    expect(filled).toEqual({
      ...JSON.parse(JSON.stringify(BLOCKS.question.defaults())),
      questionType: 'email',
      variable: 'email',
      text: 'Your email?',
    });
    expect(filled.maxAttempts).toBe(3);
  });

  it('keeps the settings given, even wrong ones (the validator reports them), and leaves unknown blocks alone', () => {
    const written = graph();
    written.nodes[1].data.config = { questionType: 'email', variable: 'email', maxAttempts: 0, text: null };
    const filled = withBlockDefaults(written);
    expect(filled.nodes[1].data.config).toMatchObject({
      maxAttempts: 0,
      text: null,
      invalidMessage: BLOCKS.question.defaults().invalidMessage,
    });
    expect(filled.nodes[2]).toBe(written.nodes[2]);
    expect(validateFlow({ ...filled, nodes: filled.nodes.filter((node) => node.id !== 'x') }).errors.map((p) => p.message)).toEqual([
      'text: the question text is empty',
      'maxAttempts: maxAttempts must not be less than 1',
    ]);
  });

  it('leaves the document it was given untouched', () => {
    const written = graph();
    delete written.nodes[1].data.config.maxAttempts;
    withBlockDefaults(written);
    expect(written.nodes[1].data.config).not.toHaveProperty('maxAttempts');
  });
});
