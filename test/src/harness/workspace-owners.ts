/**
 * Owners made by `createTenant({ owner: true })` inside its `workspace:setup`, by workspace id: `createPerson` signs
 * them in instead of starting another CLI process (about 2 CPU-seconds each), and invites other roles through them.
 */
const owners = new Map<string, string>();

export function rememberSetupOwner(workspaceId: string, email: string): void {
  owners.set(workspaceId, email);
}

export function setupOwnerOf(workspaceId: string): string | undefined {
  return owners.get(workspaceId);
}
