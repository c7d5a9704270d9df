import type { ClipboardEvent, KeyboardEvent } from 'react';
import { useState } from 'react';
import { addedEntries, listValue, splitPasted, splitTyping } from './list-entries';

export interface StringListInputProps {
  id: string;
  label: string;
  value: readonly string[];
  onChange: (value: string[]) => void;
  commaSeparated: boolean;
  maxLength?: number;
  describedBy?: string;
  invalid: boolean;
  placeholder?: string;
}

/**
 * Keywords, tags and public-reply variants as chips: the text being typed is kept exactly as typed (spaces and, in
 * sentences, commas), Enter adds it as an entry, and it already counts while typed, so nothing is lost on save.
 */
export function StringListInput({
  id,
  label,
  value,
  onChange,
  commaSeparated,
  maxLength,
  describedBy,
  invalid,
  placeholder,
}: StringListInputProps) {
  const [typingState, setTyping] = useState('');
  const { added, typing } = addedEntries(value, typingState);

  const type = (text: string) => {
    const split = splitTyping(text, commaSeparated);
    setTyping(split.typing);
    onChange(listValue([...added, ...split.finished], split.typing));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      setTyping('');
      onChange(listValue(added, typing));
    } else if (event.key === 'Backspace' && typing === '' && added.length > 0) {
      // Backspace in an empty field takes the last entry back for editing.
      event.preventDefault();
      const last = added[added.length - 1];
      setTyping(last);
      onChange(listValue(added.slice(0, -1), last));
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const entries = splitPasted(event.clipboardData.getData('text'), commaSeparated);
    if (!entries) return;
    event.preventDefault();
    setTyping('');
    onChange(listValue([...added, ...entries, typing], ''));
  };

  const remove = (index: number) => onChange(listValue([...added.slice(0, index), ...added.slice(index + 1)], typing));

  return (
    <div className={`string-list${invalid ? ' is-invalid' : ''}`}>
      {added.length > 0 && (
        <ul className="string-list-entries" aria-label={`${label} added`}>
          {added.map((entry, index) => (
            <li key={`${index}-${entry}`} className="string-list-entry">
              <span>{entry}</span>
              <button type="button" className="string-list-remove" aria-label={`Remove “${entry}”`} onClick={() => remove(index)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="text"
        value={typing}
        maxLength={maxLength}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        placeholder={added.length ? (commaSeparated ? 'Add another: type, then Enter' : 'Add another, then Enter') : placeholder}
        onChange={(event) => type(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => setTyping('')}
      />
    </div>
  );
}
