import type { FlowVersionView } from '@dmflow/shared';

/** What the editor says after publishing; warnings (keyword clashes with other live flows) are said, not hidden. */
export function publishedNotice(version: FlowVersionView): string {
  const published = `Published version ${version.version}. New conversations use it now.`;
  return version.warnings?.length ? `${published} Check: ${version.warnings.join(' ')}` : published;
}
