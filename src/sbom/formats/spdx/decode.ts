/**
 * SPDX 2.2/2.3 JSON → draft. Packages come from their `purl` external reference; the
 * packages the document DESCRIBES are the image (or BuildKit's scanned directory), not
 * contents; an OPERATING-SYSTEM package is the distribution. Locations come from
 * `sourceInfo` ("acquired package info from DPKG DB: /var/lib/dpkg/status"), which Syft,
 * BuildKit's Syft scanner and airlock all write; airlock's and Trivy's annotations carry
 * the source package and layer.
 */
import { InputError } from '../../../errors.js';
import type { Distro, PackageLocation } from '../../model.js';
import { addPackage, emptyDraft, isDigest, looksLikeReference, type PackageExtras, type SbomDraft } from '../draft.js';
import { asArray, asObject, asString, type Json } from '../json.js';

const VERSIONS = new Set(['SPDX-2.2', 'SPDX-2.3']);
const NO_VALUE = new Set(['NOASSERTION', 'NONE']);

export function readSpdx(doc: Json, file: string): SbomDraft {
  const version = asString(doc.spdxVersion);
  if (!version || !VERSIONS.has(version))
    throw new InputError(
      file,
      `SPDX version ${JSON.stringify(doc.spdxVersion)} is not one airlock reads (SPDX-2.2, SPDX-2.3)`,
    );
  const draft = emptyDraft(version);
  const creation = asObject(doc.creationInfo);
  draft.created = asString(creation?.created);
  draft.tool = toolName(asArray(creation?.creators));
  const described = describedIds(doc);
  const licenseNames = new Map(
    asArray(doc.hasExtractedLicensingInfos).map((l) => [asString(asObject(l)?.licenseId), asString(asObject(l)?.name)]),
  );
  for (const raw of asArray(doc.packages)) {
    const p = asObject(raw);
    if (!p) continue;
    const id = asString(p.SPDXID) ?? '';
    const name = asString(p.name) ?? '(unnamed)';
    const purpose = asString(p.primaryPackagePurpose);
    if (purpose === 'OPERATING-SYSTEM') {
      draft.distro ??= osDistro(p);
      continue;
    }
    if (described.has(id) || purpose === 'CONTAINER') {
      readRoot(draft, p);
      continue;
    }
    addPackage(
      draft,
      `${name} ${asString(p.versionInfo) ?? ''}`.trim(),
      purlOf(p),
      extras(p, draft.tool, licenseNames),
      name,
    );
  }
  return draft;
}

/** `Tool: syft-v1.0.0`, `Tool: buildkit-v0.17.2`, `Tool: airlock-0.1.0`; the scanner wins over BuildKit. */
function toolName(creators: unknown[]): string | undefined {
  const tools = creators
    .map((c) => /^Tool:\s*(.+?)-v?\d/.exec(asString(c) ?? '')?.[1]?.toLowerCase())
    .filter((t): t is string => !!t);
  return tools.find((t) => t !== 'buildkit') ?? tools[0];
}

function describedIds(doc: Json): Set<string> {
  const ids = new Set(
    asArray(doc.documentDescribes)
      .map(asString)
      .filter((s): s is string => !!s),
  );
  for (const raw of asArray(doc.relationships)) {
    const r = asObject(raw);
    if (asString(r?.relationshipType) === 'DESCRIBES' && asString(r?.spdxElementId) === 'SPDXRef-DOCUMENT') {
      const related = asString(r?.relatedSpdxElement);
      if (related) ids.add(related);
    }
  }
  return ids;
}

function readRoot(draft: SbomDraft, p: Json): void {
  const name = asString(p.name);
  if (name && looksLikeReference(name)) draft.names.push(name);
  // Syft's image root: versionInfo is the manifest digest.
  const version = asString(p.versionInfo);
  if (isDigest(version)) draft.manifestDigest ??= version;
}

function osDistro(p: Json): Distro | undefined {
  const id = asString(p.name)?.toLowerCase();
  if (!id) return undefined;
  const distro: Distro = { id };
  const version = asString(p.versionInfo);
  const pretty = asString(p.description);
  if (version) distro.versionId = version;
  if (pretty) distro.prettyName = pretty;
  return distro;
}

function purlOf(p: Json): string | undefined {
  for (const raw of asArray(p.externalRefs)) {
    const ref = asObject(raw);
    const category = asString(ref?.referenceCategory)?.replace('_', '-');
    const locator = asString(ref?.referenceLocator);
    if (category === 'PACKAGE-MANAGER' && locator?.startsWith('pkg:')) return locator;
  }
  return undefined;
}

/** Annotation comments as key/value: airlock's `airlock:package:sourceName=glibc`, Trivy's `SrcName: glibc`. */
function annotations(p: Json): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of asArray(p.annotations)) {
    const comment = asString(asObject(raw)?.comment);
    const m = comment && (/^(airlock:[\w:]+)=(.*)$/s.exec(comment) ?? /^(\w+):\s*(.*)$/s.exec(comment));
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

function extras(
  p: Json,
  tool: string | undefined,
  licenseNames: Map<string | undefined, string | undefined>,
): PackageExtras {
  const notes = annotations(p);
  const source = /^acquired package info from (.+?): (.+)$/s.exec(asString(p.sourceInfo) ?? '');
  const paths = source
    ? source[2]
        .split(', ')
        .map((s) => s.trim())
        .filter((s) => s.startsWith('/'))
    : [];
  const out: PackageExtras = { licenses: licenses(asString(p.licenseDeclared), licenseNames) };
  if (tool === 'airlock') {
    out.name = asString(p.name);
    out.foundBy = /^(\S+) database$/.exec(source?.[1] ?? '')?.[1];
    out.sourceName = notes.get('airlock:package:sourceName');
    out.sourceVersion = notes.get('airlock:package:sourceVersion');
    out.introducedByLayer = notes.get('airlock:package:introducedByLayer');
    out.locations = paths.map((path, i): PackageLocation => {
      const layer = notes.get(`airlock:location:${i}:layerDiffId`);
      return layer ? { path, layerDiffId: layer } : { path };
    });
    return out;
  }
  out.locations = paths.map((path) => ({ path }));
  const srcName = notes.get('SrcName');
  if (srcName) {
    out.sourceName = srcName;
    const version = notes.get('SrcVersion');
    const release = notes.get('SrcRelease');
    const epoch = notes.get('SrcEpoch');
    if (version)
      out.sourceVersion = `${epoch && epoch !== '0' ? `${epoch}:` : ''}${version}${release ? `-${release}` : ''}`;
  }
  const layer = notes.get('LayerDiffID');
  if (layer) out.introducedByLayer = layer;
  return out;
}

function licenses(declared: string | undefined, names: Map<string | undefined, string | undefined>): string[] {
  if (!declared || NO_VALUE.has(declared)) return [];
  return [declared.replace(/LicenseRef-[\w.-]+/g, (ref) => names.get(ref) ?? ref)];
}
