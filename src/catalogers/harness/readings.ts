import type { FileVersion, WantedFile } from '../types.js';
import type { FileCatalogerSpec, Reading } from './spec.js';

/**
 * Reads versions of files for a spec, each body or analysis once: the final file serves
 * the packages, and every version of its history serves the introducing layer and the
 * layer changes. A version whose body equals the final file's is that file's reading.
 */
export function versionReader<E, S, A>(spec: FileCatalogerSpec<E, S, A>) {
  const cache = new Map<unknown, Reading<E> | undefined>();
  const finals = new Map<string, Buffer>();

  /** Undefined for a version with nothing to read; throws what the parser threw. */
  function read(path: string, version: { content?: Buffer; analysis?: unknown }): Reading<E> | undefined {
    if ('parse' in spec) {
      let content = version.content;
      if (content === undefined) return undefined;
      const final = finals.get(path);
      if (final && final !== content && final.length === content.length && final.equals(content)) content = final;
      if (cache.has(content)) return cache.get(content);
      const parsed = spec.parse(content.toString('utf8'), path);
      const reading = Array.isArray(parsed) ? { entries: parsed } : parsed;
      cache.set(content, reading);
      return reading;
    }
    if (version.analysis === undefined) return undefined;
    if (cache.has(version.analysis)) return cache.get(version.analysis);
    const reading = spec.read(version.analysis as A);
    cache.set(version.analysis, reading);
    return reading;
  }

  return {
    /** The final file's reading; throws when it cannot be read. */
    final(file: WantedFile): Reading<E> | undefined {
      finals.set(file.path, file.content);
      return read(file.path, file);
    },
    /** Any version's entries; undefined when deleted, unreadable or not of this kind. */
    safe(path: string, version: FileVersion): E[] | undefined {
      if (version.deleted) return undefined;
      try {
        return read(path, version)?.entries;
      } catch {
        return undefined;
      }
    },
  };
}
