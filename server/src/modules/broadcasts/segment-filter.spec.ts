import { segmentConditions } from './segment-filter';

describe('segmentConditions', () => {
  it('is TRUE for an empty filter', () => {
    expect(segmentConditions({}, 2)).toEqual({ sql: 'TRUE', params: [] });
  });

  it('numbers its parameters after the caller’s and ANDs every condition', () => {
    const { sql, params } = segmentConditions(
      { tags: ['vip'], exclude_tags: ['cold'], variable: 'city', variable_value: 'Lisbon', last_seen_after: '2026-01-01T00:00:00.000Z' },
      2,
    );
    expect(sql).toBe(
      'c.tags @> $3::text[] AND NOT (c.tags && $4::text[]) AND c.variables ->> $5 = $6 AND c.last_seen_at >= $7::timestamptz',
    );
    expect(params).toEqual([['vip'], ['cold'], 'city', 'Lisbon', '2026-01-01T00:00:00.000Z']);
  });

  it('tests a variable’s presence when no value is given, and the source flow through the contact’s runs', () => {
    const { sql } = segmentConditions({ variable: 'email', source_flow_id: '00000000-0000-4000-8000-000000000000' }, 0);
    expect(sql).toContain('c.variables ? $1');
    expect(sql).toContain('r.flow_id = $2::uuid');
  });
});
