import type { MessageAttachment, RunEvent } from '@dmflow/shared';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EffectDispatcher } from './effect-dispatcher';
import { EffectExecutor, type TakenEffects } from './effect-executor';
import type { FlowRun } from './entities/flow-run.entity';
import { FlowMachines } from './flow-machines';
import { type AppliedOutcome, RunAdvancer } from './run-advancer';
import { EngineErrors } from './engine.errors';
import { RunStore } from './run-store';
import { RunStarter, type AlongsideRunStep, type StartRunOutcome, type StartRunRequest, type SteppedWithin } from './run-starter';

export type { AlongsideRunStep, StartRunOutcome, StartRunRequest, SteppedWithin } from './run-starter';

export interface InboundMessage {
  text: string;
  quickReplyPayload?: string;
  mid?: string;
  /** Files sent with the message: a file or image question saves the first one's URL. */
  attachments?: MessageAttachment[];
  at?: Date;
}

export interface InboundPostback {
  payload: string;
  title?: string;
  at?: Date;
}

/** `consumed`: the run took the message as an answer (or a reply it waited for); otherwise triggers may use it. */
export type DeliveryOutcome = { delivered: false } | { delivered: true; runId: string; consumed: boolean };

/** The run took the event as input (it moved, retried a question, or acted); otherwise it only noted it. */
function consumes({ before, step }: AppliedOutcome): boolean {
  const [was, is] = [before.context, step.snapshot.context];
  return step.effects.length > 0 || was.node.nodeId !== is.node.nodeId || was.node.attempts !== is.node.attempts;
}

function messageEvent(message: InboundMessage): RunEvent {
  const at = (message.at ?? new Date()).toISOString();
  const attachments = message.attachments?.length ? { attachments: message.attachments } : {};
  return {
    type: 'contact.message',
    text: message.text,
    quickReplyPayload: message.quickReplyPayload,
    mid: message.mid,
    ...attachments,
    at,
  };
}

function postbackEvent(postback: InboundPostback): RunEvent {
  return { type: 'contact.postback', payload: postback.payload, title: postback.title, at: (postback.at ?? new Date()).toISOString() };
}

/** The engine's runtime API for other modules (routing, runs): start runs and feed them events. */
@Injectable()
export class EngineService {
  private readonly logger = new Logger(EngineService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly machines: FlowMachines,
    private readonly store: RunStore,
    private readonly starter: RunStarter,
    private readonly advancer: RunAdvancer,
    private readonly dispatcher: EffectDispatcher,
    private readonly executor: EffectExecutor,
  ) {}

  async startRun(request: StartRunRequest): Promise<StartRunOutcome> {
    const { outcome, effectsPending } = await this.dataSource.transaction((manager) => this.startRunWithin(manager, request));
    if (effectsPending) await this.dispatcher.dispatch(outcome.runId);
    return outcome;
  }

  /**
   * Executes a run's pending effects on this worker, right after the commit that wrote them; the outbox rows stay
   * the safety net: whatever is left (another worker holds the outbox, a retryable failure) goes to the outbound
   * queue, whose retries and backoff take over, and without Redis the outbox sweeper finds it.
   */
  async executeEffects(runId: string, taken?: TakenEffects | null): Promise<void> {
    try {
      await this.executor.drain(runId, taken);
    } catch (error) {
      this.logger.debug({ msg: 'effects left to the outbound queue', run_id: runId, error: (error as Error).message });
      await this.dispatcher.dispatch(runId).catch(() => undefined);
    }
  }

  /**
   * Inside the transaction that wrote a run's effects: executes its database effects and claims its first outbound
   * one, so that claim commits with the transaction; pass the result to `executeEffects` after the commit.
   */
  takeEffectsWithin(manager: EntityManager, runId: string): Promise<TakenEffects | null> {
    return this.executor.takeWithin(manager, runId);
  }

  /** startRun inside `manager`'s transaction, reading through it too (see SteppedWithin). */
  startRunWithin(manager: EntityManager, request: StartRunRequest): Promise<SteppedWithin<StartRunOutcome>> {
    return this.starter.startWithin(manager, request);
  }

