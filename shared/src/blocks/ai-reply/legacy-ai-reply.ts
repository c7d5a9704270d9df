import type { FlowEdge, FlowNode } from '../../flow/flow-graph';

interface LegacyKnowledge {
  keywords?: unknown;
  answer?: unknown;
}

function isLegacyConfig(config: Record<string, unknown>): boolean {
  return 'fallback' in config || 'provider' in config || Array.isArray(config.knowledge);
}

/** The first AI reply (a keyword list answered by a local provider, one `next` exit) in today's shape. */
function upgradeConfig(config: Record<string, unknown>): Record<string, unknown> {
  const knowledge = (Array.isArray(config.knowledge) ? (config.knowledge as LegacyKnowledge[]) : [])
    .map((entry) => {
      const keywords = Array.isArray(entry.keywords) ? entry.keywords.filter((keyword) => typeof keyword === 'string') : [];
      return typeof entry.answer === 'string' && keywords.length ? `${keywords.join(', ')}: ${entry.answer}` : null;
    })
    .filter((line): line is string => line !== null)
    .join('\n');
  const instructions = typeof config.instructions === 'string' ? config.instructions : '';
  const fallback = typeof config.fallback === 'string' && config.fallback.trim() ? `\nWhen you cannot answer, say: ${config.fallback}` : '';
  return {
    instructions: `${instructions}${fallback}`.slice(0, 4000),
    knowledge,
    historyMessages: 6,
    readVariables: [],
    maxLength: 640,
    ...(typeof config.saveAs === 'string' ? { saveAs: config.saveAs } : {}),
  };
}

/**
 * Flows saved before the AI reply spoke to real models keep working when read: their keyword list becomes the
 * knowledge text (which the local provider still matches by keyword) and their one exit becomes `replied`.
 */
export function upgradeLegacyAiReplies(nodes: FlowNode[], edges: FlowEdge[]): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const upgraded = new Set<string>();
  const upgradedNodes = nodes.map((node): FlowNode => {
    // Stored documents are read as they were written: a node may lack data or config.
    const config: Record<string, unknown> = (node as Partial<FlowNode> | null)?.data?.config ?? {};
    if (node?.type !== 'ai_reply' || !isLegacyConfig(config)) return node;
    upgraded.add(node.id);
    return { ...node, data: { ...node.data, config: upgradeConfig(config) } };
  });
  if (upgraded.size === 0) return { nodes, edges };
  const upgradedEdges = edges.map((edge) =>
    upgraded.has(edge.source) && edge.sourceHandle === 'next' ? { ...edge, sourceHandle: 'replied' } : edge,
  );
  return { nodes: upgradedNodes, edges: upgradedEdges };
}
