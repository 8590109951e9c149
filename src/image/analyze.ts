import type { FileVersion, WantedFile } from './files.js';
import type { ImageMeta, Layer, Warning } from '../sbom/model.js';
import type { Archive } from './archive.js';
import { attestationTypes } from './attestation.js';
import { layerHistory } from './config.js';
import { type FilePlan, type LayerRecord, type WantsFile } from './layer-scan.js';
import { LayeredView, type BodySource, type FileNode } from './layered-view.js';
import { FilesystemArchive } from './fs-root.js';
import type { InputKind } from './input-ref.js';
import { openArchive } from './open-archive.js';
import { resolveImage, type ImageSelection, type ResolvedImage } from './resolve.js';
import { StreamArchive } from './stream-archive.js';
import { verifyLayer } from './integrity/verify-layer.js';
import { InputError } from '../errors.js';
import { isStackOverflow } from '../system/failures.js';

export interface AnalyzeOptions extends ImageSelection {
  /** What a prefixed argument said the input is (`archive://`, `oci-dir://`, `fs://`); else sniffed. */
  kind?: InputKind;
  /** Read layers whose uncompressed digest differs from the config's diff_id, with a warning (Docker 25.0 archives). */
  allowDiffIdMismatch?: boolean;
  /** Called as each layer has been read; `layers` are all of the image's, for totals. */
  onLayer?: (done: number, total: number, layer: Layer, layers: Layer[]) => void;
}

export interface AnalyzedImage {
  meta: ImageMeta;
  view: LayeredView;
  /** Wanted files present in the final image, symlinks resolved inside the image. */
  files: WantedFile[];
  /** Versions of each wanted path across layers, oldest first. */
  history: Map<string, FileVersion[]>;
  warnings: Warning[];
}

/**
 * Reads an image: picks it from its archive, applies its layers in order and
 * returns the layered view with the bodies of the files that `wants` asked for.
 * Layers are read one at a time and dropped once applied.
 */
export async function analyzeImage(
  input: string,
  wants: WantsFile,
  options: AnalyzeOptions = {},
): Promise<AnalyzedImage> {
  const { archive, isDirectory } = await openArchive(input, wants, options.kind);
  try {
    const resolved =
      archive instanceof FilesystemArchive ? await archive.resolve(wants) : await resolveImage(archive, options);
    const layers = describeLayers(archive, resolved);
    const view = new LayeredView();
    const history = new Map<string, FileVersion[]>();
    const unread: Unread[] = [];
    const warnings: Warning[] = [];
    for (const [i, ref] of resolved.layers.entries()) {
      const record = await archive.scanLayer(ref.member, wants);
      verifyLayer(
        {
          label: archive.label,
          index: i,
          ref,
          diffId: resolved.config.diffIds[i],
          allowDiffIdMismatch: options.allowDiffIdMismatch === true,
        },
        record,
        warnings,
      );
      const placed = view.apply(i, record);
      trackHistory(view, history, record, placed, layers[i], wants, unread);
      for (const w of record.warnings) warnings.push({ path: w.path, message: `${w.message} (layer ${i + 1})` });
      options.onLayer?.(i + 1, resolved.layers.length, layers[i], layers);
    }
    warnings.push(...view.warnings);
    const files = await collectWantedFiles(archive, resolved, view, wants, layers, unread, warnings);
    const meta = imageMeta(input, isDirectory, resolved, layers);
    const attestations = await attestationTypes(archive, resolved.manifestDigest);
    return { meta: attestations ? { ...meta, attestations } : meta, view, files, history, warnings };
  } catch (err) {
    if (isStackOverflow(err))
      throw new InputError(input, 'nested too deeply to read (maximum call stack size exceeded)', { cause: err });
    throw err;
  } finally {
    await archive.close();
  }
}

/** Each layer of the resolved image with its diff_id, stored size and history step. */
export function describeLayers(archive: Archive, resolved: ResolvedImage): Layer[] {
  const hist = layerHistory(resolved.config.history, resolved.layers.length);
  return resolved.layers.map((ref, index) => ({
    index,
    diffId: resolved.config.diffIds[index],
    digest: ref.digest,
    size: archive.sizeOf(ref.member) ?? 0,
    mediaType: ref.mediaType,
    createdBy: hist[index]?.createdBy,
    created: hist[index]?.created,
  }));
}

