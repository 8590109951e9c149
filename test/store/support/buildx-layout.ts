/**
 * What `docker buildx build --sbom=true --output type=oci` writes, around a real image:
 * index.json → image index → { the image manifest (linux/amd64), an attestation manifest
 * (unknown/unknown, `vnd.docker.reference.type: attestation-manifest`,
 * `vnd.docker.reference.digest` = the image manifest) }; the attestation manifest's layers
 * are in-toto Statements, one with the SPDX SBOM (as BuildKit's Syft scanner writes it), one
 * with SLSA provenance (buildx's default `--provenance=mode=min`). The image's own
 * manifest, config and layer blobs are copied byte for byte from the real archive.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { tarOf, type TreeEntry } from '../../support/image-builder.js';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export interface BuildxOptions {
  /** A real single-image oci-archive to take the image from. */
  image: string;
  /** The SPDX document BuildKit would attach. */
  spdx: object;
  /** `docker.io/library/minbase:1.0`, as buildx annotates the index. */
  name: string;
  /** Replace the layer blobs' content by bytes that are no tar at all (same descriptors): proves they are never read. */
  garbleLayers?: boolean;
}

function member(archive: string, path: string): Buffer {
  return execFileSync('tar', ['-xOf', archive, path], { maxBuffer: 1 << 30 });
}

export async function buildxOciArchive(
  options: BuildxOptions,
): Promise<{ tar: Buffer; manifestDigest: string; statement: object }> {
  const index = JSON.parse(member(options.image, 'index.json').toString('utf8'));
  const imageDesc = index.manifests[0];
  const manifestHex = imageDesc.digest.split(':')[1];
  const manifest = member(options.image, `blobs/sha256/${manifestHex}`);
  const parsed = JSON.parse(manifest.toString('utf8'));
  const blobs = new Map<string, Buffer>([[manifestHex, manifest]]);
  const configHex = parsed.config.digest.split(':')[1];
  blobs.set(configHex, member(options.image, `blobs/sha256/${configHex}`));
  for (const layer of parsed.layers) {
    const hex = layer.digest.split(':')[1];
    // A garbled layer keeps its name and size class, so only reading it could tell.
    blobs.set(
      hex,
      options.garbleLayers
        ? Buffer.from('not a layer: this blob must never be read\n')
        : member(options.image, `blobs/sha256/${hex}`),
    );
  }

  const subject = [{ name: `pkg:docker/${options.name}?platform=linux%2Famd64`, digest: { sha256: manifestHex } }];
  const statement = {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://spdx.dev/Document',
    subject,
    predicate: options.spdx,
  };
  const provenance = {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subject,
    predicate: {
      builder: { id: '' },
      buildType: 'https://mobyproject.org/buildkit@v1',
      metadata: {
        buildInvocationID: 'l3q6nbh8yg0q1xu1n5c3k1y2v',
        completeness: { parameters: false, environment: true, materials: false },
        reproducible: false,
      },
    },
  };
  const sbomBlob = Buffer.from(JSON.stringify(statement, null, 2));
  const provenanceBlob = Buffer.from(JSON.stringify(provenance, null, 2));
  const attConfig = Buffer.from(
    JSON.stringify({
      architecture: 'unknown',
      os: 'unknown',
      config: {},
      rootfs: { type: 'layers', diff_ids: [`sha256:${sha(sbomBlob)}`, `sha256:${sha(provenanceBlob)}`] },
    }),
  );
  const attManifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: `sha256:${sha(attConfig)}`,
        size: attConfig.length,
      },
      layers: [
        {
          mediaType: 'application/vnd.in-toto+json',
          digest: `sha256:${sha(sbomBlob)}`,
          size: sbomBlob.length,
          annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' },
        },
        {
          mediaType: 'application/vnd.in-toto+json',
          digest: `sha256:${sha(provenanceBlob)}`,
          size: provenanceBlob.length,
          annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
        },
      ],
    }),
  );
  const imageIndex = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        {
          mediaType: OCI_MANIFEST,
          digest: imageDesc.digest,
          size: manifest.length,
          platform: { architecture: 'amd64', os: 'linux' },
        },
        {
          mediaType: OCI_MANIFEST,
          digest: `sha256:${sha(attManifest)}`,
          size: attManifest.length,
          annotations: {
            'vnd.docker.reference.digest': imageDesc.digest,
            'vnd.docker.reference.type': 'attestation-manifest',
          },
          platform: { architecture: 'unknown', os: 'unknown' },
        },
      ],
    }),
  );
  for (const b of [sbomBlob, provenanceBlob, attConfig, attManifest, imageIndex]) blobs.set(sha(b), b);
  const top = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      {
        mediaType: OCI_INDEX,
        digest: `sha256:${sha(imageIndex)}`,
        size: imageIndex.length,
        annotations: {
          'io.containerd.image.name': options.name,
          'org.opencontainers.image.ref.name': options.name.split(':').pop(),
        },
      },
    ],
  };
  const entries: TreeEntry[] = [
    { path: 'blobs/', type: 'dir' },
    { path: 'blobs/sha256/', type: 'dir' },
    ...[...blobs].map(([hex, data]) => ({ path: `blobs/sha256/${hex}`, content: data })),
    { path: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
    { path: 'index.json', content: JSON.stringify(top) },
  ];
  return { tar: await tarOf(entries), manifestDigest: imageDesc.digest, statement };
}
