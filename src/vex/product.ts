/**
 * Naming the image and its packages the way VEX statements do: the image as an OCI purl
 * (`pkg:oci/app@sha256:…?repository_url=registry/app&tag=1.0`), its packages by their own
 * purls. A statement about a product matches the image by digest when it names one, else
 * by name and tag; a product that is a package purl is read as being about that package.
 */
import { posix } from 'node:path';
import { PackageURL } from 'packageurl-js';
import type { ImageMeta } from '../sbom/model.js';
import type { VexProduct, VexSubcomponent } from './model.js';

interface ImageRef {
  name: string;
  repository?: string;
  tag?: string;
}

function imageRef(image: ImageMeta): ImageRef {
  const named = image.names.find((n) => n.includes(':') || n.includes('/'));
  if (named) {
    const colon = named.lastIndexOf(':');
    const hasTag = colon > named.lastIndexOf('/');
    const repository = hasTag ? named.slice(0, colon) : named;
    return {
      name: repository.split('/').at(-1)!.toLowerCase(),
      repository: repository.includes('/') ? repository : undefined,
      tag: hasTag ? named.slice(colon + 1) : undefined,
    };
  }
  // An OCI ref name (`latest`) is a tag without a repository: name the image after its file.
  let base = posix.basename(image.source.replace(/\\/g, '/')).toLowerCase();
  while (/\.(tar|gz|tgz|zst|oci|docker)$/.test(base)) base = base.replace(/\.(tar|gz|tgz|zst|oci|docker)$/, '');
  return { name: base || 'image', tag: image.names[0] };
}

/** The purl of the image: its manifest digest when the archive records one, else its config digest (the image ID). */
export function imagePurl(image: ImageMeta): string {
  const ref = imageRef(image);
  const qualifiers: Record<string, string> = {};
  if (ref.repository) qualifiers.repository_url = ref.repository;
  if (ref.tag) qualifiers.tag = ref.tag;
  const digest = image.manifestDigest ?? image.configDigest;
  return new PackageURL(
    'oci',
    undefined,
    ref.name,
    digest,
    Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
  ).toString();
}

function parse(purl: string | undefined): PackageURL | undefined {
  if (!purl?.startsWith('pkg:')) return undefined;
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}

const purlOf = (c: VexSubcomponent) => c.identifiers?.purl ?? c['@id'];

export type ProductMatch = { kind: 'image' } | { kind: 'package'; purl: string } | undefined;

/** Whether a statement's product is this image, a package (by purl), or something else. */
export function matchProduct(product: VexProduct, image: ImageMeta): ProductMatch {
  const raw = purlOf(product);
  const purl = parse(raw);
  if (!purl) return undefined;
  if (purl.type !== 'oci' && purl.type !== 'docker') return { kind: 'package', purl: raw! };
  if (purl.version) {
    const digests = [image.manifestDigest, image.configDigest].filter(Boolean).map((d) => d!.toLowerCase());
    return digests.includes(decodeURIComponent(purl.version).toLowerCase()) ? { kind: 'image' } : undefined;
  }
  const ref = imageRef(image);
  if (purl.name.toLowerCase() !== ref.name) return undefined;
  const q = purl.qualifiers ?? {};
  if (q.tag && q.tag !== ref.tag) return undefined;
  if (q.repository_url && q.repository_url !== ref.repository) return undefined;
  return { kind: 'image' };
}

/**
 * Whether a statement's package purl covers an installed package: same type, namespace and
 * name; the same version when the statement gives one; every qualifier it gives equal.
 */
export function purlCovers(pattern: string, packagePurl: string): boolean {
  const want = parse(pattern);
  const have = parse(packagePurl);
  if (!want || !have) return pattern === packagePurl;
  if (want.type !== have.type || (want.namespace ?? '') !== (have.namespace ?? '') || want.name !== have.name)
    return false;
  if (want.version && want.version !== have.version) return false;
  const haveQ = have.qualifiers ?? {};
  return Object.entries(want.qualifiers ?? {}).every(([k, v]) => haveQ[k] === v);
}

export function subcomponentPurls(product: VexProduct): string[] {
  return (product.subcomponents ?? []).map(purlOf).filter((p): p is string => !!p);
}
