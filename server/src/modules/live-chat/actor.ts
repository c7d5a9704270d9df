import type { AuthenticatedRequest } from '../accounts/auth/request-auth';
import type { MessageSender } from '../conversations/conversations.service';

/** Who acts in the inbox: a signed-in team member, or an API key. */
export interface Actor {
  accountId: string;
  userId: string | null;
  apiKeyId: string | null;
}

export function actorOf(request: AuthenticatedRequest): Actor {
  const { auth } = request;
  return {
    accountId: request.account.id,
    userId: auth.kind === 'session' ? auth.userId : null,
    apiKeyId: auth.kind === 'api_key' ? auth.apiKeyId : null,
  };
}

export function senderOf(actor: Actor): MessageSender {
  return actor.userId ? { type: 'member', userId: actor.userId } : { type: 'api', apiKeyId: actor.apiKeyId };
}
