import { type BlockType, isBlockType } from '@dmflow/shared';

export const PALETTE_DRAG_TYPE = 'application/x-dmflow-block';

export function startPaletteDrag(dataTransfer: DataTransfer, type: BlockType): void {
  dataTransfer.setData(PALETTE_DRAG_TYPE, type);
  dataTransfer.effectAllowed = 'copy';
}

export function isPaletteDrag(dataTransfer: DataTransfer): boolean {
  return dataTransfer.types.includes(PALETTE_DRAG_TYPE);
}

export function droppedBlockType(dataTransfer: DataTransfer): BlockType | null {
  const data = dataTransfer.getData(PALETTE_DRAG_TYPE);
  return isBlockType(data) ? data : null;
}
