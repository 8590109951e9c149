/**
 * What the review shows, computed once from a match result: one row per (vulnerability,
 * package group) as `cves` counts them (a glibc CVE on libc6 and libc-bin is one row about
 * glibc, covering both installed packages), and the image's layers.
 */
import type { Finding } from '../../match/types.js';
import { packageGroups, type PackageGroup } from '../../findings/package-groups.js';
import type { ImageMeta, PackageType } from '../../sbom/model.js';
import { imageInfo } from '../../services/cves.js';
import type { ReviewInput } from '../../services/review.js';
import type { SeverityBand } from '../../severity/index.js';
import { imagePurl } from '../../vex/product.js';
import { buildLayers, layerClass, type LayerClass, type LayerInfo, type HistoryStep } from './layers.js';

// The review's input is gathered by the service (src/services/review.ts).
export type { ReviewInput } from '../../services/review.js';

export type GroupInfo = Omit<PackageGroup, 'findings' | 'counts'>;

export interface FindingRow {
  key: string;
  vulnId: string;
  aliases: string[];
  group: GroupInfo;
  /** One finding per installed package of the group, by package name. */
  findings: Finding[];
  lead: Finding;
  band: SeverityBand;
  cvss?: number;
  epss?: number;
  kev: boolean;
  layer: LayerClass;
  /** Lower-case text free-text search looks in. */
  haystack: string;
}

export interface ReviewData {
  input: ReviewInput;
  image: ImageMeta;
  imageName: string;
  imagePurl: string;
  rows: FindingRow[];
  layers: LayerInfo[];
  steps: HistoryStep[];
  /** Package types that have findings, for the type filter. */
  packageTypes: PackageType[];
}

function rowsOf(group: PackageGroup, baseLayers: ReadonlySet<string>): FindingRow[] {
  const byVuln = new Map<string, Finding[]>();
  for (const f of group.findings) byVuln.set(f.vulnId, [...(byVuln.get(f.vulnId) ?? []), f]);
  const { findings: _f, counts: _c, ...info } = group;
  return [...byVuln.entries()].map(([vulnId, list]) => {
    const findings = [...list].sort((a, b) =>
      a.package.name < b.package.name ? -1 : a.package.name > b.package.name ? 1 : 0,
    );
    const lead = findings[0];
    const aliases = [...new Set(findings.flatMap((f) => f.aliases))].sort();
    const haystack = [
      vulnId,
      ...aliases,
      info.name,
      info.version,
      ...findings.map((f) => f.package.name),
      lead.description ?? '',
    ]
      .join('\n')
      .toLowerCase();
    const row: FindingRow = {
      key: `${vulnId}\u0000${info.key}`,
      vulnId,
      aliases,
      group: info,
      findings,
      lead,
      band: lead.severity.band,
      kev: !!lead.kev,
      layer: layerClass(findings, baseLayers),
      haystack,
    };
    if (lead.severity.cvss) row.cvss = lead.severity.cvss.score;
    if (lead.epss) row.epss = lead.epss.epss;
    return row;
  });
}

/**
 * The base image's layers: as base-image detection found them (src/base/), else the
 * first layer, the usual base of a single-stage build, so the split is never empty.
 */
function baseLayerIds(input: ReviewInput): Set<string> {
  const layers = input.result.sbom.image.layers;
  const count = input.base?.base?.layers?.base ?? Math.min(1, layers.length);
  return new Set(layers.slice(0, count).map((l) => l.diffId));
}

export function buildReviewData(input: ReviewInput): ReviewData {
  const { sbom, findings } = input.result;
  const baseLayers = baseLayerIds(input);
  const rows = packageGroups(findings).flatMap((g) => rowsOf(g, baseLayers));
  const { layers, steps } = buildLayers(sbom, rows, baseLayers);
  return {
    input,
    image: sbom.image,
    imageName: imageInfo(sbom).name,
    imagePurl: imagePurl(sbom.image),
    rows,
    layers,
    steps,
    packageTypes: [...new Set(rows.map((r) => r.group.type))].sort(),
  };
}
