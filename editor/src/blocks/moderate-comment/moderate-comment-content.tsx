import { moderationLabel } from '@dmflow/shared';
import { type BlockContentProps, Preview } from '../block-content-parts';

export function ModerateCommentContent({ config }: BlockContentProps<'moderate_comment'>) {
  return <Preview empty="Choose what to do with the comment">{moderationLabel(config.action)}</Preview>;
}
