import { useEffect, useState } from 'react';

export type Route =
  | { page: 'list' }
  | { page: 'inbox' }
  | { page: 'flow'; flowId: string }
  | { page: 'contacts' }
  | { page: 'contact'; contactId: string }
  | { page: 'runs' }
  | { page: 'webhooks' }
  | { page: 'connect' }
  | { page: 'members' }
  | { page: 'api-keys' }
  | { page: 'broadcasts' }
  | { page: 'ai' }
  | { page: 'invite'; token: string };

export function parseRoute(pathname: string): Route {
  const flow = /^\/flows\/([0-9a-f-]{36})\/?$/i.exec(pathname);
  if (flow) return { page: 'flow', flowId: flow[1] };
  const invite = /^\/invite\/([A-Za-z0-9_-]{10,200})\/?$/.exec(pathname);
  if (invite) return { page: 'invite', token: invite[1] };
  const contact = /^\/contacts\/([0-9a-f-]{36})\/?$/i.exec(pathname);
  if (contact) return { page: 'contact', contactId: contact[1] };
  if (pathname === '/contacts') return { page: 'contacts' };
  if (pathname === '/runs') return { page: 'runs' };
  if (pathname === '/webhooks') return { page: 'webhooks' };
  if (pathname === '/connect') return { page: 'connect' };
  if (pathname === '/inbox') return { page: 'inbox' };
  if (pathname === '/settings/members') return { page: 'members' };
  if (pathname === '/settings/api-keys') return { page: 'api-keys' };
  if (pathname === '/broadcasts') return { page: 'broadcasts' };
  if (pathname === '/settings/ai') return { page: 'ai' };
  return { page: 'list' };
}

// No runtime import from @dmflow/shared here: the flow list's first chunk must not pull in the block catalogue.
export function routePath(route: Route): string {
  switch (route.page) {
    case 'list':
      return '/';
    case 'flow':
      return `/flows/${route.flowId}`;
    case 'contacts':
      return '/contacts';
    case 'contact':
      return `/contacts/${route.contactId}`;
    case 'runs':
      return '/runs';
    case 'webhooks':
      return '/webhooks';
    case 'connect':
      return '/connect';
    case 'inbox':
      return '/inbox';
    case 'members':
      return '/settings/members';
    case 'api-keys':
      return '/settings/api-keys';
    case 'broadcasts':
      return '/broadcasts';
    case 'ai':
      return '/settings/ai';
    case 'invite':
      return `/invite/${route.token}`;
  }
}

const NAVIGATE_EVENT = 'dmflow:navigate';

export function navigate(route: Route): void {
  window.history.pushState(null, '', routePath(route));
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The server sends index.html for every editor path, so the editor routes on the real URL. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return route;
}
