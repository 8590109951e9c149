/**
 * CycloneDX JSON 1.4–1.6 → draft. Packages come from component purls (nested components
 * included); the image from `metadata.component`; the distribution from an
 * `operating-system` component. Tool-specific properties are read where they carry what a
 * purl cannot: airlock's `airlock:*`, Trivy's `aquasecurity:trivy:*`, Syft's `syft:*`.
 */
import { InputError } from '../../../errors.js';
import type { Distro, PackageLocation } from '../../model.js';
import { addPackage, emptyDraft, isDigest, looksLikeReference, type PackageExtras, type SbomDraft } from '../draft.js';
import { asArray, asObject, asString, type Json } from '../json.js';

const SPEC_VERSIONS = /^1\.[2-6]$/;

export function readCycloneDx(doc: Json, file: string): SbomDraft {
  const spec = asString(doc.specVersion);
  if (!spec || !SPEC_VERSIONS.test(spec))
    throw new InputError(
      file,
      `CycloneDX specVersion ${JSON.stringify(doc.specVersion)} is not one airlock reads (1.4–1.6)`,
    );
  const draft = emptyDraft(`CycloneDX ${spec}`);
  const metadata = asObject(doc.metadata);
  draft.tool = toolName(metadata?.tools);
  draft.created = asString(metadata?.timestamp);
  const root = asObject(metadata?.component);
  if (root) readImage(draft, root);
  walk(draft, asArray(doc.components));
  return draft;
}

function toolName(tools: unknown): string | undefined {
  // 1.5+: { components: [...] }; 1.4: [{ vendor, name, version }].
  const list = Array.isArray(tools) ? tools : asArray(asObject(tools)?.components);
  return asString(asObject(list[0])?.name)?.toLowerCase();
}

function properties(component: Json): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of asArray(component.properties)) {
    const name = asString(asObject(p)?.name);
    const value = asString(asObject(p)?.value);
    if (name && value !== undefined) out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

function readImage(draft: SbomDraft, root: Json): void {
  const props = properties(root);
  const one = (key: string) => props.get(key)?.[0];
  const name = asString(root.name);
  if (name && looksLikeReference(name)) draft.names.push(name);
  draft.names.push(...(props.get('aquasecurity:trivy:RepoTag') ?? []));
  draft.manifestDigest = [
    one('airlock:image:manifestDigest'),
    one('aquasecurity:trivy:RepoDigest')?.split('@')[1],
    asString(root.version),
  ].find(isDigest);
  draft.configDigest = [one('airlock:image:configDigest'), one('aquasecurity:trivy:ImageID')].find(isDigest);
  const platform = one('airlock:image:platform')?.split('/');
  if (platform && platform.length >= 2)
    draft.platform = { os: platform[0], architecture: platform[1], ...(platform[2] ? { variant: platform[2] } : {}) };
  const layers = [...props]
    .filter(([k]) => /^airlock:image:layer:\d+:diffId$/.test(k))
    .sort((a, b) => layerNo(a[0]) - layerNo(b[0]));
  draft.diffIds = layers.length > 0 ? layers.map(([, v]) => v[0]) : (props.get('aquasecurity:trivy:DiffID') ?? []);
}

const layerNo = (key: string) => Number(key.split(':')[3]);

function walk(draft: SbomDraft, components: unknown[]): void {
  for (const raw of components) {
    const c = asObject(raw);
    if (!c) continue;
    const type = asString(c.type);
    if (type === 'operating-system') draft.distro ??= osDistro(c);
    else if (type !== 'container' && type !== 'file') {
      const name = asString(c.name) ?? '(unnamed)';
      addPackage(draft, `${name} ${asString(c.version) ?? ''}`.trim(), asString(c.purl), extras(c, draft.tool), name);
    }
    walk(draft, asArray(c.components));
  }
}

function osDistro(c: Json): Distro | undefined {
  const props = properties(c);
  const id = (props.get('syft:distro:id')?.[0] ?? asString(c.name))?.toLowerCase();
  if (!id) return undefined;
  const distro: Distro = { id };
  const version = props.get('syft:distro:versionID')?.[0] ?? asString(c.version);
  const codename = props.get('syft:distro:versionCodename')?.[0];
  const pretty = props.get('syft:distro:prettyName')?.[0] ?? asString(c.description);
  if (version) distro.versionId = version;
  if (codename) distro.codename = codename;
  if (pretty) distro.prettyName = pretty;
  return distro;
}

function extras(c: Json, tool: string | undefined): PackageExtras {
  const props = properties(c);
  const one = (key: string) => props.get(key)?.[0];
  const out: PackageExtras = { licenses: licenses(c) };
  if (tool === 'airlock') {
    out.name = asString(c.name);
    out.foundBy = one('airlock:package:foundBy');
    out.sourceName = one('airlock:package:sourceName');
    out.sourceVersion = one('airlock:package:sourceVersion');
    out.introducedByLayer = one('airlock:package:introducedByLayer');
    out.locations = indexedLocations(props, 'airlock:location', 'layerDiffId');
    const metadata = [...props]
      .filter(([k]) => k.startsWith('airlock:metadata:'))
      .map(([k, v]) => [k.slice('airlock:metadata:'.length), v[0]]);
    if (metadata.length > 0) out.metadata = Object.fromEntries(metadata);
    return out;
  }
  const trivySource = one('aquasecurity:trivy:SrcName');
  if (trivySource) {
    out.sourceName = trivySource;
    const version = one('aquasecurity:trivy:SrcVersion');
    const release = one('aquasecurity:trivy:SrcRelease');
    const epoch = one('aquasecurity:trivy:SrcEpoch');
    if (version)
      out.sourceVersion = `${epoch && epoch !== '0' ? `${epoch}:` : ''}${version}${release ? `-${release}` : ''}`;
  }
  const trivyLayer = one('aquasecurity:trivy:LayerDiffID');
  const trivyPath = one('aquasecurity:trivy:FilePath');
  if (trivyLayer) out.introducedByLayer = trivyLayer;
  if (trivyPath)
    out.locations = [{ path: `/${trivyPath.replace(/^\//, '')}`, ...(trivyLayer ? { layerDiffId: trivyLayer } : {}) }];
  const syftLocations = indexedLocations(props, 'syft:location', 'layerID');
  if (syftLocations.length > 0) out.locations = syftLocations;
  const foundBy = one('syft:package:foundBy');
  if (foundBy) out.foundBy = foundBy;
  return out;
}

/** `<prefix>:0:path`, `<prefix>:0:<layerKey>`, `<prefix>:1:path` … in index order. */
function indexedLocations(props: Map<string, string[]>, prefix: string, layerKey: string): PackageLocation[] {
  const out: PackageLocation[] = [];
  for (let i = 0; props.has(`${prefix}:${i}:path`); i++) {
    const loc: PackageLocation = { path: props.get(`${prefix}:${i}:path`)![0] };
    const layer = props.get(`${prefix}:${i}:${layerKey}`)?.[0];
    if (layer) loc.layerDiffId = layer;
    out.push(loc);
  }
  return out;
}

function licenses(c: Json): string[] {
  const out: string[] = [];
  for (const raw of asArray(c.licenses)) {
    const entry = asObject(raw);
    const license = asObject(entry?.license);
    const text = asString(entry?.expression) ?? asString(license?.id) ?? asString(license?.name);
    if (text) out.push(text);
  }
  return out;
}
