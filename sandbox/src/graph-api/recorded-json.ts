// Tests read recorded bodies field by field; a loose type keeps those assertions readable.
export type RecordedJson = any;
