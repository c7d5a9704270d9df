/** The run entered `nodeId`; `from` is the node it left and the port it left by (absent for the trigger). */
export interface NodeEntry {
  nodeId: string;
  /** The block type; the implicit end of a terminal port (`$end`) is an `end`. */
  nodeType: string;
  from?: { nodeId: string; port: string };
}
