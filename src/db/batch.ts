/** Keys go into `IN (…)` lists of at most this many bound parameters. */
export const MAX_PARAMS = 500;

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function* chunks<T>(values: T[], size: number): Generator<T[]> {
  for (let i = 0; i < values.length; i += size) yield values.slice(i, i + size);
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
