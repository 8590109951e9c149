import { posix } from 'node:path';
import StreamZip from 'node-stream-zip';
import { spillToTemp } from '../../image/spill.js';
import { identifyArchive, type JavaArtifact } from './identity.js';
import { manifestIdentity, parseManifest } from './manifest.js';
import { pomLicenses, pomXmlKey } from './pom-licenses.js';
import { isPomProperties, parsePomProperties, type MavenCoordinates } from './pom-properties.js';

/** An artifact found in an archive or in one nested inside it. */
export interface FoundArtifact extends JavaArtifact {
  /** `''` for the archive itself, else the chain of nested entries: `!/BOOT-INF/lib/a.jar`. */
  nestedPath: string;
}

/** What the cataloger keeps of one archive: small and plain. */
export interface ArchiveAnalysis {
  artifacts: FoundArtifact[];
  /** Nested archives or entries that could not be read, each skipped. */
  problems: string[];
}

export interface ArchiveLimits {
  /** Nesting levels read below the archive itself (Spring Boot and WARs need 1, shaded wars 2). */
  maxDepth: number;
  /** A nested archive larger than this (uncompressed) is not extracted. */
  maxNestedBytes: number;
  /** Bytes extracted in all for one outer archive: bounds a zip bomb of many entries. */
  maxTotalNestedBytes: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxDepth: 3,
  maxNestedBytes: 256 * 1024 * 1024,
  maxTotalNestedBytes: 1024 * 1024 * 1024,
};

/** Descriptor files are a few hundred bytes; anything far larger is not one. */
const MAX_TEXT_ENTRY = 1024 * 1024;
const ARCHIVE = /\.(jar|war|ear|jpi|hpi)$/i;

export const isJavaArchiveName = (name: string): boolean => ARCHIVE.test(name);

/**
 * Reads an archive from its central directory (never unpacking it whole): every
 * pom.properties, the manifest's main section, and nested archives, each nested one
 * extracted to a bounded temporary file and removed once read.
 */
export async function analyzeArchive(
  file: string,
  fileName: string,
  limits: ArchiveLimits = DEFAULT_LIMITS,
): Promise<ArchiveAnalysis> {
  const result: ArchiveAnalysis = { artifacts: [], problems: [] };
  const budget = { left: limits.maxTotalNestedBytes };
  await readArchive(file, fileName, '', 0, limits, budget, result);
  return result;
}

/** The descriptors of one archive: its pom.properties, manifest main section and nested archive entries. */
export interface ArchiveDescriptors {
  poms: MavenCoordinates[];
  /** Main-section attributes, names lower-cased. */
  manifest: Map<string, string>;
  nested: StreamZip.ZipEntry[];
  /** `group:artifact` → the licenses its pom.xml declares. */
  pomLicenses: Map<string, string[]>;
  /** Descriptor entries that could not be read, each skipped. */
  problems: string[];
}

/**
 * A descriptor's text, inflated through a bound: the size a zip records may lie, and with
 * the data-descriptor flag (bit 3) set node-stream-zip checks neither size nor CRC, so
 * only the bytes actually inflated are trusted. Over the bound it is a problem, not text.
 */
