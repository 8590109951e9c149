/**
 * The SBOM: the hinge of the product. Scanning a tarball, reading an SBOM file and
 * re-evaluating a stored snapshot all produce this shape and meet at matching.
 *
 * This is also the documented `--format json` contract of `airlock sbom`
 * (see docs in README): fields are only ever added, never renamed.
 */

/** Docker Scout-style package types: one per row of the ecosystem table. */
import type { PackageType } from '../ecosystems/table.js';
export type { PackageType };

export interface PackageLocation {
  /** Absolute path inside the image of the file the package was read from. */
  path: string;
  /** diff_id of the layer that last wrote that file. */
  layerDiffId?: string;
}

export interface Package {
  type: PackageType;
  name: string;
  version: string;
  /** Source package (dpkg `Source:`, apk origin `o:`, rpm source rpm name). */
  sourceName?: string;
  /** Source version when it differs from `version` (binNMUs, rebuilds). */
  sourceVersion?: string;
  arch?: string;
  purl: string;
  licenses: string[];
  /** Where the package was found; the first is the package database entry. */
  locations: PackageLocation[];
  /** diff_id of the layer that introduced this package (first layer in which it appears unchanged). */
  introducedByLayer?: string;
  /** Name of the cataloger that produced it (e.g. `dpkg`). */
  foundBy: string;
  /** Extra, cataloger-specific facts (maintainer, installed size, ...). */
  metadata?: Record<string, string | number | boolean>;
  /**
   * For application packages (a jar, a dist-info): the OS package that installed the file
   * they were found in, e.g. a jar shipped by a .deb. Vulnerabilities of such files are
   * the OS package's to fix.
   */
  ownedBy?: { type: 'deb' | 'rpm' | 'apk'; name: string };
}

export interface Distro {
  /** os-release `ID`, lower case: debian, alpine, ubuntu, rhel ... */
  id: string;
  /** os-release `VERSION_ID` (e.g. `12`, `3.20.3`). */
  versionId?: string;
  /** os-release `VERSION_CODENAME` (e.g. `bookworm`). */
  codename?: string;
  prettyName?: string;
  idLike?: string[];
}

export interface Layer {
  index: number;
  /** sha256 of the uncompressed layer tar (the config's rootfs.diff_ids entry). */
  diffId: string;
  /** Digest of the blob as stored (compressed), when the format records it. */
  digest?: string;
  /** Size in bytes of the blob as stored. */
  size: number;
  mediaType?: string;
  /** The `created_by` of the config history entry for this layer. */
  createdBy?: string;
  created?: string;
}

export interface ImageMeta {
  /** What the user passed (path or reference). */
  source: string;
  /** Detected archive format. */
  format: 'docker-archive' | 'docker-archive-oci' | 'oci-archive' | 'oci-layout' | 'filesystem' | 'sbom';
  /** Repository tags naming this image inside the archive, if any. */
  names: string[];
  manifestDigest?: string;
  configDigest?: string;
  platform?: { os: string; architecture: string; variant?: string };
  created?: string;
  layers: Layer[];
  labels: Record<string, string>;
  /** Annotations of the manifest / index descriptor (base image hints etc.). */
  annotations: Record<string, string>;
  /**
   * The config's default user (`config.User`): `""` when unset, which runs as root.
   * Absent when no image config was read (an SBOM document, a snapshot made before it was recorded).
   */
  user?: string;
  /**
   * Predicate types of the in-toto attestations the archive holds for this image
   * (BuildKit attestation manifests): `https://spdx.dev/Document`, `https://slsa.dev/provenance/v0.2`.
   * Empty when there are none; absent when not looked for.
   */
  attestations?: string[];
  /** Full config history incl. empty layers, in order. */
  history: { createdBy?: string; created?: string; emptyLayer: boolean; comment?: string }[];
}

/** A problem with one file that did not stop the SBOM (syft's "unknowns"). */
export interface Warning {
  path: string;
  message: string;
}

/** A package one layer added or removed. */
export interface PackageChange {
  type: PackageType;
  name: string;
  version: string;
}

/**
 * What one layer did to the installed OS packages, read from the package database's
 * history across layers (dpkg, apk, rpm). Compared by name and architecture.
 */
export interface LayerChange {
  /** diff_id of the layer. */
  layer: string;
  added: PackageChange[];
  removed: PackageChange[];
  /** Same package, another version (an upgrade or a downgrade). */
  changed: { type: PackageType; name: string; from: string; to: string }[];
}

export interface Sbom {
  schemaVersion: 1;
  image: ImageMeta;
  distro?: Distro;
  packages: Package[];
  /**
   * Per layer, in layer order, the OS packages it added, removed or changed; layers that
   * changed none are left out. Absent when no OS package database was read (or in SBOMs
   * written before this field existed).
   */
  layerChanges?: LayerChange[];
  warnings: Warning[];
  /** name → version of each cataloger that ran, stored with snapshots to detect staleness. */
  catalogers: Record<string, number>;
  generatedAt: string;
  tool: { name: 'airlock'; version: string };
}
