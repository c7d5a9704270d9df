import type { BlockType } from '@dmflow/shared';
import type { ReactNode } from 'react';
import type { FilledConfig } from './read-block-config';

/** What a block's canvas preview gets: its config, typed by the catalogue, with the defaults filled in. */
export interface BlockContentProps<T extends BlockType> {
  config: FilledConfig<T>;
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
