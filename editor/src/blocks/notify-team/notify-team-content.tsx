import { notifyTeamSummary } from '@dmflow/shared';
import { type BlockContentProps, Preview } from '../block-content-parts';

export function NotifyTeamContent({ config }: BlockContentProps<'notify_team'>) {
  return (
    <>
      <Preview empty="Write the message for the team">{config.message ? `“${config.message}”` : ''}</Preview>
      <p className="block-preview">{notifyTeamSummary(config)}</p>
    </>
  );
}
