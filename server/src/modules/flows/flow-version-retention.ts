import type { EntityManager } from 'typeorm';

/**
 * Keeps the newest `keep` versions of a flow (FLOW_MAX_VERSIONS). An older version is deleted only when it is not
 * live and no run ever used it: a run's history and the analytics of its version stay readable.
 */
export async function pruneVersions(manager: EntityManager, flowId: string, keep: number): Promise<number> {
  const [, deleted] = await manager.query<[unknown, number]>(
    `DELETE FROM flow_versions v
      WHERE v.flow_id = $1
        AND v.version <= (SELECT max(version) FROM flow_versions WHERE flow_id = $1) - $2
        AND v.id IS DISTINCT FROM (SELECT published_version_id FROM flows WHERE id = $1)
        AND NOT EXISTS (SELECT 1 FROM flow_runs r WHERE r.flow_version_id = v.id)`,
    [flowId, keep],
  );
  return deleted;
}
