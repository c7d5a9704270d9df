import { useState } from 'react';

const UNITS = [
  { id: 'minutes', label: 'minutes', seconds: 60 },
  { id: 'hours', label: 'hours', seconds: 3600 },
  { id: 'days', label: 'days', seconds: 86_400 },
] as const;
type Unit = (typeof UNITS)[number];

/** The largest unit that shows `seconds` as a whole number (hours for 0, the most common choice). */
export function unitFor(seconds: number): Unit {
  if (seconds === 0) return UNITS[1];
  return [...UNITS].reverse().find((unit) => seconds % unit.seconds === 0) ?? UNITS[0];
}

/** A waiting time stored in seconds, typed in minutes, hours or days. */
export function DurationInput({
  id,
  seconds,
  onChange,
  max,
  describedBy,
  invalid,
}: {
  id: string;
  seconds: number;
  onChange: (seconds: number | undefined) => void;
  max?: number;
  describedBy?: string;
  invalid: boolean;
}) {
  const [unit, setUnit] = useState<Unit>(() => unitFor(seconds));
  const amount = Math.round((seconds / unit.seconds) * 100) / 100;
  return (
    <div className="duration-input">
      <input
        id={id}
        type="number"
        min={0}
        max={max === undefined ? undefined : Math.floor(max / unit.seconds)}
        step="any"
        value={Number.isFinite(amount) ? amount : ''}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Math.round(Number(event.target.value) * unit.seconds))}
      />
      <select
        aria-label="Unit"
        value={unit.id}
        onChange={(event) => {
          const next = UNITS.find((candidate) => candidate.id === event.target.value) ?? UNITS[1];
          setUnit(next);
          onChange(Math.round(amount * next.seconds));
        }}
      >
        {UNITS.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.label}
          </option>
        ))}
      </select>
    </div>
  );
}
