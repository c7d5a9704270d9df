import { validateConfig } from '../../kernel/config-validation';
import { enter, runContext } from '../../testing/run-context.fixture';
import { moderateCommentBlock } from './moderate-comment.block';

describe('moderate comment block', () => {
  it.each(['hide', 'unhide', 'delete'] as const)('%s acts on the comment that started the run', (action) => {
    expect(
      enter(
        moderateCommentBlock,
        { action },
        runContext({}, { trigger: { kind: 'comment', commentId: '17900000000000001', text: 'spam' } }),
      ),
    ).toEqual({
      next: 'next',
      effects: [{ type: 'moderate_comment', commentId: '17900000000000001', action }],
    });
  });

  it('passes on without a call when no comment started the run', () => {
    expect(enter(moderateCommentBlock, { action: 'hide' }, runContext())).toEqual({ next: 'next' });
  });

  it('refuses an unknown action', () => {
    expect(validateConfig(moderateCommentBlock, { action: 'ban' })).not.toEqual([]);
  });
});
