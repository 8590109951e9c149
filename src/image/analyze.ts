import type { FileVersion, WantedFile } from './files.js';
import type { ImageMeta, Layer, Warning } from '../sbom/model.js';
import type { Archive } from './archive.js';
import { attestationTypes } from './attestation.js';
import { layerHistory } from './config.js';
import { keepUpTo, type FilePlan, type LayerRecord, type WantsFile } from './layer-scan.js';
import { LayeredView } from './layered-view.js';
import { FilesystemArchive } from './fs-root.js';
import type { InputKind } from './input-ref.js';
import { openArchive } from './open-archive.js';
import { resolveImage, type ImageSelection, type ResolvedImage } from './resolve.js';
import { StreamArchive } from './stream-archive.js';
import { verifyLayer } from './integrity/verify-layer.js';

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
export async function analyzeImage(input: string, wants: WantsFile, options: AnalyzeOptions = {}): Promise<AnalyzedImage> {
  const { archive, isDirectory } = await openArchive(input, wants, options.kind);
  try {
    const resolved = archive instanceof FilesystemArchive ? await archive.resolve(wants) : await resolveImage(archive, options);
    const layers = describeLayers(archive, resolved);
    const view = new LayeredView();
    const history = new Map<string, FileVersion[]>();
    const warnings: Warning[] = [];
    for (const [i, ref] of resolved.layers.entries()) {
      const record = await archive.scanLayer(ref.member, wants);
      verifyLayer({ label: archive.label, index: i, ref, diffId: resolved.config.diffIds[i], allowDiffIdMismatch: options.allowDiffIdMismatch === true }, record, warnings);
      view.apply(i, record);
      trackHistory(view, history, record, layers[i]);
      for (const w of record.warnings) warnings.push({ path: w.path, message: `${w.message} (layer ${i + 1})` });
      options.onLayer?.(i + 1, resolved.layers.length, layers[i], layers);
    }
    warnings.push(...view.warnings);
    const files = await collectWantedFiles(archive, resolved, view, wants, layers, warnings);
    const meta = imageMeta(input, isDirectory, resolved, layers);
    const attestations = await attestationTypes(archive, resolved.manifestDigest);
    return { meta: attestations ? { ...meta, attestations } : meta, view, files, history, warnings };
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

/** Records, after each layer, how every wanted path changed: written, or deleted by whiteout/opaque/replacement. */
function trackHistory(view: LayeredView, history: Map<string, FileVersion[]>, record: LayerRecord, layer: Layer): void {
  for (const e of record.entries) if ((e.content || e.analysis !== undefined) && !history.has(e.path)) history.set(e.path, []);
  for (const [path, versions] of history) {
    const node = view.lookup(path);
    const last = versions[versions.length - 1];
    if (node?.kind === 'file' && node.layer === layer.index) versions.push({ layer, content: node.content, analysis: node.analysis });
    else if ((!node || node.kind !== 'file') && last && !last.deleted) versions.push({ layer, deleted: true });
  }
}

/**
 * Finds wanted paths in the final image and their content. A wanted path that is a
 * link to a file nobody wanted (so its body was skipped) is read again from the
 * target's layer; a one-pass compressed archive cannot do that and says so.
 */
async function collectWantedFiles(archive: Archive, resolved: ResolvedImage, view: LayeredView, wants: WantsFile, layers: Layer[], warnings: Warning[]): Promise<WantedFile[]> {
  const found: { path: string; target: string; plan: FilePlan }[] = [];
  for (const [path, node] of view.walk()) {
    if (node.kind !== 'file' && node.kind !== 'symlink') continue;
    const plan = wants(path);
    if (plan === undefined) continue;
    if (node.kind === 'symlink' && !plan.followSymlinks) continue;
    const real = view.resolve(path);
    if (!real || real.node.kind !== 'file') {
      if (node.kind === 'symlink') warnings.push({ path: `/${path}`, message: 'symlink does not resolve to a file inside the image' });
      continue;
    }
    if (real.node.size <= plan.maxBytes) found.push({ path, target: real.path, plan });
  }
  const missing = found.filter((f) => f.plan.keep && !view.resolve(f.target)!.node.content);
  await refetch(archive, resolved, view, missing, warnings);
  const files: WantedFile[] = [];
  for (const f of found) {
    const node = view.resolve(f.target)!.node;
    if (f.plan.keep && !node.content) continue;
    files.push({ path: `/${f.path}`, content: node.content ?? EMPTY, layer: layers[node.layer], analysis: node.analysis, size: node.size });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const EMPTY = Buffer.alloc(0);

async function refetch(archive: Archive, resolved: ResolvedImage, view: LayeredView, missing: { target: string; plan: FilePlan }[], warnings: Warning[]): Promise<void> {
  if (!missing.length) return;
  if (archive instanceof StreamArchive) {
    for (const m of missing) warnings.push({ path: `/${m.target}`, message: 'linked file could not be re-read from a compressed archive; decompress it first to include it' });
    return;
  }
  const byLayer = new Map<number, Map<string, FilePlan>>();
  for (const m of missing) {
    const layer = view.resolve(m.target)!.node.layer;
    if (!byLayer.has(layer)) byLayer.set(layer, new Map());
    byLayer.get(layer)!.set(m.target, keepUpTo(m.plan.maxBytes));
  }
  for (const [layer, paths] of byLayer) {
    const record = await archive.scanLayer(resolved.layers[layer].member, (p) => paths.get(p));
    for (const e of record.entries) {
      const node = e.content ? view.lookup(e.path) : undefined;
      if (node?.kind === 'file' && node.layer === layer) node.content = e.content;
    }
  }
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
