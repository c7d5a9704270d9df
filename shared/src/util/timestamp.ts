/** InstantDM's webhook timestamp form, `YYYY-MM-DD HH:mm:ss` in UTC. */
export function formatWebhookTimestamp(isoOrDate: string | Date): string {
  const date = typeof isoOrDate === 'string' ? new Date(isoOrDate) : isoOrDate;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
