const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether Postgres would accept the value as a uuid: check ids from requests before they reach a query. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
