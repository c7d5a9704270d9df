import type { GraphAnswer } from './graph-api-routes';
import { META_ERRORS } from './meta-errors';

/** Meta's Messenger Profile API for Instagram (POST/GET/DELETE /{ig-user-id}/messenger_profile), per account. */
export const MESSENGER_PROFILE_PATH = /^\/([A-Za-z0-9_.-]+)\/messenger_profile$/;

const FIELDS = ['ice_breakers', 'persistent_menu'] as const;
type ProfileField = (typeof FIELDS)[number];

const invalid = (message: string): GraphAnswer => ({
  status: 400,
  error: { ...META_ERRORS.invalid_parameter, message: `(#100) ${message}` },
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a localized list of call_to_actions breaks Meta's rules, or null. */
function callToActionsProblem(field: ProfileField, entries: unknown): string | null {
  if (!Array.isArray(entries) || entries.length === 0) return `${field} must be a non-empty array`;
  for (const entry of entries) {
    if (!isObject(entry) || !Array.isArray(entry.call_to_actions)) return `${field}[].call_to_actions must be an array`;
    if (field === 'ice_breakers') {
      if (entry.call_to_actions.length > 4) return 'ice_breakers allows at most 4 questions';
      if (!entry.call_to_actions.every((cta) => isObject(cta) && typeof cta.question === 'string' && typeof cta.payload === 'string'))
        return 'each ice breaker needs a question and a payload';
    } else if (
      !entry.call_to_actions.every(
        (cta) =>
          isObject(cta) &&
          typeof cta.title === 'string' &&
          ((cta.type === 'postback' && typeof cta.payload === 'string') || (cta.type === 'web_url' && typeof cta.url === 'string')),
      )
    )
      return 'each persistent_menu item is a postback (title, payload) or a web_url (title, url)';
  }
  return null;
}

export class SandboxMessengerProfiles {
  private readonly byAccount = new Map<string, Partial<Record<ProfileField, unknown>>>();

  clear(): void {
    this.byAccount.clear();
  }

  answer(method: string, igUserId: string, body: unknown, query: URLSearchParams): GraphAnswer {
    const profile = this.byAccount.get(igUserId) ?? {};
    if (method === 'GET') {
      const asked = (query.get('fields') ?? FIELDS.join(',')).split(',');
      return {
        status: 200,
        body: {
          data: [
            Object.fromEntries(FIELDS.filter((field) => asked.includes(field) && profile[field]).map((field) => [field, profile[field]])),
          ],
        },
      };
    }
    if (!isObject(body) || body.platform !== 'instagram') return invalid('param platform must be "instagram"');
    if (method === 'DELETE') {
      if (!Array.isArray(body.fields) || body.fields.some((field) => !(FIELDS as readonly unknown[]).includes(field)))
        return invalid(`param fields must list some of ${FIELDS.join(', ')}`);
      for (const field of body.fields as ProfileField[]) delete profile[field];
      this.byAccount.set(igUserId, profile);
      return { status: 200, body: { result: 'success' } };
    }
    const given = FIELDS.filter((field) => field in body);
    if (given.length === 0) return invalid(`set at least one of ${FIELDS.join(', ')}`);
    for (const field of given) {
      const problem = callToActionsProblem(field, body[field]);
      if (problem) return invalid(problem);
    }
    this.byAccount.set(igUserId, { ...profile, ...Object.fromEntries(given.map((field) => [field, body[field]])) });
    return { status: 200, body: { result: 'success' } };
  }
}
