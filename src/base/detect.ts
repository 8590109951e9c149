/**
 * Which catalog image an image was built on. In order:
 *
 * 1. `--base NAME` names it (a catalog name or digest prefix).
 * 2. The OCI annotation, else label, `org.opencontainers.image.base.digest` / `.base.name`
 *    names a catalog entry. A label is inherited by every image built on the one that set
 *    it, so a label loses to a catalog image the layers prove the image starts with, when
 *    that one is longer than what the label names (annotations are never inherited).
 * 3. The catalog image whose diff_ids are the longest prefix of the image's. An entry with
 *    exactly the image's layers is the image itself: taken only when nothing else matches.
 * 4. A label or annotation that names an image not in the catalog: named, with no counts.
 * 5. Nothing: the result says why.
 */
import { UserError } from '../errors.js';
import { buildDate, type CatalogEntry } from './catalog.js';
import { entriesWithDigest, findCatalogEntries } from './lookup.js';
import { namesEntry } from './reference.js';

export const BASE_NAME_KEY = 'org.opencontainers.image.base.name';
export const BASE_DIGEST_KEY = 'org.opencontainers.image.base.digest';

export type DetectionMethod = 'override' | 'annotation' | 'label' | 'layers' | 'itself';

export interface ImageLayersAndHints {
  diffIds: string[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type BaseDetection =
  | {
      kind: 'catalog';
      entry: CatalogEntry;
      by: DetectionMethod;
      /** How many of the image's first layers are the base's (what attribution splits on). */
      baseLayers: number;
      /** True when the layers differ from the entry's and `baseLayers` is the entry's layer count, assumed. */
      assumedLayers: boolean;
      notes: string[];
    }
  | { kind: 'named'; name: string; digest?: string; by: 'annotation' | 'label'; reason: string }
  | { kind: 'none'; reason: string };

export function detectBase(image: ImageLayersAndHints, catalog: CatalogEntry[], override?: string): BaseDetection {
  if (override !== undefined) return fromOverride(image, catalog, override);
  const prefix = longestPrefix(image, catalog);
  const ownLayers = (e: CatalogEntry) => (e.diffIds.length === image.diffIds.length ? 'itself' : 'layers');
  let missed: { name: string; digest?: string; by: 'annotation' | 'label' } | undefined;
  for (const by of ['annotation', 'label'] as const) {
    const hints = by === 'annotation' ? image.annotations : image.labels;
    const name = hints[BASE_NAME_KEY]?.trim() || undefined;
    const digest = hints[BASE_DIGEST_KEY]?.trim() || undefined;
    if (!name && !digest) continue;
    const named = namedEntries(catalog, name, digest);
    if (named.length === 0) {
      missed ??= { name: name ?? digest!, ...(digest ? { digest } : {}), by };
      continue;
    }
    const chosen = preferSharing(image, named);
    if (
      by === 'label' &&
      prefix &&
      prefix !== chosen &&
      prefix.diffIds.length > sharedPrefix(image.diffIds, chosen.diffIds, true)
    ) {
      return catalogMatch(image, prefix, ownLayers(prefix), [
        `its label names ${chosen.name}, but its layers start with ${prefix.name}'s (labels are inherited from the images it was built on)`,
      ]);
    }
    return catalogMatch(image, chosen, by, missedNote(missed));
  }
  if (prefix) return catalogMatch(image, prefix, ownLayers(prefix), missedNote(missed));
  if (missed) return { kind: 'named', ...missed, reason: 'not in the base catalog, no counts' };
  return { kind: 'none', reason: noMatchReason(image, catalog) };
}

const missedNote = (missed: { name: string; by: string } | undefined): string[] =>
  missed ? [`its ${missed.by} names ${missed.name}, which is not in the base catalog`] : [];

function fromOverride(image: ImageLayersAndHints, catalog: CatalogEntry[], override: string): BaseDetection {
  const found = findCatalogEntries(catalog, override);
  if (found.length === 0)
    throw new UserError(`--base ${override} is not in the base catalog`, {
      hint: 'airlock base list shows the catalog; airlock base add TARBALL --name NAME adds one',
    });
  return catalogMatch(image, preferSharing(image, found), 'override', []);
}

function namedEntries(catalog: CatalogEntry[], name: string | undefined, digest: string | undefined): CatalogEntry[] {
  if (digest) {
    const exact = entriesWithDigest(catalog, digest);
    // A digest names one build: the same name on another build is another image.
    return exact.length > 0 || !name ? exact : [];
  }
  return name ? catalog.filter((e) => namesEntry(name, e)) : [];
}

/** Of several builds (or names) of a base: the one the image's layers start with, else the newest. */
function preferSharing(image: ImageLayersAndHints, entries: CatalogEntry[]): CatalogEntry {
  const sharing = entries.filter((e) => isPrefix(e.diffIds, image.diffIds));
  return [...(sharing.length > 0 ? sharing : entries)].sort(bestFirst)[0];
}

const desc = (a: string, b: string) => (b < a ? -1 : b > a ? 1 : 0);

/**
 * The longest chain, then the newest build; one image under several names is named by
 * the name it was last added under (`base add x.tar` names it by its RepoTags, a later
 * `--name` is the user's word).
 */
function bestFirst(a: CatalogEntry, b: CatalogEntry): number {
  return (
    b.diffIds.length - a.diffIds.length ||
    desc(buildDate(a), buildDate(b)) ||
    desc(a.addedAt, b.addedAt) ||
    (a.name < b.name ? -1 : 1)
  );
}

const isPrefix = (chain: string[], of: string[]) =>
  chain.length > 0 && chain.length <= of.length && chain.every((d, i) => of[i] === d);

/** Leading layers two chains share; with `whole`, only a chain that is entirely a prefix counts. */
function sharedPrefix(image: string[], chain: string[], whole = false): number {
  let n = 0;
  while (n < chain.length && n < image.length && image[n] === chain[n]) n += 1;
  return whole && n < chain.length ? 0 : n;
}

/** The longest proper prefix; an entry that is the whole image only when no proper one exists. */
function longestPrefix(image: ImageLayersAndHints, catalog: CatalogEntry[]): CatalogEntry | undefined {
  const matches = catalog.filter((e) => isPrefix(e.diffIds, image.diffIds));
  const proper = matches.filter((e) => e.diffIds.length < image.diffIds.length);
  return (proper.length > 0 ? proper : matches).sort(bestFirst)[0];
}

function catalogMatch(
  image: ImageLayersAndHints,
  entry: CatalogEntry,
  by: DetectionMethod,
  notes: string[],
): BaseDetection {
  const shared = sharedPrefix(image.diffIds, entry.diffIds, true);
  if (shared > 0) return { kind: 'catalog', entry, by, baseLayers: shared, assumedLayers: false, notes };
  if (image.diffIds.length === 0)
    return {
      kind: 'catalog',
      entry,
      by,
      baseLayers: 0,
      assumedLayers: true,
      notes: [...notes, "the image names no layers, so no finding can be told to be the base's"],
    };
  // Named by a label or --base, but built from another build of it: its first layers are taken as the base's.
  const assumed = Math.min(entry.diffIds.length, image.diffIds.length);
  return {
    kind: 'catalog',
    entry,
    by,
    baseLayers: assumed,
    assumedLayers: true,
    notes: [
      ...notes,
      `its layers differ from the catalog's ${entry.name}; ${assumed === 1 ? 'its first layer is' : `its first ${assumed} layers are`} taken as the base's`,
    ],
  };
}

function noMatchReason(image: ImageLayersAndHints, catalog: CatalogEntry[]): string {
  const add = 'add base images with `airlock base add`';
  if (image.diffIds.length === 0)
    return `the image names no layers and no base image label; ${add}, or pass --base NAME`;
  if (catalog.length === 0) return `the base catalog is empty; ${add}`;
  return `no catalog image shares its first layer; ${add}`;
}
