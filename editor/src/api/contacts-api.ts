import type { PageView } from '@dmflow/shared';
import type { ApiClient } from './api-client';

/** A contact as GET /v1/contacts sends it; answers to questions are saved in `variables`. */
export interface ContactView {
  id: string;
  instagram_account_id: string;
  ig_user_id: string;
  username: string | null;
  tags: string[];
  variables: Record<string, unknown>;
  last_inbound_at: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

/** What a contact list or its CSV covers. Empty fields are not sent. */
export interface ContactFilters {
  search?: string;
  tag?: string;
  variable?: string;
  value?: string;
}

const FILTER_NAMES = ['search', 'tag', 'variable', 'value'] as const;

export function contactFilterQuery(filters: ContactFilters): string {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name]?.trim();
    if (value) query.set(name, value);
  }
  return query.toString();
}

/** The CSV download: a plain link, so the browser saves it with the session cookie it already sends. */
export function contactsCsvUrl(filters: ContactFilters): string {
  const query = contactFilterQuery(filters);
  return `/v1/contacts/export.csv${query ? `?${query}` : ''}`;
}

export class ContactsApi {
  constructor(private readonly client: ApiClient) {}

  list(filters: ContactFilters, cursor?: string, limit = 50): Promise<PageView<ContactView>> {
    const query = contactFilterQuery(filters);
    return this.client.request(
      'GET',
      `/v1/contacts?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
  }

  get(id: string): Promise<ContactView> {
    return this.client.request('GET', `/v1/contacts/${id}`);
  }
}