async function readText(
  zip: StreamZip.StreamZipAsync,
  entry: StreamZip.ZipEntry,
  found: ArchiveDescriptors,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of bounded(await zip.stream(entry), MAX_TEXT_ENTRY)) chunks.push(chunk);
  } catch (err) {
    found.problems.push(`${entry.name}: ${(err as Error).message}; skipped`);
    return undefined;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Opens an archive and reads its descriptors; `body` may go on to read nested entries before it is closed. */
export async function withArchive<T>(
  file: string,
  body: (descriptors: ArchiveDescriptors, zip: StreamZip.StreamZipAsync) => Promise<T>,
): Promise<T> {
  // Entry names are only read, never used as paths to write to, so odd names are harmless.
  // Only the few entries of interest are kept: a jar's central directory can list thousands.
  const zip = new StreamZip.async({ file, skipEntryNameValidation: true, storeEntries: false });
  const wanted: StreamZip.ZipEntry[] = [];
  zip.on('entry', (entry: StreamZip.ZipEntry) => {
    if (
      entry.isFile &&
      (isPomProperties(entry.name) ||
        pomXmlKey(entry.name) ||
        entry.name === 'META-INF/MANIFEST.MF' ||
        ARCHIVE.test(entry.name))
    )
      wanted.push(entry);
  });
  try {
    await zip.entriesCount; // the central directory has been read
    const found: ArchiveDescriptors = {
      poms: [],
      manifest: new Map(),
      nested: [],
      pomLicenses: new Map(),
      problems: [],
    };
    for (const entry of wanted) {
      if (isPomProperties(entry.name) && entry.size <= MAX_TEXT_ENTRY) {
        const text = await readText(zip, entry, found);
        const coordinates = text === undefined ? undefined : parsePomProperties(text);
        if (coordinates) found.poms.push(coordinates);
      } else if (pomXmlKey(entry.name)) {
        if (entry.size > MAX_TEXT_ENTRY) continue;
        const text = await readText(zip, entry, found);
        const licenses = text === undefined ? [] : pomLicenses(text);
        if (licenses.length > 0) found.pomLicenses.set(pomXmlKey(entry.name)!, licenses);
      } else if (entry.name === 'META-INF/MANIFEST.MF' && entry.size <= MAX_TEXT_ENTRY) {
        const text = await readText(zip, entry, found);
        if (text !== undefined) found.manifest = parseManifest(text);
      } else if (ARCHIVE.test(entry.name)) {
        found.nested.push(entry);
      }
    }
    return await body(found, zip);
  } finally {
    await zip.close();
  }
}

async function readArchive(
  file: string,
  fileName: string,
  nestedPath: string,
  depth: number,
  limits: ArchiveLimits,
  budget: { left: number },
  result: ArchiveAnalysis,
): Promise<void> {
  await withArchive(file, async ({ poms, manifest, nested, pomLicenses: licenses, problems }, zip) => {
    for (const problem of problems) result.problems.push(nestedPath ? `${nestedPath.slice(2)}!/${problem}` : problem);
    for (const artifact of identifyArchive(fileName, poms, manifestIdentity(manifest))) {
      const declared =
        artifact.identifiedBy === 'pom.properties'
          ? licenses.get(`${artifact.groupId}:${artifact.artifactId}`)
          : undefined;
      result.artifacts.push({ ...artifact, nestedPath, ...(declared ? { licenses: declared } : {}) });
    }
    if (depth >= limits.maxDepth) {
      // Past the limit nothing is opened, but each archive left unread is named: its contents
      // are missing from the SBOM, so a clean result there would be a false one.
      for (const entry of nested)
        result.problems.push(
          `${nestedPath ? `${nestedPath.slice(2)}!/` : ''}${entry.name}: archive nested ${depth + 1} levels deep, ` +
            `past the nesting limit of ${limits.maxDepth}; not read`,
        );
      return;
    }
    for (const entry of nested) await readNested(zip, entry, nestedPath, depth, limits, budget, result);
  });
}

async function readNested(
  zip: StreamZip.StreamZipAsync,
  entry: StreamZip.ZipEntry,
  parentPath: string,
  depth: number,
  limits: ArchiveLimits,
  budget: { left: number },
  result: ArchiveAnalysis,
): Promise<void> {
  const nestedPath = `${parentPath}!/${entry.name}`;
  const limit = Math.min(limits.maxNestedBytes, budget.left);
  // Which bound stops it: one nested archive's size, or what is left of the outer archive's total.
  const which =
    limit === limits.maxNestedBytes
      ? `the limit of ${limits.maxNestedBytes} bytes per nested archive`
      : `the ${limit} bytes left of the limit of ${limits.maxTotalNestedBytes} bytes extracted per outer archive`;
  if (entry.size > limit) {
    result.problems.push(`${nestedPath.slice(2)}: nested archive of ${entry.size} bytes is over ${which}; skipped`);
    return;
  }
  let spilled: { path: string; remove(): void } | undefined;
  try {
    // What is inflated counts, whatever the entry's recorded size says (and even if it fails).
    spilled = await spillToTemp(
      bounded(await zip.stream(entry), limit, (n) => (budget.left -= n)),
      posix.basename(entry.name),
    );
    await readArchive(spilled.path, posix.basename(entry.name), nestedPath, depth + 1, limits, budget, result);
  } catch (err) {
    const over = err instanceof OverLimit ? ` (${which})` : '';
    result.problems.push(`${nestedPath.slice(2)}: ${(err as Error).message}${over}; skipped`);
  } finally {
    spilled?.remove();
  }
}

/** A bounded read that hit its bound: the recorded size was a lie. */
class OverLimit extends Error {}

/** The stream, failing once it yields more than `limit` bytes: a size field may lie. */
async function* bounded(
  stream: NodeJS.ReadableStream,
  limit: number,
  spend?: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    spend?.(chunk.length);
    if (total > limit) throw new OverLimit(`inflates past ${limit} bytes`);
    yield chunk;
  }
}
