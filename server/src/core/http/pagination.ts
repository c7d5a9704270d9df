import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { HttpErrors } from './http.errors';
import { isUuid } from './uuid';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

interface CursorPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ c: position.createdAt.toISOString(), i: position.id })).toString('base64url');
}

function isCanonicalIso(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    // Only what encodeCursor writes: anything else would reach Postgres as a bad timestamp or uuid.
    if (typeof parsed.c === 'string' && typeof parsed.i === 'string' && isUuid(parsed.i) && isCanonicalIso(parsed.c)) {
      return { createdAt: parsed.c, id: parsed.i };
    }
  } catch {
    // fall through to the error below
  }
  throw HttpErrors.invalidCursor();
}

export interface PageKey<Entity> {
  /** The timestamp column rows are ordered by, newest first. */
  column: string;
  timestampOf(entity: Entity): Date;
}

const CREATED_AT: PageKey<{ createdAt: Date }> = { column: 'created_at', timestampOf: (entity) => entity.createdAt };

/**
 * Keyset pagination, newest first, on (timestamp, id): rows inserted between two page requests never shift
 * the pages, so no existing record is skipped or repeated. By default the key is `created_at`.
 */
export async function paginate<Entity extends ObjectLiteral & { id: string }, Item>(
  query: SelectQueryBuilder<Entity>,
  page: PageQueryDto,
  toItem: (entity: Entity) => Item,
  key: PageKey<Entity> = CREATED_AT as unknown as PageKey<Entity>,
): Promise<Page<Item>> {
  const alias = query.alias;
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  // Postgres keeps microseconds, cursors carry milliseconds: compare and sort on the truncated value.
  const timestamp = `date_trunc('milliseconds', ${alias}.${key.column})`;
  if (page.cursor) {
    const position = decodeCursor(page.cursor);
    query.andWhere(`(${timestamp}, ${alias}.id) < (:cursorCreatedAt::timestamptz, :cursorId::uuid)`, {
      cursorCreatedAt: position.createdAt,
      cursorId: position.id,
    });
  }
  const rows = await query
    .orderBy(timestamp, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1)
    .getMany();
  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(toItem),
    has_more: hasMore,
    next_cursor: hasMore && last ? encodeCursor({ createdAt: key.timestampOf(last), id: last.id }) : null,
  };
}
