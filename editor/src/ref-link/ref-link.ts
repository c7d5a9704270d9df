/** The ig.me link that opens a chat with the account and tells dmflow which flow to start (usernames need no escaping). */
export function refLink(username: string, ref: string): string {
  return `https://ig.me/m/${username}?ref=${encodeURIComponent(ref)}`;
}
