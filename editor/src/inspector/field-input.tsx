import { assertNever, type FieldDescriptor } from '@dmflow/shared';
import { useId, useRef } from 'react';
import { FlowField } from '../flow-picker/flow-field';
import { PostField } from '../post-picker/post-field';
import { RefLinkField } from '../ref-link/ref-link-field';
import { DurationInput } from './duration-input';
import { StringListInput } from './string-list-input';
import { VariablePicker } from './variable-picker';

export interface FieldInputProps {
  field: FieldDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
  variables: string[];
  problems: string[];
}

function insertAt(element: HTMLInputElement | HTMLTextAreaElement | null, current: string, insertion: string): string {
  const start = element?.selectionStart ?? current.length;
  const end = element?.selectionEnd ?? current.length;
  return current.slice(0, start) + insertion + current.slice(end);
}

function asRecords(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object') : [];
}

/** "Quick replies" → "Quick reply", "Buttons" → "Button", "Rules" → "Rule". */
export function singular(label: string): string {
  if (/ies$/.test(label)) return label.replace(/ies$/, 'y');
  return label.replace(/s$/, '');
}

/** One config field, rendered from the catalogue's FieldDescriptor. */
export function FieldInput({ field, value, onChange, variables, problems }: FieldInputProps) {
  const id = useId();
  const textRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const describedBy = problems.length ? `${id}-problems` : field.help ? `${id}-help` : undefined;
  const common = { id, 'aria-invalid': problems.length > 0, 'aria-describedby': describedBy, placeholder: field.placeholder };

  const control = (() => {
    switch (field.kind) {
      case 'text':
        return (
          <input
            {...common}
            ref={textRef}
            type="text"
            value={text}
            maxLength={field.maxLength}
            onChange={(event) => onChange(event.target.value)}
          />
        );
      case 'textarea':
        return (
          <textarea
            {...common}
            ref={textRef}
            rows={4}
            value={text}
            maxLength={field.maxLength}
            onChange={(event) => onChange(event.target.value)}
          />
        );
      case 'number':
        if (field.durationInSeconds)
          return (
            <DurationInput
              id={id}
              seconds={typeof value === 'number' ? value : 0}
              onChange={onChange}
              max={field.max}
              describedBy={describedBy}
              invalid={problems.length > 0}
            />
          );
        return (
          <input
            {...common}
            type="number"
            value={text}
            min={field.min}
            max={field.max}
            onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
          />
        );
      case 'boolean':
        return <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
      case 'select':
        return (
          <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
            {(field.options ?? []).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        );
      case 'multi-select': {
        const chosen = Array.isArray(value) ? value : [];
        return (
          <fieldset
            id={id}
            className="multi-select"
            aria-label={field.label}
            aria-invalid={problems.length > 0}
            aria-describedby={describedBy}
          >
            {(field.options ?? []).map((option) => (
              <label key={option.value} className="multi-select-option">
                <input
                  type="checkbox"
                  checked={chosen.includes(option.value)}
                  onChange={(event) =>
                    onChange(
                      // Kept in the options' order, so the saved config reads the same however it was ticked.
                      (field.options ?? [])
                        .map((candidate) => candidate.value)
                        .filter((candidate) => (candidate === option.value ? event.target.checked : chosen.includes(candidate))),
                    )
                  }
                />
                {option.label}
              </label>
            ))}
          </fieldset>
        );
      }
      case 'string-list':
        return (
          <StringListInput
            id={id}
            label={field.label}
            value={Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []}
            onChange={onChange}
            commaSeparated={field.commaSeparated === true}
            maxLength={field.maxLength}
            describedBy={describedBy}
            invalid={problems.length > 0}
            placeholder={field.placeholder ?? (field.commaSeparated ? 'Type, then Enter or a comma' : 'Type, then Enter to add')}
          />
        );
      case 'post':
        return <PostField id={id} value={text} onChange={onChange} />;
      case 'ref-link':
        return <RefLinkField inputProps={common} value={text} maxLength={field.maxLength} onChange={onChange} />;
      case 'flow':
        return <FlowField inputProps={common} value={text} onChange={onChange} />;
      case 'list':
      case 'key-value-list':
        return <ListInput field={field} items={asRecords(value)} onChange={onChange} variables={variables} />;
      default:
        return assertNever(field.kind, 'field kind');
    }
  })();

  return (
    <div className={`field field-${field.kind}${problems.length ? ' field-invalid' : ''}`}>
      <div className="field-label-row">
        <label htmlFor={id}>{field.label}</label>
        {field.templated && (
          <VariablePicker
            variables={variables}
            label={field.label}
            onPick={(placeholder) => onChange(insertAt(textRef.current, text, placeholder))}
          />
        )}
      </div>
      {control}
      {field.help && !problems.length && (
        <p id={`${id}-help`} className="field-help">
          {field.help}
        </p>
      )}
      {problems.length > 0 && (
        <ul id={`${id}-problems`} className="field-problems" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ListInput({
  field,
  items,
  onChange,
  variables,
}: {
  field: FieldDescriptor;
  items: Record<string, unknown>[];
  onChange: (value: unknown) => void;
  variables: string[];
}) {
  const itemFields = field.itemFields ?? [];
  const canAdd = field.maxItems === undefined || items.length < field.maxItems;
  return (
    <div className="list-input">
      {items.map((item, index) => (
        <fieldset key={index} className="list-item">
          <legend>
            {field.label} {index + 1}
          </legend>
          {itemFields
            .filter(
              (itemField) => !itemField.visibleWhen || itemField.visibleWhen.equals.includes(item[itemField.visibleWhen.field] as string),
            )
            .map((itemField) => (
              <FieldInput
                key={itemField.name}
                field={itemField}
                value={item[itemField.name]}
                variables={variables}
                problems={[]}
                onChange={(next) =>
                  onChange(items.map((existing, position) => (position === index ? { ...existing, [itemField.name]: next } : existing)))
                }
              />
            ))}
          <button type="button" className="link-button danger" onClick={() => onChange(items.filter((_, position) => position !== index))}>
            Remove
          </button>
        </fieldset>
      ))}
      {canAdd && (
        <button type="button" className="secondary" onClick={() => onChange([...items, field.newItem ? field.newItem() : {}])}>
          Add {singular(field.label).toLowerCase()}
        </button>
      )}
    </div>
  );
}
