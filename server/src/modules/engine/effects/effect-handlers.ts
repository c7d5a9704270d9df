import type { Effect, EffectOf, EffectType } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EffectExecution, EffectHandler, EffectRecord, OutboundCall, OutboundEffectHandler } from './effect-handler';
import { AiCompleteHandler } from './ai-complete.handler';
import { ConversationHistory } from './conversation-history';
import { EmitEventHandler } from './emit-event.handler';
import { FetchProfileHandler } from './fetch-profile.handler';
import { HandOverHandler } from './hand-over.handler';
import { HttpRequestHandler } from './http-request.handler';
import { ModerateCommentHandler } from './moderate-comment.handler';
import { NotifyTeamHandler } from './notify-team.handler';
import { ReplyCommentHandler } from './reply-comment.handler';
import { ScheduleTimerHandler } from './schedule-timer.handler';
import { SendMessageHandler } from './send-message.handler';
import { SetSubscriptionHandler } from './set-subscription.handler';
import { StartFlowHandler } from './start-flow.handler';

type HandlerRegistry = { [T in EffectType]: EffectHandler<T> | OutboundEffectHandler<T> };

/** One handler per effect type; a new effect type without a handler does not compile. */
@Injectable()
export class EffectHandlers {
  private readonly byType: HandlerRegistry;

  constructor(
    sendMessage: SendMessageHandler,
    replyComment: ReplyCommentHandler,
    httpRequest: HttpRequestHandler,
    emitEvent: EmitEventHandler,
    scheduleTimer: ScheduleTimerHandler,
    fetchProfile: FetchProfileHandler,
    setSubscription: SetSubscriptionHandler,
    moderateComment: ModerateCommentHandler,
    handOver: HandOverHandler,
    aiComplete: AiCompleteHandler,
    startFlow: StartFlowHandler,
    notifyTeam: NotifyTeamHandler,
  ) {
    this.byType = {
      send_message: sendMessage,
      reply_comment: replyComment,
      http_request: httpRequest,
      emit_event: emitEvent,
      schedule_timer: scheduleTimer,
      fetch_profile: fetchProfile,
      set_subscription: setSubscription,
      moderate_comment: moderateComment,
      hand_over: handOver,
      ai_complete: aiComplete,
      start_flow: startFlow,
      notify_team: notifyTeam,
    } satisfies HandlerRegistry;
  }

  /** Whether the effect calls another service (and so runs outside any transaction, under a lease). */
  isOutbound(effect: Effect): boolean {
    return this.byType[effect.type].outbound;
  }

  /** A database effect's record, for the transaction that marks it done. */
  execute<T extends EffectType>(execution: Execution<T>): Promise<EffectRecord> {
    const handler: EffectHandler<T> | OutboundEffectHandler<T> = this.byType[execution.effect.type];
    if (handler.outbound) throw new Error(`${handler.type} effects call out: they are claimed, not executed in a transaction`);
    return handler.execute(execution);
  }

  /** An outbound effect's claim-time work, in the transaction that claims it; returns the call. */
  claim<T extends EffectType>(execution: Execution<T>, manager: EntityManager): Promise<OutboundCall> {
    const handler: EffectHandler<T> | OutboundEffectHandler<T> = this.byType[execution.effect.type];
    if (!handler.outbound) throw new Error(`${handler.type} effects only write to the database: they are executed, not claimed`);
    return handler.claim(execution, manager);
  }
}

type Execution<T extends EffectType> = Omit<EffectExecution<T>, 'effect'> & { effect: Effect & EffectOf<T> };

export const EFFECT_HANDLER_PROVIDERS = [
  SendMessageHandler,
  ReplyCommentHandler,
  HttpRequestHandler,
  EmitEventHandler,
  ScheduleTimerHandler,
  FetchProfileHandler,
  SetSubscriptionHandler,
  ModerateCommentHandler,
  HandOverHandler,
  AiCompleteHandler,
  StartFlowHandler,
  NotifyTeamHandler,
  ConversationHistory,
  EffectHandlers,
];
