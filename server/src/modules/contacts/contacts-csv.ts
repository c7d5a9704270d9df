import { stringify } from 'csv-stringify/sync';
import type { Contact } from './entities/contact.entity';

const FIXED_COLUMNS = ['contact_id', 'username', 'instagram_user_id', 'tags', 'first_seen_at', 'last_seen_at'];

/**
 * A spreadsheet opening the file must not run what a contact typed: a cell starting like a formula is kept as
 * text by a leading apostrophe (the OWASP advice for CSV injection).
 */
function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return inertCell(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The lead list: one row per contact, one column per variable any of them has (answers are saved as variables). */
export function contactsCsv(contacts: Contact[]): string {
  const variableNames = [...new Set(contacts.flatMap((contact) => Object.keys(contact.variables)))].sort();
  const rows = contacts.map((contact) => [
    contact.id,
    cellOf(contact.username),
    contact.igUserId,
    cellOf(contact.tags.join('; ')),
    contact.firstSeenAt.toISOString(),
    contact.lastSeenAt.toISOString(),
    ...variableNames.map((name) => cellOf(contact.variables[name])),
  ]);
  return stringify(rows, { header: true, columns: [...FIXED_COLUMNS, ...variableNames.map(inertCell)] });
}
