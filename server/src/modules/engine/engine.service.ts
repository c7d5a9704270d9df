import { type MessageAttachment, startRun as startMachineRun, type RunEvent, type TriggerContext } from '@dmflow/shared';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { ContactsService, type ContactRecord } from '../contacts/contacts.service';
import { FlowVersionsService } from '../flows/flow-versions.service';
import { EffectDispatcher } from './effect-dispatcher';
import { EffectExecutor } from './effect-executor';
import type { FlowRun } from './entities/flow-run.entity';
import { FlowMachines } from './flow-machines';
import { type AppliedOutcome, RunAdvancer } from './run-advancer';
import { RunStore } from './run-store';
import { EngineErrors } from './engine.errors';

/**
 * Runs inside the transaction that saves a run's step, given the run's id: what it writes (e.g. the inbox event
 * that caused the step, marked processed) commits with the step or not at all, so a crash between the two can't
 * make a replay apply the same event twice.
 */
export type AlongsideRunStep = (manager: EntityManager, runId: string) => Promise<void>;

export interface StartRunRequest {
  flowVersionId: string;
  contactId: string;
  trigger: TriggerContext;
  /** When the triggering event happened; defaults to now. */
  at?: Date;
  /** A retry from the start of this failed run: `oncePerUser` does not apply, and only one such retry is ever made. */
  retryOfRunId?: string;
  /** Called in the transaction that inserts the run (not when no run starts). */
  alongside?: AlongsideRunStep;
}

/**
 * One open run per contact per flow: a trigger that arrives while the contact's run of the same flow is still
 * open is dropped and the open run keeps going (`run_in_progress`), so a second comment never restarts a
 * conversation half-way. `oncePerUser` triggers never start a second run for the same contact (`already_ran`).
 */
export type StartRunOutcome =
  { started: true; runId: string } | { started: false; reason: 'run_in_progress' | 'already_ran'; runId: string };

/**
 * A step taken inside the caller's transaction (e.g. the inbox event's): after committing, the caller runs
 * executeEffects(runId) when `effectsPending`.
 */
export interface SteppedWithin<Outcome> {
  outcome: Outcome;
  effectsPending: boolean;
}

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

const UNIQUE_VIOLATION = '23505';
const ONE_RETRY_INDEX = 'flow_runs_one_retry';

/** The run took the event as input (it moved, retried a question, or acted); otherwise it only noted it. */
function consumes({ before, step }: AppliedOutcome): boolean {
  const [was, is] = [before.context, step.snapshot.context];
  return step.effects.length > 0 || was.node.nodeId !== is.node.nodeId || was.node.attempts !== is.node.attempts;
}

function notStarted(reason: 'run_in_progress' | 'already_ran', runId: string): SteppedWithin<StartRunOutcome> {
  return { outcome: { started: false, reason, runId }, effectsPending: false };
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

function contactFields(contact: ContactRecord): Record<string, string> {
  return Object.fromEntries(
    Object.entries(contact.variables ?? {}).flatMap(([name, value]) =>
      typeof value === 'string' || typeof value === 'number' ? [[name, String(value)]] : [],
    ),
  );
}

/** The engine's runtime API for other modules (routing, runs): start runs and feed them events. */
@Injectable()
export class EngineService {
  private readonly logger = new Logger(EngineService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly machines: FlowMachines,
    private readonly store: RunStore,
    private readonly advancer: RunAdvancer,
    private readonly dispatcher: EffectDispatcher,
    private readonly executor: EffectExecutor,
    private readonly contacts: ContactsService,
    private readonly versions: FlowVersionsService,
    private readonly instagramAccounts: InstagramAccountsService,
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
  async executeEffects(runId: string): Promise<void> {
    try {
      await this.executor.drain(runId);
    } catch (error) {
      this.logger.debug({ msg: 'effects left to the outbound queue', run_id: runId, error: (error as Error).message });
      await this.dispatcher.dispatch(runId).catch(() => undefined);
    }
  }

  /** startRun inside `manager`'s transaction, reading through it too (see SteppedWithin). */
  async startRunWithin(manager: EntityManager, request: StartRunRequest): Promise<SteppedWithin<StartRunOutcome>> {
    const flow = await this.machines.load(request.flowVersionId);
    const contact = await this.contacts.findById(request.contactId, manager);
    if (!contact || contact.accountId !== flow.accountId) throw EngineErrors.contactNotFound(request.contactId);

    const open = await this.store.openRun(flow.flowId, contact.id, manager);
    if (open) return notStarted('run_in_progress', open.id);
    if (flow.oncePerUser && !request.retryOfRunId) {
      const previous = await this.store.firstRun(flow.flowId, contact.id, manager);
      if (previous) return notStarted('already_ran', previous.id);
    }

    // Read now, not from the version cache: flows can be renamed, and flow_completed reports the current name.
    const flowName = await this.versions.flowName(flow.flowId, manager);
    // Fixed for the run: smart delays and date answers read the account's zone and locale as they were at its start.
    const account = await this.instagramAccounts.clockOf(contact.instagramAccountId, manager);
    const runId = randomUUID();
    const step = startMachineRun(flow.machine, {
      runId,
      flowId: flow.flowId,
      flowName,
      contact: { id: contact.igUserId, username: contact.username, followsBusiness: null, fields: contactFields(contact) },
      trigger: request.trigger,
      startedAt: (request.at ?? new Date()).toISOString(),
      tags: contact.tags,
      account,
    });
    try {
      // A savepoint: a lost race for the contact's one open run leaves the enclosing transaction usable.
      await manager.transaction(async (savepoint) => {
        await this.store.insert(
          savepoint,
          {
            id: runId,
            accountId: flow.accountId,
            flowId: flow.flowId,
            flowVersionId: flow.flowVersionId,
            contactId: contact.id,
            trigger: request.trigger,
            retryOfRunId: request.retryOfRunId,
          },
          step,
        );
        await request.alongside?.(savepoint, runId);
      });
    } catch (error) {
      // Two triggers raced; the unique index kept one open run and this one yields to it.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      if ((error as { constraint?: string }).constraint === ONE_RETRY_INDEX) {
        throw EngineErrors.runAlreadyRetried(request.retryOfRunId);
      }
      const winner = await this.store.openRun(flow.flowId, contact.id, manager);
      if (!winner) throw error;
      return notStarted('run_in_progress', winner.id);
    }
    return { outcome: { started: true, runId }, effectsPending: step.effects.length > 0 };
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
    const outcome = await this.advancer.advance(target.id, event, manager, async (within, applied) => {
      if (alongside && consumes(applied)) await alongside(within, target.id);
    });
    if (!outcome.applied) return { outcome: { delivered: false }, effectsPending: false };
    // Without `manager` the advancer has queued the effects already.
    return {
      outcome: { delivered: true, runId: target.id, consumed: consumes(outcome) },
      effectsPending: manager !== undefined && outcome.step.effects.length > 0,
    };
  }

  private async awaitsInput(run: FlowRun): Promise<boolean> {
    const node = run.snapshot.context.node;
    if (node.deferred) return true;
    return (await this.machines.load(run.flowVersionId)).inputNodeIds.has(node.nodeId);
  }
}
