import { readBdbHashValues } from './bdb-hash.js';
import { parseRpmHeader, type RpmHeader } from './header.js';
import { readNdbBlobs } from './ndb.js';
import { eachSqliteBlob } from './sqlite-db.js';

/** rpm's three package database formats, by file name. */
export type RpmDbFormat = 'sqlite' | 'bdb' | 'ndb';

const FORMATS: Record<string, RpmDbFormat> = { 'rpmdb.sqlite': 'sqlite', Packages: 'bdb', 'Packages.db': 'ndb' };

/** rpm keeps its database in /var/lib/rpm; Fedora 36+ and openSUSE moved it to /usr/lib/sysimage/rpm. */
const DB_DIRS = ['/var/lib/rpm/', '/usr/lib/sysimage/rpm/'];

/** Every path an rpm database can have, to follow its history even where the final image lacks it. */
export const RPM_DB_PATHS: string[] = DB_DIRS.flatMap((dir) => Object.keys(FORMATS).map((name) => dir + name));

export function rpmDbFormat(path: string): RpmDbFormat | undefined {
  const dir = DB_DIRS.find((d) => path.startsWith(d));
  return dir === undefined ? undefined : FORMATS[path.slice(dir.length)];
}

/** What the cataloger keeps of one database file: small, plain, no blobs. */
export interface RpmDbAnalysis {
  format: RpmDbFormat;
  packages: RpmHeader[];
  /** Headers that could not be read, each skipped. */
  problems: string[];
}

/**
 * Public-key pseudo-packages (`rpm --import`) are headers too, but not software;
 * Trivy and Syft leave them out as well.
 */
const NOT_SOFTWARE = new Set(['gpg-pubkey']);
const MAX_PROBLEMS = 20;

/** Reads every package header of a database file; a bad header is a problem, a bad file throws. */
export async function readRpmDatabase(format: RpmDbFormat, file: string): Promise<RpmDbAnalysis> {
  const result: RpmDbAnalysis = { format, packages: [], problems: [] };
  let n = 0;
  const problem = (message: string) => {
    if (result.problems.length < MAX_PROBLEMS) result.problems.push(message);
  };
  const add = (blob: Buffer) => {
    n++;
    try {
      const header = parseRpmHeader(blob);
      if (!NOT_SOFTWARE.has(header.name)) result.packages.push(header);
    } catch (err) {
      problem(`package header ${n}: ${(err as Error).message}; skipped`);
    }
  };
  if (format === 'sqlite') await eachSqliteBlob(file, add);
  else if (format === 'bdb') readBdbHashValues(file, add, problem);
  else readNdbBlobs(file, add, problem);
  return result;
}