/**
 * A wanted body that was not read when its layer went by: it reached its path through a
 * symlinked parent from a lower layer, or it is a hard link to a file nobody wanted.
 * `node` is a final file, `version` a step of a wanted path's history; both take the
 * body once it has been read again.
 */
interface Unread {
  source: BodySource;
  plan: FilePlan;
  path: string;
  /** For a final file: its real path (symlinks followed). */
  target?: string;
  node?: FileNode;
  version?: FileVersion;
}

/**
 * Records, after each layer, how every wanted path changed: written, or deleted by
 * whiteout/opaque/replacement. Paths are where the entries landed, so `lnk/status`
 * written through `lnk -> var/lib/dpkg` is a version of var/lib/dpkg/status.
 */
function trackHistory(
  view: LayeredView,
  history: Map<string, FileVersion[]>,
  record: LayerRecord,
  placed: (string | undefined)[],
  layer: Layer,
  wants: WantsFile,
  unread: Unread[],
): void {
  for (const [k, e] of record.entries.entries()) {
    const path = placed[k];
    if (path === undefined || history.has(path)) continue;
    // An entry whose landing place differs from its name was not asked about under that name.
    const moved = (e.kind === 'file' && path !== e.path) || e.kind === 'hardlink';
    if (e.read || e.content || e.analysis !== undefined || (moved && wants(path))) history.set(path, []);
  }
  for (const [path, versions] of history) {
    const node = view.lookup(path);
    const last = versions[versions.length - 1];
    if (node?.kind === 'file' && node.layer === layer.index) {
      const version: FileVersion = { layer, content: node.content, analysis: node.analysis };
      versions.push(version);
      const plan = node.read || !node.source ? undefined : wants(path);
      if (plan && node.size <= plan.maxBytes) unread.push({ source: node.source!, plan, path, version });
    } else if ((!node || node.kind !== 'file') && last && !last.deleted) versions.push({ layer, deleted: true });
  }
}

/**
 * Finds wanted paths in the final image and their content. A wanted file whose body was
 * not read as its layer went by (a link to a file nobody wanted, a file written through
 * a symlinked directory of a lower layer) is read again from the layer that holds its
 * bytes; a one-pass compressed archive cannot do that and says so on the path.
 */
