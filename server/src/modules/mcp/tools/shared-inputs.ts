import * as z from 'zod';

/** Inputs several tools take, described once. */
export const pageInput = {
  cursor: z.string().optional().describe('next_cursor of the previous page; omit for the first page'),
  limit: z.number().int().optional().describe('items per page, 1-100 (default 20)'),
};

export const flowIdInput = { flow_id: z.string().describe('the flow id (list_flows)') };

export const graphInput = z
  .record(z.string(), z.unknown())
  .describe(
    'a flow graph {schemaVersion, nodes, edges} (resource dmflow://schema/flow; blocks and their settings in dmflow://catalogue/blocks). ' +
      "Settings a node's config leaves out take the block's defaults.",
  );
