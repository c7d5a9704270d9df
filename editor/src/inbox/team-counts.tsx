import type { AssigneeCount } from '../api/inbox-api';

/** Open conversations and unread messages per person (and unassigned), for sharing the work. */
export function TeamCounts({ counts, nameOf }: { counts: AssigneeCount[]; nameOf: (userId: string | null) => string }) {
  const shown = counts.filter((count) => count.open > 0 || count.unread > 0);
  return (
    <section className="inbox-counts" aria-labelledby="inbox-counts-heading">
      <h2 id="inbox-counts-heading">Open per person</h2>
      <ul>
        {shown.map((count) => (
          <li key={count.assignee_user_id ?? 'unassigned'}>
            <span className="inbox-counts-name">{count.assignee_user_id ? nameOf(count.assignee_user_id) : 'Unassigned'}</span>
            <span>
              {count.open} open · {count.unread} unread
            </span>
          </li>
        ))}
        {shown.length === 0 && <li className="inbox-empty">Nothing open.</li>}
      </ul>
    </section>
  );
}
