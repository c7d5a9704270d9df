import { useEffect } from 'react';

/**
 * Calls `onChange` when a conversation of the workspace changes (a message in or out, read, assigned, paused), pushed
 * by the server over server-sent events; `resync` (changes may have been missed) calls it with null. EventSource
 * reconnects by itself.
 */
export function useInboxEvents(onChange: (contactId: string | null) => void): void {
  useEffect(() => {
    const source = new EventSource('/v1/conversations/events', { withCredentials: true });
    const changed = (event: MessageEvent<string>) => {
      const data = JSON.parse(event.data) as { contact_id?: string };
      onChange(data.contact_id ?? null);
    };
    const resync = () => onChange(null);
    source.addEventListener('conversation', changed);
    source.addEventListener('resync', resync);
    return () => source.close();
  }, [onChange]);
}