  /** A run started by hand through the API: the account must own the flow version. */
  async startRunForAccount(accountId: string, flowVersionId: string, contactId: string, text?: string): Promise<StartRunOutcome> {
    const flow = await this.machines.load(flowVersionId);
    if (flow.accountId !== accountId) throw EngineErrors.flowVersionNotFound(flowVersionId);
    return this.startRun({ flowVersionId, contactId, trigger: { kind: 'manual', ...(text ? { text } : {}) } });
  }

  /**
   * A DM (or quick-reply tap) from the contact: goes to the contact's most recently active open run.
   * `alongside` is called in the run's transaction when the run consumes the message.
   */
  async deliverMessage(contactId: string, message: InboundMessage, alongside?: AlongsideRunStep): Promise<DeliveryOutcome> {
    return (await this.deliverToContact(contactId, messageEvent(message), alongside)).outcome;
  }

  async deliverPostback(contactId: string, postback: InboundPostback, alongside?: AlongsideRunStep): Promise<DeliveryOutcome> {
    return (await this.deliverToContact(contactId, postbackEvent(postback), alongside)).outcome;
  }

  /** deliverMessage inside `manager`'s transaction (see SteppedWithin). */
  deliverMessageWithin(manager: EntityManager, contactId: string, message: InboundMessage): Promise<SteppedWithin<DeliveryOutcome>> {
    return this.deliverToContact(contactId, messageEvent(message), undefined, manager);
  }

  deliverPostbackWithin(manager: EntityManager, contactId: string, postback: InboundPostback): Promise<SteppedWithin<DeliveryOutcome>> {
    return this.deliverToContact(contactId, postbackEvent(postback), undefined, manager);
  }

  /**
   * A person resumed automation after a hand-over: the run parked at the handover block continues (`continueFlow`)
   * or is cancelled. A run that has moved on or ended meanwhile is left alone.
   */
  async resumeAfterHandover(runId: string, continueFlow: boolean): Promise<void> {
    if (!continueFlow) {
      await this.store.cancel(runId);
      return;
    }
    await this.advancer.advance(runId, { type: 'automation.resumed', at: new Date().toISOString() });
  }

  /** A due delay or question timeout. A timer the run no longer waits for is ignored. */
  async fireTimer(runId: string, timerId: string): Promise<void> {
    const run = await this.store.findById(runId);
    if (!run || run.snapshot.context.node.timerId !== timerId) return;
    await this.advancer.advance(runId, { type: 'timer.fired', timerId, at: new Date().toISOString() });
  }

  /**
   * A contact's message goes to one run: the most recent open run that waits for their input (a question, or a
   * send held back after a private reply); failing that, the most recent open run, which notes that the
   * person wrote (Instagram's messaging window) without treating it as an answer.
   */
  private async deliverToContact(
    contactId: string,
    event: RunEvent,
    alongside?: AlongsideRunStep,
    manager?: EntityManager,
  ): Promise<SteppedWithin<DeliveryOutcome>> {
    const open = await this.store.openRunsOf(contactId, manager);
    if (!open.length) return { outcome: { delivered: false }, effectsPending: false };
    let target = open[0];
    for (const run of open) {
      if (await this.awaitsInput(run)) {
        target = run;
        break;
      }
    }
    // Inside the caller's transaction the run just read is the one to step (its version guards the update).
    const outcome = await this.advancer.advance(
      target.id,
      event,
      manager,
      async (within, applied) => {
        if (alongside && consumes(applied)) await alongside(within, target.id);
      },
      manager ? target : undefined,
    );
    if (!outcome.applied) return { outcome: { delivered: false }, effectsPending: false };
    // Without `manager` the advancer has queued the effects already.
    return {
      outcome: { delivered: true, runId: target.id, consumed: consumes(outcome) },
      effectsPending: manager !== undefined && outcome.effectsPending,
    };
  }

  private async awaitsInput(run: FlowRun): Promise<boolean> {
    const node = run.snapshot.context.node;
    if (node.deferred) return true;
    return (await this.machines.load(run.flowVersionId)).inputNodeIds.has(node.nodeId);
  }
}
