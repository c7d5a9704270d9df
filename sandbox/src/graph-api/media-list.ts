import { META_ERRORS } from './meta-errors';
import type { GraphAnswer, SandboxMedia } from './graph-api-routes';

/** GET /<ig-user-id>/media: the account's posts and reels, newest first, paged the way Meta pages edges. */
export const MEDIA_LIST_PATH = /^\/([A-Za-z0-9_.-]+)\/media$/;

/** The fields Meta answers when `fields` is omitted is just `id`; dmflow's picker asks for these. */
const MEDIA_FIELDS = ['id', 'caption', 'media_type', 'media_product_type', 'media_url', 'thumbnail_url', 'permalink', 'timestamp'] as const;
type MediaField = (typeof MEDIA_FIELDS)[number];

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

// Cursors are opaque to callers, as Meta's are: base64 of the last post's id.
const cursorOf = (mediaId: string): string => Buffer.from(mediaId, 'utf8').toString('base64url');
const mediaIdOf = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');

function invalid(message: string): GraphAnswer {
  return { status: 400, error: { ...META_ERRORS.invalid_parameter, message: `(#100) ${message}` } };
}

function fieldValue(id: string, post: SandboxMedia, field: MediaField): unknown {
  switch (field) {
    case 'id':
      return id;
    case 'media_product_type':
      return post.media_product_type ?? 'FEED';
    case 'media_type':
      return post.media_type ?? 'IMAGE';
    default:
      return post[field];
  }
}

/** One page of the owner's media; `requestUrl` (without the token) builds `paging.next` as Meta does. */
export function listMedia(ownerId: string, query: URLSearchParams, media: Map<string, SandboxMedia>, requestUrl: string): GraphAnswer {
  const requested = (query.get('fields') ?? 'id')
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  const unknown = requested.find((field) => !(MEDIA_FIELDS as readonly string[]).includes(field));
  if (unknown) return invalid(`Tried accessing nonexisting field (${unknown}) on node type (IGMedia)`);
  const limitText = query.get('limit');
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) return invalid('param limit must be a positive integer');

  const owned = [...media.entries()]
    .filter(([, post]) => post.owner_id === ownerId)
    .sort(([idA, a], [idB, b]) => Date.parse(normalize(b.timestamp)) - Date.parse(normalize(a.timestamp)) || idB.localeCompare(idA));
  const after = query.get('after');
  let start = 0;
  if (after) {
    const index = owned.findIndex(([id]) => id === mediaIdOf(after));
    if (index < 0) return invalid('the after cursor is not valid');
    start = index + 1;
  }
  const page = owned.slice(start, start + Math.min(limit, MAX_LIMIT));
  const data = page.map(([id, post]) => {
    const item: Record<string, unknown> = {};
    for (const field of requested as MediaField[]) {
      const value = fieldValue(id, post, field);
      if (value !== undefined) item[field] = value;
    }
    return item;
  });
  if (!page.length) return { status: 200, body: { data } };
  const cursors = { before: cursorOf(page[0][0]), after: cursorOf(page[page.length - 1][0]) };
  const hasMore = start + page.length < owned.length;
  const next = new URL(requestUrl);
  next.searchParams.set('after', cursors.after);
  return { status: 200, body: { data, paging: { cursors, ...(hasMore ? { next: next.toString() } : {}) } } };
}

// Meta writes offsets without a colon (+0000).
function normalize(timestamp: string): string {
  return timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}
