import type { FileOwners, WantedFile } from '../types.js';

/** dpkg records the files of each installed package in `info/<package>[:<arch>].list`, one absolute path a line. */
const LIST = /^\/var\/lib\/dpkg\/info\/([^/]+?)(?::[^/:]+)?\.list$/;

export const isFileList = (path: string): boolean => LIST.test(path);

/**
 * The files of the packages dpkg reports as installed. Nothing is indexed up front: a
 * query scans the lists once for the few paths asked about, so memory stays the bodies
 * already read (a few MB for ~900 packages) rather than a map of every path.
 */
export function dpkgFileOwners(files: WantedFile[], installed: ReadonlySet<string>): FileOwners {
  const lists: { name: string; content: Buffer }[] = [];
  for (const f of files) {
    const name = LIST.exec(f.path)?.[1];
    if (name !== undefined && installed.has(name)) lists.push({ name, content: f.content });
  }
  return {
    type: 'deb',
    ownersOf(paths) {
      const found = new Map<string, string>();
      if (paths.size === 0) return found;
      for (const { name, content } of lists) {
        const text = content.toString('utf8');
        let start = 0;
        while (start < text.length) {
          let end = text.indexOf('\n', start);
          if (end < 0) end = text.length;
          const line = text.slice(start, end);
          if (paths.has(line) && !found.has(line)) found.set(line, name);
          start = end + 1;
        }
      }
      return found;
    },
  };
}
