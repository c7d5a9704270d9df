import type { AiTask } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { AiPreviewDto, AiPreviewView } from './ai.dto';
import { AiBudgetExhausted, AiErrors } from './ai.errors';
import { AiService } from './ai.service';

type PreviewTask = AiPreviewDto['task'];

/** Fills what the editor may leave out, so a partial task from the simulator still reads as the block would send it. */
function completeTask(task: PreviewTask): AiTask {
  switch (task.kind) {
    case 'reply':
      return {
        kind: 'reply',
        instructions: task.instructions ?? '',
        knowledge: task.knowledge ?? '',
        message: task.message,
        historyMessages: 0,
        variables: task.variables ?? {},
        maxChars: task.maxChars ?? 640,
      };
    case 'route':
      return { kind: 'route', instructions: task.instructions ?? '', message: task.message, intents: task.intents ?? [] };
    case 'extract':
      return { kind: 'extract', message: task.message, question: task.question ?? '', valueType: task.valueType ?? 'text' };
  }
}

/** The editor's preview asks the same provider a run would, so authors see real answers before publishing. */
@Injectable()
export class AiPreviewService {
  constructor(private readonly ai: AiService) {}

  async answer(accountId: string, task: PreviewTask): Promise<AiPreviewView> {
    let outcome: Awaited<ReturnType<AiService['answer']>>;
    try {
      outcome = await this.ai.answer(accountId, completeTask(task));
    } catch (error) {
      if (error instanceof AiBudgetExhausted) throw AiErrors.budgetExhausted(error);
      throw error;
    }
    if (outcome.spend) {
      await this.ai.recordUsage(null, {
        accountId,
        effectKey: null,
        runId: null,
        flowId: null,
        purpose: `preview_${task.kind}`,
        ...outcome.spend,
      });
    }
    return {
      provider: outcome.provider,
      answer: 'answer' in outcome ? { ...outcome.answer } : null,
      error: 'error' in outcome ? outcome.error : null,
      tokens_in: outcome.spend?.tokensIn ?? 0,
      tokens_out: outcome.spend?.tokensOut ?? 0,
    };
  }
}
