import { useState } from 'react';

/** A small menu that inserts `{{variable}}` into the text field it belongs to. */
export function VariablePicker({
  variables,
  onPick,
  label,
}: {
  variables: string[];
  onPick: (placeholder: string) => void;
  label: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <span className="variable-picker">
      <button
        type="button"
        className="link-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={`{x} Insert a variable into ${label}`}
        onClick={() => setOpen(!open)}
      >
        {'{x}'}
      </button>
      {open && (
        <ul role="listbox" className="variable-menu" aria-label="Variables">
          {variables.map((variable) => (
            <li key={variable}>
              <button
                type="button"
                role="option"
                aria-selected="false"
                onClick={() => {
                  onPick(`{{${variable}}}`);
                  setOpen(false);
                }}
              >
                {`{{${variable}}}`}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
