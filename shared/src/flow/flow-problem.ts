export interface FlowProblem {
  /** The node the problem is about; null for graph-wide problems (e.g. no trigger). */
  nodeId: string | null;
  edgeId?: string;
  /** Config field path for config problems. */
  field?: string;
  /** The block's name as the author sees it (its title, else its type's label), so a reader needs no lookup. */
  block?: string;
  message: string;
}

export interface FlowValidation {
  valid: boolean;
  /** Block publishing. */
  errors: FlowProblem[];
  /** Do not block publishing (ManyChat's Flow Checker style): Instagram may refuse a message at run time. */
  warnings: FlowProblem[];
}
