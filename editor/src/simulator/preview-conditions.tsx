import type { HttpOutcome } from './simulator-driver';

export interface PreviewConditions {
  triggerText: string;
  followsBusiness: boolean;
  httpOutcome: HttpOutcome;
}

const HTTP_OUTCOMES: Array<{ value: HttpOutcome; label: string }> = [
  { value: 'success', label: 'Succeed' },
  { value: 'error', label: 'Fail with an error' },
  { value: 'timeout', label: 'Time out' },
];

interface PreviewConditionsFormProps {
  conditions: PreviewConditions;
  /** "Comment" for a comment trigger, "Message" for a DM. */
  triggerLabel: string;
  onChange: (conditions: PreviewConditions) => void;
}

/** What the preview pretends about the outside world, so every path of the flow can be tried. */
export function PreviewConditionsForm({ conditions, triggerLabel, onChange }: PreviewConditionsFormProps) {
  return (
    <fieldset className="preview-conditions">
      <legend className="visually-hidden">Try it as</legend>
      <div className="preview-condition wide">
        <label htmlFor="preview-trigger-text">{triggerLabel}</label>
        <input
          id="preview-trigger-text"
          value={conditions.triggerText}
          maxLength={500}
          onChange={(event) => onChange({ ...conditions, triggerText: event.target.value })}
        />
      </div>
      <label className="preview-condition preview-check">
        <input
          type="checkbox"
          checked={conditions.followsBusiness}
          onChange={(event) => onChange({ ...conditions, followsBusiness: event.target.checked })}
        />
        Follows your account
      </label>
      <div className="preview-condition">
        <label htmlFor="preview-http">HTTP requests</label>
        <select
          id="preview-http"
          value={conditions.httpOutcome}
          onChange={(event) => onChange({ ...conditions, httpOutcome: event.target.value as HttpOutcome })}
        >
          {HTTP_OUTCOMES.map((outcome) => (
            <option key={outcome.value} value={outcome.value}>
              {outcome.label}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