async function collectWantedFiles(
  archive: Archive,
  resolved: ResolvedImage,
  view: LayeredView,
  wants: WantsFile,
  layers: Layer[],
  unread: Unread[],
  warnings: Warning[],
): Promise<WantedFile[]> {
  const found: { path: string; target: string; plan: FilePlan; node: FileNode }[] = [];
  for (const [path, node] of view.walk()) {
    if (node.kind !== 'file' && node.kind !== 'symlink') continue;
    const plan = wants(path);
    if (plan === undefined) continue;
    if (node.kind === 'symlink' && !plan.followSymlinks) continue;
    const real = view.resolve(path);
    if (!real || real.node.kind !== 'file') {
      if (node.kind === 'symlink')
        warnings.push({ path: `/${path}`, message: 'symlink does not resolve to a file inside the image' });
      continue;
    }
    if (real.node.size <= plan.maxBytes) found.push({ path, target: real.path, plan, node: real.node });
  }
  // What `docker run` sees at a wanted path below a symlinked directory, unless its real
  // path is wanted the same way (a jar under lib -> usr/lib is reported once, at usr/lib).
  for (const [alias, real, node] of view.aliases()) {
    const plan = wants(alias);
    if (plan === undefined || !plan.throughLinkedDirs || node.size > plan.maxBytes) continue;
    const atReal = wants(real);
    if (atReal && atReal.keep === plan.keep && !atReal.analyze === !plan.analyze) continue;
    found.push({ path: alias, target: real, plan, node });
  }
  for (const f of found) {
    if (f.node.source && (!f.node.read || (f.plan.keep && !f.node.content)))
      unread.push({ source: f.node.source, plan: f.plan, path: f.path, target: f.target, node: f.node });
  }
  const unknown = await readAgain(archive, resolved, unread, warnings);
  const files: WantedFile[] = [];
  for (const f of found) {
    if (unknown.has(f.node) || (f.plan.keep && !f.node.content)) continue;
    files.push({
      path: `/${f.path}`,
      content: f.node.content ?? EMPTY,
      layer: layers[f.node.layer],
      analysis: f.node.analysis,
      size: f.node.size,
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const EMPTY = Buffer.alloc(0);

/**
 * Reads unread bodies again from the layers holding them, by their entry in that layer.
 * Returns the final files that stay unknown (a one-pass archive), each warned about.
 */
async function readAgain(
  archive: Archive,
  resolved: ResolvedImage,
  unread: Unread[],
  warnings: Warning[],
): Promise<Set<FileNode>> {
  const unknown = new Set<FileNode>();
  if (!unread.length) return unknown;
  const byLayer = new Map<number, Unread[]>();
  for (const u of unread) {
    if (!byLayer.has(u.source.layer)) byLayer.set(u.source.layer, []);
    byLayer.get(u.source.layer)!.push(u);
  }
  const wantsOf = (items: Unread[]): WantsFile => {
    const plans = new Map<string, FilePlan>();
    for (const u of items) plans.set(u.source.path, mergePlans(plans.get(u.source.path), u.plan));
    return (p) => plans.get(p);
  };
  const records = new Map<number, LayerRecord>();
  if (archive instanceof StreamArchive) {
    // One more pass over the compressed archive reads every layer that holds such a body.
    const requests = new Map<string, WantsFile>();
    for (const [layer, items] of byLayer) {
      const member = resolved.layers[layer].member;
      const wants = wantsOf(items);
      const earlier = requests.get(member); // a manifest may list one blob twice
      requests.set(member, earlier ? (p) => earlier(p) ?? wants(p) : wants);
    }
    const byMember = await archive.rescanLayers(requests);
    for (const layer of byLayer.keys()) records.set(layer, byMember.get(resolved.layers[layer].member)!);
  } else {
    for (const [layer, items] of byLayer)
      records.set(layer, await archive.scanLayer(resolved.layers[layer].member, wantsOf(items)));
  }
  for (const [layer, items] of byLayer) {
    const record = records.get(layer)!;
    for (const u of items) {
      const e = record.entries[u.source.index];
      if (!e || e.path !== u.source.path || !e.read) {
        if (u.node && !unknown.has(u.node)) {
          unknown.add(u.node);
          warnings.push({
            path: `/${u.path}`,
            message: 'its body could not be read again from its layer; it is not known what is there',
          });
        }
        continue;
      }
      for (const target of [u.node, u.version]) {
        if (!target) continue;
        if (e.content) target.content = e.content;
        if (e.analysis !== undefined) target.analysis = e.analysis;
      }
      if (u.node) u.node.read = true;
    }
  }
  return unknown;
}

/** One body wanted under two names (a file and a hard link to it) is read once, for both. */
function mergePlans(a: FilePlan | undefined, b: FilePlan): FilePlan {
  if (!a) return b;
  return {
    maxBytes: Math.max(a.maxBytes, b.maxBytes),
    keep: a.keep || b.keep,
    analyze: a.analyze ?? b.analyze,
    followSymlinks: a.followSymlinks || b.followSymlinks,
    throughLinkedDirs: a.throughLinkedDirs || b.throughLinkedDirs,
  };
}

/** The image facts of an SBOM, from the resolved manifest and config. */
export function imageMeta(input: string, isDirectory: boolean, resolved: ResolvedImage, layers: Layer[]): ImageMeta {
  return {
    source: input,
    format: isDirectory && resolved.format !== 'filesystem' ? 'oci-layout' : resolved.format,
    names: resolved.names,
    manifestDigest: resolved.manifestDigest,
    configDigest: resolved.configDigest,
    platform: resolved.config.platform,
    created: resolved.config.created,
    layers,
    labels: resolved.config.labels,
    user: resolved.config.user,
    annotations: resolved.annotations,
    history: resolved.config.history,
  };
}
