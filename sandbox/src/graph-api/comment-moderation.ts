import type { GraphAnswer } from './graph-api-routes';
import { META_ERRORS } from './meta-errors';

/** Hidden and deleted comments (POST /{comment-id}?hide=true|false, DELETE /{comment-id}), as the owner of the post sees them. */
export class SandboxCommentModeration {
  private readonly hidden = new Set<string>();
  private readonly deleted = new Set<string>();

  clear(): void {
    this.hidden.clear();
    this.deleted.clear();
  }

  private gone(commentId: string): GraphAnswer {
    return {
      status: 400,
      error: {
        ...META_ERRORS.invalid_parameter,
        subcode: 33,
        message: `Unsupported post request. Object with ID '${commentId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      },
    };
  }

  hide(commentId: string, hide: string): GraphAnswer {
    if (hide !== 'true' && hide !== 'false')
      return { status: 400, error: { ...META_ERRORS.invalid_parameter, message: '(#100) param hide must be a boolean' } };
    if (this.deleted.has(commentId)) return this.gone(commentId);
    if (hide === 'true') this.hidden.add(commentId);
    else this.hidden.delete(commentId);
    return { status: 200, body: { success: true } };
  }

  remove(commentId: string): GraphAnswer {
    if (this.deleted.has(commentId)) return this.gone(commentId);
    this.deleted.add(commentId);
    this.hidden.delete(commentId);
    return { status: 200, body: { success: true } };
  }

  /** For GET /_sandbox/comments/<id>: what the post's owner would see. */
  state(commentId: string): { hidden: boolean; deleted: boolean } {
    return { hidden: this.hidden.has(commentId), deleted: this.deleted.has(commentId) };
  }
}
