/** The ig.me link that opens a chat with the account and tells dmflow which flow to start. */
export function refLink(username: string, ref: string): string {
  return `https://ig.me/m/${encodeURIComponent(username)}?ref=${encodeURIComponent(ref)}`;
}
