import { startRun as startMachineRun, type RunAccount, type RunHandover, type TriggerContext } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { ContactsService, type ContactRecord } from '../contacts/contacts.service';
import { FlowVersionsService } from '../flows/flow-versions.service';
import { EngineErrors } from './engine.errors';
import { FlowMachines } from './flow-machines';
import { RunStore } from './run-store';

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
  /** Set when another run hands the contact over to this flow ("Start another flow"). */
  handover?: RunHandover;
  /** Called in the transaction that inserts the run (not when no run starts). */
  alongside?: AlongsideRunStep;
  /**
   * The contact's Instagram account's time zone and locale, when the caller read that account in this transaction
   * (routing does, to find the account the event came to); otherwise read here.
   */
  account?: RunAccount;
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

const UNIQUE_VIOLATION = '23505';
const ONE_RETRY_INDEX = 'flow_runs_one_retry';

function notStarted(reason: 'run_in_progress' | 'already_ran', runId: string): SteppedWithin<StartRunOutcome> {
  return { outcome: { started: false, reason, runId }, effectsPending: false };
}

function contactFields(contact: ContactRecord): Record<string, string> {
  return Object.fromEntries(
    Object.entries(contact.variables ?? {}).flatMap(([name, value]) =>
      typeof value === 'string' || typeof value === 'number' ? [[name, String(value)]] : [],
    ),
  );
}

/**
 * Starts runs inside a caller's transaction: for the engine's triggers, and for a hand-over from another run, which
 * starts the next run in the transaction that records the hand-over (so the engine's effect handlers can use it
 * without depending on the engine service that executes them).
 */
@Injectable()
export class RunStarter {
  constructor(
    private readonly machines: FlowMachines,
    private readonly store: RunStore,
    private readonly contacts: ContactsService,
    private readonly versions: FlowVersionsService,
    private readonly instagramAccounts: InstagramAccountsService,
  ) {}

  /** Starts a run inside `manager`'s transaction, reading through it too (see SteppedWithin). */
  async startWithin(manager: EntityManager, request: StartRunRequest): Promise<SteppedWithin<StartRunOutcome>> {
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
    const account = request.account ?? (await this.instagramAccounts.clockOf(contact.instagramAccountId, manager));
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
      handover: request.handover,
    });
    let written: { effectsPending: boolean };
    try {
      // A savepoint: a lost race for the contact's one open run leaves the enclosing transaction usable.
      written = await manager.transaction(async (savepoint) => {
        const inserted = await this.store.insert(
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
        return inserted;
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
    return { outcome: { started: true, runId }, effectsPending: written.effectsPending };
  }
}
