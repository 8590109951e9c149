/** Small readers for untrusted, loosely typed feed JSON. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An array, or [] when absent; throws when present but not an array (a malformed record). */
export function list(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RecordError(`${what} is not a list`);
  return value;
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** A record the importer must skip, with the reason it gives in its warning. */
export class RecordError extends Error {
  override readonly name = 'RecordError';
}
