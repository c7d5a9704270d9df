import { DomainError } from '../../core/errors/domain-error';

export const MessagingErrors = {
  windowClosed: (reason: string) => new DomainError('messaging_window_closed', reason),
  noInstagramToken: () => new DomainError('no_instagram_token', 'No Instagram access token found'),
  sendInDoubt: () =>
    new DomainError('send_in_doubt', 'A send with this idempotency key is in progress or was interrupted; it is not sent again.'),
  sendUnresolved: (reason: string) =>
    new DomainError('send_in_doubt', `Could not find out from Instagram whether the message went out (${reason}); it is not sent again.`),
};

/**
 * A send in doubt whose reconciliation with Meta did not conclude yet: try again later. `settling`: Meta answered
 * that it is not there, and the claim is too young to conclude so (bounded, so no deadline applies).
 */
export class SendReconciliationPending extends Error {
  constructor(
    message: string,
    readonly settling = false,
  ) {
    super(message);
  }
}
