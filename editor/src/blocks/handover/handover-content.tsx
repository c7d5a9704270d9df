import { type BlockContentProps, Preview } from '../block-content-parts';

const ASSIGNED: Record<string, string> = { round_robin: 'next teammate in turn', person: 'a teammate', nobody: 'nobody' };

export function HandoverContent({ config }: BlockContentProps<'handover'>) {
  const pause = config.pauseMinutes ? `for ${config.pauseMinutes} min` : 'until resumed';
  return <Preview empty="Choose who takes over">{config.assignTo ? `Pause ${pause}, assign to ${ASSIGNED[config.assignTo]}` : ''}</Preview>;
}
