/** Every list endpoint answers a cursor page, newest first; pass `next_cursor` back as `?cursor=`. */
export interface PageView<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}
