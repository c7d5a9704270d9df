import { formatWebhookTimestamp } from '../util/timestamp';
import type { RunContext, VariableValue } from './run-context';

/** InstantDM `question_answered` payload, field for field (seeds/instantdm-api.txt). */
export interface QuestionAnsweredPayload {
  flow_id: string;
  sender_id: string;
  sender_username: string | null;
  question: string;
  question_type: string;
  custom_variable_name: string;
  user_response: string | null;
  skip: boolean;
  /** A string, as InstantDM sends it. */
  attempt_no: string;
  /** `YYYY-MM-DD HH:mm:ss`, UTC. */
  timestamp: string;
}

/** InstantDM `flow_completed` payload: response_variables is flat, keyed by custom_variable_name. */
export interface FlowCompletedPayload {
  flow_id: string;
  flow_name: string;
  sender_id: string;
  sender_username: string | null;
  completed_at: string;
  tags: string[];
  response_variables: Record<string, VariableValue>;
}

export interface AnswerFacts {
  question: string;
  questionType: string;
  variable: string;
  response: string | null;
  skipped: boolean;
  attempt: number;
}

export function questionAnsweredPayload(context: RunContext, answer: AnswerFacts): QuestionAnsweredPayload {
  return {
    flow_id: context.flowId,
    sender_id: context.contact.id,
    sender_username: context.contact.username,
    question: answer.question,
    question_type: answer.questionType,
    custom_variable_name: answer.variable,
    user_response: answer.response,
    skip: answer.skipped,
    attempt_no: String(answer.attempt),
    timestamp: formatWebhookTimestamp(context.now),
  };
}

export function flowCompletedPayload(context: RunContext): FlowCompletedPayload {
  return {
    flow_id: context.flowId,
    flow_name: context.flowName,
    sender_id: context.contact.id,
    sender_username: context.contact.username,
    completed_at: formatWebhookTimestamp(context.now),
    tags: [...context.tags],
    response_variables: { ...context.variables },
  };
}
