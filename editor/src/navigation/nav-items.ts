import type { Role } from '../api/people-api';
import type { Route } from '../router';

export interface NavItem {
  route: Route;
  label: string;
  /** The least role that may open the page; the server refuses the others anyway. */
  minRole: Role;
  /** Other pages that count as this item (a contact's page is under Contacts). */
  alsoActiveOn?: Array<Route['page']>;
}

/** The one list of pages in the header: a new page is one more entry here (and a route in router.ts). */
export const NAV_ITEMS: NavItem[] = [
  { route: { page: 'list' }, label: 'Flows', minRole: 'viewer' },
  { route: { page: 'inbox' }, label: 'Inbox', minRole: 'viewer' },
  { route: { page: 'contacts' }, label: 'Contacts', minRole: 'viewer', alsoActiveOn: ['contact'] },
  { route: { page: 'broadcasts' }, label: 'Broadcasts', minRole: 'editor' },
  { route: { page: 'runs' }, label: 'Runs', minRole: 'viewer' },
  { route: { page: 'webhooks' }, label: 'Webhooks', minRole: 'admin' },
  { route: { page: 'connect' }, label: 'Instagram accounts', minRole: 'viewer' },
  { route: { page: 'members' }, label: 'Members', minRole: 'owner' },
  { route: { page: 'api-keys' }, label: 'API keys', minRole: 'admin' },
  { route: { page: 'ai' }, label: 'AI', minRole: 'admin' },
];

export function isActive(item: NavItem, route: Route): boolean {
  return item.route.page === route.page || (item.alsoActiveOn ?? []).includes(route.page);
}
