import type { Package, Sbom } from '../../model.js';
import { compact, contentUuid, imageName, isOsPackage, packageRefs, sortedPackages } from '../order.js';
import { isCompound, spdxExpressionOf } from '../spdx/license.js';

/**
 * CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/). The image is
 * `metadata.component` (type container), the distribution an `operating-system`
 * component, each package a `library` whose bom-ref is its purl. Facts CycloneDX has no
 * field for (layer, source package, database path) are `airlock:` properties, the way
 * Trivy and syft carry theirs under `aquasecurity:trivy:` and `syft:`.
 */

type Property = { name: string; value: string };
type License = Record<string, unknown>;

const IMAGE_REF = 'image';
const OS_REF = 'os';

export function renderCycloneDx(sbom: Sbom): string {
  const packages = sortedPackages(sbom.packages);
  const refs = packageRefs(packages);
  const components: Record<string, unknown>[] = [];
  if (sbom.distro) {
    components.push(
      compact({
        type: 'operating-system',
        'bom-ref': OS_REF,
        name: sbom.distro.id,
        version: sbom.distro.versionId,
        description: sbom.distro.prettyName,
      }),
    );
  }
  packages.forEach((p, i) => components.push(component(p, refs[i])));

  const osRefs = refs.filter((_, i) => isOsPackage(packages[i]));
  const appRefs = refs.filter((_, i) => !isOsPackage(packages[i]));
  const dependencies = sbom.distro
    ? [
        { ref: IMAGE_REF, dependsOn: [OS_REF, ...appRefs] },
        { ref: OS_REF, dependsOn: osRefs },
      ]
    : [{ ref: IMAGE_REF, dependsOn: refs }];

  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${contentUuid(JSON.stringify({ ...sbom, packages }))}`,
    version: 1,
    metadata: {
      timestamp: sbom.generatedAt,
      tools: { components: [{ type: 'application', name: sbom.tool.name, version: sbom.tool.version }] },
      component: imageComponent(sbom),
    },
    components,
    dependencies,
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}

function imageComponent(sbom: Sbom): Record<string, unknown> {
  const { image } = sbom;
  const properties: Property[] = [{ name: 'airlock:image:format', value: image.format }];
  if (image.manifestDigest) properties.push({ name: 'airlock:image:manifestDigest', value: image.manifestDigest });
  if (image.configDigest) properties.push({ name: 'airlock:image:configDigest', value: image.configDigest });
  if (image.platform) {
    const { os, architecture, variant } = image.platform;
    properties.push({ name: 'airlock:image:platform', value: [os, architecture, variant].filter(Boolean).join('/') });
  }
  for (const layer of image.layers)
    properties.push({ name: `airlock:image:layer:${layer.index}:diffId`, value: layer.diffId });
  return { type: 'container', 'bom-ref': IMAGE_REF, name: imageName(sbom), properties };
}

function component(p: Package, ref: string): Record<string, unknown> {
  const properties: Property[] = [
    { name: 'airlock:package:type', value: p.type },
    { name: 'airlock:package:foundBy', value: p.foundBy },
  ];
  if (p.sourceName) properties.push({ name: 'airlock:package:sourceName', value: p.sourceName });
  if (p.sourceVersion) properties.push({ name: 'airlock:package:sourceVersion', value: p.sourceVersion });
  if (p.introducedByLayer) properties.push({ name: 'airlock:package:introducedByLayer', value: p.introducedByLayer });
  if (p.ownedBy) properties.push({ name: 'airlock:package:ownedBy', value: `${p.ownedBy.type}:${p.ownedBy.name}` });
  p.locations.forEach((loc, i) => {
    properties.push({ name: `airlock:location:${i}:path`, value: loc.path });
    if (loc.layerDiffId) properties.push({ name: `airlock:location:${i}:layerDiffId`, value: loc.layerDiffId });
  });
  for (const [key, value] of Object.entries(p.metadata ?? {}))
    properties.push({ name: `airlock:metadata:${key}`, value: String(value) });
  return compact({
    type: 'library',
    'bom-ref': ref,
    name: p.name,
    version: p.version,
    purl: p.purl,
    licenses: p.licenses.length > 0 ? licenses(p.licenses) : undefined,
    properties,
  });
}

/**
 * CycloneDX takes either license objects (an SPDX `id`, else a `name`) or one single
 * `expression`. A lone compound expression is given as such; otherwise each license
 * is an object and compound ones keep their text as a name.
 */
function licenses(names: string[]): License[] {
  if (names.length === 1) {
    const expression = spdxExpressionOf(names[0]);
    if (expression && isCompound(expression)) return [{ expression, acknowledgement: 'declared' }];
  }
  return names.map((name) => {
    const expression = spdxExpressionOf(name);
    const license = expression && !isCompound(expression) ? { id: expression } : { name };
    return { license: { ...license, acknowledgement: 'declared' } };
  });
}
