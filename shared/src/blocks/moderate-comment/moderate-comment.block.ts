import { IsIn } from 'class-validator';
import type { BlockDefinition } from '../../kernel/block-definition';

/** What Instagram lets the owner of a post do with a comment on it (reference/meta-instagram-api.md §3). */
export const COMMENT_MODERATIONS = ['hide', 'unhide', 'delete'] as const;
export type CommentModeration = (typeof COMMENT_MODERATIONS)[number];

export class ModerateCommentConfig {
  @IsIn(COMMENT_MODERATIONS)
  action: CommentModeration;
}

const ACTION_LABELS: Record<CommentModeration, string> = {
  hide: 'Hide the comment',
  unhide: 'Unhide the comment',
  delete: 'Delete the comment',
};

export function moderationLabel(action: CommentModeration): string {
  return ACTION_LABELS[action];
}

/**
 * Hides, unhides or deletes the comment that started the run (a comment, live comment or mention trigger). A run
 * started any other way has no comment: the block passes on without a call.
 */
export const moderateCommentBlock: BlockDefinition<ModerateCommentConfig> = {
  type: 'moderate_comment',
  label: 'Moderate comment',
  description: 'Hides, unhides or deletes the comment that started the flow (e.g. auto-hide comments containing a word).',
  icon: 'shield',
  category: 'messaging',
  configClass: ModerateCommentConfig,
  defaults: () => Object.assign(new ModerateCommentConfig(), { action: 'hide' } satisfies ModerateCommentConfig),
  fields: [
    {
      name: 'action',
      label: 'Action',
      kind: 'select',
      help: 'Applies to the comment that started the flow. Hidden comments stay visible to their author.',
      options: COMMENT_MODERATIONS.map((value) => ({ value, label: ACTION_LABELS[value] })),
    },
  ],
  ports: () => [{ id: 'next', label: 'Next' }],
  sendsMessage: false,
  enter: ({ config, context }) => {
    const commentId = context.trigger.commentId;
    return commentId ? { next: 'next', effects: [{ type: 'moderate_comment', commentId, action: config.action }] } : { next: 'next' };
  },
};
