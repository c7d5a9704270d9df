/** Which contacts a segment holds; every condition given must hold (stored as the API sends it). */
export interface SegmentFilter {
  /** Contacts carrying every one of these tags. */
  tags?: string[];
  /** Contacts carrying none of these tags. */
  exclude_tags?: string[];
  /** Contacts with this variable set (to `variable_value`, when given). */
  variable?: string;
  variable_value?: string;
  /** Contacts last seen at or after / before these ISO-8601 times. */
  last_seen_after?: string;
  last_seen_before?: string;
  /** Contacts who have ever run this flow. */
  source_flow_id?: string;
}

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * The filter as SQL conditions on `contacts c` (AND-ed), numbering its parameters after the caller's first
 * `paramOffset` ones. The one translation of a segment: counting it and freezing a broadcast's recipients use it.
 */
export function segmentConditions(filter: SegmentFilter, paramOffset: number): SqlCondition {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${paramOffset + params.length}`;
  };
  if (filter.tags?.length) conditions.push(`c.tags @> ${param(filter.tags)}::text[]`);
  if (filter.exclude_tags?.length) conditions.push(`NOT (c.tags && ${param(filter.exclude_tags)}::text[])`);
  if (filter.variable !== undefined) {
    conditions.push(
      filter.variable_value === undefined
        ? `c.variables ? ${param(filter.variable)}`
        : `c.variables ->> ${param(filter.variable)} = ${param(filter.variable_value)}`,
    );
  }
  if (filter.last_seen_after) conditions.push(`c.last_seen_at >= ${param(filter.last_seen_after)}::timestamptz`);
  if (filter.last_seen_before) conditions.push(`c.last_seen_at < ${param(filter.last_seen_before)}::timestamptz`);
  if (filter.source_flow_id) {
    conditions.push(
      `EXISTS (SELECT 1 FROM flow_runs r WHERE r.contact_id = c.id AND r.account_id = c.account_id AND r.flow_id = ${param(filter.source_flow_id)}::uuid)`,
    );
  }
  return { sql: conditions.length ? conditions.join(' AND ') : 'TRUE', params };
}
