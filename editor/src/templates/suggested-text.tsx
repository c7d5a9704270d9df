import { useRef } from 'react';

export interface SuggestedTextProps {
  id: string;
  value: string;
  /** The template's text: while the field still holds it, focusing selects it all so typing replaces it. */
  suggestion: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  rows?: number;
}

/**
 * A text field prefilled with a suggestion the person can keep or type over, without deleting it first. The value
 * is stored exactly as typed (no trimming or splitting per keystroke), so spaces and commas stay where typed.
 */
export function SuggestedText({ id, value, suggestion, onChange, multiline = false, rows = 2 }: SuggestedTextProps) {
  const pristine = useRef(true);
  const selectSuggestion = (element: HTMLInputElement | HTMLTextAreaElement) => {
    if (pristine.current && element.value === suggestion) element.select();
  };
  const change = (next: string) => {
    pristine.current = false;
    onChange(next);
  };
  // A click places the caret after focus; select on mouseup too so the first click still selects the suggestion.
  const common = {
    id,
    value,
    onFocus: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => selectSuggestion(event.currentTarget),
    onMouseUp: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement; preventDefault: () => void }) => {
      if (pristine.current && event.currentTarget.value === suggestion) {
        event.preventDefault();
        event.currentTarget.select();
      }
    },
  };
  return multiline ? (
    <textarea {...common} rows={rows} onChange={(event) => change(event.target.value)} />
  ) : (
    <input {...common} type="text" onChange={(event) => change(event.target.value)} />
  );
}
