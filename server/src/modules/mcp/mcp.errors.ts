import { DomainError } from '../../core/errors/domain-error';

export const McpErrors = {
  templateNotFound: (id: string, known: string[]) =>
    new DomainError('template_not_found', `No template "${id}"; templates: ${known.join(', ')} (resource dmflow://templates).`),
  draftOrTemplate: () =>
    new DomainError('draft_or_template', 'Give either `draft` (a flow graph) or `template` (a template id), not both.'),
  flowOrDraft: () => new DomainError('draft_or_template', 'Give either `flow_id` (a saved flow) or `draft` (a flow graph), exactly one.'),
};
