/** A table test: one Jest `it` per row, named by `name(row)` (Jest's `it.each` names rows by a format string only). */
export function cases<Row extends readonly unknown[]>(
  rows: readonly Row[],
  name: (...row: Row) => string,
  test: (...row: Row) => void | Promise<void>,
): void {
  for (const row of rows)
    it(name(...row), async () => {
      await test(...row);
    });
}
