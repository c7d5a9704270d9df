import type { EffectDraft } from './effects';
import type { RunEvent } from './run-events';
import type { NodeState, RunContext, VariableValue } from './run-context';
import type { BlockType } from './block-type';

export type BlockCategory = 'trigger' | 'messaging' | 'input' | 'logic' | 'contact' | 'integration' | 'flow';

/** What leaving an input block by a port says about the contact's answer (analytics count answer rates from it). */
export type AnswerOutcome = 'answered' | 'skipped' | 'invalid' | 'timed_out';

export interface PortDefinition {
  /** The edge `sourceHandle`. Stable across edits of unrelated settings. */
  id: string;
  label: string;
  /** For blocks that await the contact's input: the answer outcome this port stands for. */
  answer?: AnswerOutcome;
}

/** How a generated inspector form renders one config field. */
/**
 * `post`: an Instagram media id, chosen in the editor's post picker (thumbnails and captions).
 * `ref-link`: an ig.me link's `ref`; the editor shows the whole link and its QR code to copy.
 * `multi-select`: some of `options` (checkboxes); the config holds the chosen values (numbers stay numbers).
 * `flow`: another flow's id, chosen in the editor's flow picker (by name).
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'boolean'
  | 'select'
  | 'multi-select'
  | 'string-list'
  | 'list'
  | 'key-value-list'
  | 'post'
  | 'ref-link'
  | 'flow';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldDescriptor {
  /** Property of the config object. */
  name: string;
  label: string;
  kind: FieldKind;
  help?: string;
  placeholder?: string;
  options?: FieldOption[];
  min?: number;
  max?: number;
  maxLength?: number;
  /** For `list`: the fields of each item, and the item's defaults when the user adds one. */
  itemFields?: FieldDescriptor[];
  newItem?: () => Record<string, unknown>;
  maxItems?: number;
  /** Shown only when another field of the same object has one of these values. */
  visibleWhen?: { field: string; equals: readonly (string | boolean | number)[] };
  /** Text fields that accept `{{variable}}` placeholders. */
  templated?: boolean;
  /** For `string-list` of single words or short phrases (keywords, tags): a typed comma also ends an entry. Sentences keep their commas. */
  commaSeparated?: boolean;
  /** For `number` fields holding seconds: the editor shows minutes, hours or days. */
  durationInSeconds?: boolean;
}

/** What one step of a block decides. `next` = the port to follow; without it the run waits at the node. */
export interface StepResult {
  next?: string;
  effects?: EffectDraft[];
  variables?: Record<string, VariableValue>;
  addTags?: string[];
  removeTags?: string[];
  /** Merged into the node's bookkeeping (attempts, pending effect…). */
  node?: Partial<NodeState>;
}

export interface StepInput<TConfig> {
  config: TConfig;
  context: RunContext;
  nodeId: string;
}

/**
 * What a block means for Instagram's messaging windows (24 hours after the contact writes, 7 days for a comment's
 * private reply), so the flow validator can warn without knowing block types. Every member is optional.
 */
export interface MessagingWindowHook<TConfig> {
  /** Silence (ms since the contact last wrote) after leaving by `port`, given the silence on entry. Omitted: unchanged. */
  silenceAfter?(config: TConfig, port: string, entryMs: number): number;
  /** Whether leaving by `port` means the contact wrote to us, which ends the wait after a private reply. */
  answeredBy?(port: string): boolean;
  /** Whether the message gives the person an obvious way to answer (a question, buttons, quick replies). */
  invitesAnswer?(config: TConfig): boolean;
  /** Whether the run's first send goes out as a comment's private reply (triggers on comments). */
  startsWithPrivateReply?(config: TConfig): boolean;
}

export interface BlockDefinition<TConfig extends object = object> {
  type: BlockType;
  label: string;
  description: string;
  /** Key into the editor's icon set. */
  icon: string;
  category: BlockCategory;
  /** class-validator-decorated class; plain configs are validated by transforming into it. */
  configClass: new () => TConfig;
  defaults(): TConfig;
  fields: FieldDescriptor[];
  /** Output ports; may depend on the config (question choices, randomizer variants). */
  ports(config: TConfig): PortDefinition[];
  /** Whether the block sends a DM (so it must respect the messaging window). */
  sendsMessage: boolean;
  /** How the block moves Instagram's messaging window; omitted for blocks that neither wait nor send. */
  messagingWindow?: MessagingWindowHook<TConfig>;
  /**
   * Whether a run waits here for time to pass or for the contact (a delay, a question), not just for an effect's
   * answer: every loop must go through such a block, or a run would go round it for ever.
   */
  parksRun?: boolean;
  /**
   * Whether a run parked here takes the contact's next message or tap as its input (a question's answer, a message
   * whose buttons branch); may depend on the config.
   */
  awaitsContactInput?(config: TConfig): boolean;
  /** Whether entering the block ends the run (the `end` block, a hand-over to another flow): it has no ports. */
  endsRun?: boolean;
  /** Runs when the run enters the node. */
  enter(input: StepInput<TConfig>): StepResult;
  /** Runs for each event while the run waits at the node. Omitted: the block never waits. */
  onEvent?(input: StepInput<TConfig> & { event: RunEvent }): StepResult;
  /** Config-level problems class-validator cannot express (cross-field rules). */
  check?(config: TConfig): string[];
}
