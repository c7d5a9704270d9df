import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { BlockDefinition } from '../../kernel/block-definition';

export const HANDOVER_ASSIGNMENTS = ['round_robin', 'person', 'nobody'] as const;
export type HandoverAssignment = (typeof HANDOVER_ASSIGNMENTS)[number];
/** The longest pause a block may set (30 days); 0 pauses until a person resumes. */
export const MAX_HANDOVER_PAUSE_MINUTES = 43_200;

export class HandoverConfig {
  @IsIn(HANDOVER_ASSIGNMENTS)
  assignTo: HandoverAssignment;

  /** The team member (user id) for `person`. */
  @ValidateIf((config: HandoverConfig) => config.assignTo === 'person')
  @IsString()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'choose the team member to assign' })
  assigneeUserId: string;

  @IsInt()
  @Min(0)
  @Max(MAX_HANDOVER_PAUSE_MINUTES)
  pauseMinutes: number;

  /** For the team: why the person was handed over (in the webhook and the inbox). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note: string;
}

/**
 * "Hand over to a human": pauses automation for the contact, assigns the conversation and emits the signed
 * `handover_requested` webhook; the run waits here. When a person resumes automation and chooses to continue the flow,
 * the run leaves by `next`; otherwise it ends.
 */
export const handoverBlock: BlockDefinition<HandoverConfig> = {
  type: 'handover',
  label: 'Hand over to a human',
  description: 'Pauses automation for this person and hands the conversation to your team.',
  icon: 'user',
  category: 'flow',
  configClass: HandoverConfig,
  defaults: () => Object.assign(new HandoverConfig(), { assignTo: 'round_robin', assigneeUserId: '', pauseMinutes: 0, note: '' }),
  fields: [
    {
      name: 'assignTo',
      label: 'Assign to',
      kind: 'select',
      options: [
        { value: 'round_robin', label: 'Next teammate in turn' },
        { value: 'person', label: 'A teammate' },
        { value: 'nobody', label: 'Nobody (unassigned)' },
      ],
    },
    { name: 'assigneeUserId', label: 'Teammate (user id)', kind: 'text', visibleWhen: { field: 'assignTo', equals: ['person'] } },
    {
      name: 'pauseMinutes',
      label: 'Pause automation for (minutes)',
      kind: 'number',
      min: 0,
      max: MAX_HANDOVER_PAUSE_MINUTES,
      help: '0 pauses until a teammate resumes it.',
    },
    { name: 'note', label: 'Note for the team', kind: 'textarea', maxLength: 500 },
  ],
  ports: () => [{ id: 'next', label: 'When resumed' }],
  sendsMessage: false,
  parksRun: true,
  enter: ({ config }) => ({
    effects: [
      {
        type: 'hand_over',
        assignTo: config.assignTo,
        assigneeUserId: config.assignTo === 'person' ? config.assigneeUserId : null,
        pauseMinutes: config.pauseMinutes,
        note: config.note ?? '',
      },
    ],
  }),
  onEvent: ({ event }) => (event.type === 'automation.resumed' ? { next: 'next' } : {}),
};
