import type { ReactNode } from 'react';

export interface BlockContentProps {
  config: Record<string, unknown>;
}

export function Preview({ children, empty }: { children: ReactNode; empty: string }) {
  const isEmpty = children === '' || children === null || children === undefined;
  return <p className={isEmpty ? 'block-preview block-preview-empty' : 'block-preview'}>{isEmpty ? empty : children}</p>;
}

export function Chips({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="block-chips">
      {items.map((item, index) => (
        <li key={`${item}-${index}`}>{item}</li>
      ))}
    </ul>
  );
}

export function Meta({ children }: { children: ReactNode }) {
  return <p className="block-meta">{children}</p>;
}
