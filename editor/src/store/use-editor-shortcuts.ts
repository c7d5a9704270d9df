import { useEffect } from 'react';

export interface EditorShortcuts {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  save: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Ctrl/⌘ + Z, Shift+Z or Y, C, V, S. Text fields keep their own undo and clipboard. */
export function useEditorShortcuts(shortcuts: EditorShortcuts): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        shortcuts.save();
        return;
      }
      if (isTyping(event.target)) return;
      const action =
        key === 'z'
          ? event.shiftKey
            ? shortcuts.redo
            : shortcuts.undo
          : key === 'y'
            ? shortcuts.redo
            : key === 'c'
              ? shortcuts.copy
              : key === 'v'
                ? shortcuts.paste
                : null;
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shortcuts]);
}
