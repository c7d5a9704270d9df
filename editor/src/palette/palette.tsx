import { BLOCK_TYPES, type BlockCategory, type BlockType, blockDefinition } from '@dmflow/shared';
import type { DragEvent } from 'react';
import { BLOCK_EDITORS } from '../blocks/block-editors';
import { startPaletteDrag } from './palette-drag';

const CATEGORY_ORDER: BlockCategory[] = ['trigger', 'messaging', 'input', 'logic', 'contact', 'integration', 'flow'];
const CATEGORY_LABELS: Record<BlockCategory, string> = {
  trigger: 'Start',
  messaging: 'Messages',
  input: 'Questions',
  logic: 'Logic',
  contact: 'Contact',
  integration: 'Integrations',
  flow: 'Flow',
};

/** Every block of the catalogue: click (or Enter) adds it, dragging drops it where you want. */
export function Palette({ onAdd }: { onAdd: (type: BlockType) => void }) {
  const byCategory = CATEGORY_ORDER.map((category) => ({
    category,
    types: BLOCK_TYPES.filter((type) => blockDefinition(type).category === category),
  })).filter((group) => group.types.length > 0);
  return (
    <nav className="palette" aria-label="Blocks">
      {byCategory.map(({ category, types }) => (
        <section key={category}>
          <h2>{CATEGORY_LABELS[category]}</h2>
          {types.map((type) => {
            const definition = blockDefinition(type);
            return (
              <button
                key={type}
                type="button"
                className="palette-item"
                draggable
                data-block-type={type}
                title={definition.description}
                onDragStart={(event: DragEvent) => startPaletteDrag(event.dataTransfer, type)}
                onClick={() => onAdd(type)}
              >
                <span className="palette-glyph" style={{ background: BLOCK_EDITORS[type].accent }} aria-hidden="true">
                  {BLOCK_EDITORS[type].glyph}
                </span>
                {definition.label}
              </button>
            );
          })}
        </section>
      ))}
    </nav>
  );
}
