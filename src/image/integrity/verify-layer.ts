import { InputError } from '../../errors.js';
import type { Warning } from '../../sbom/model.js';
import type { LayerRecord } from '../layer-scan.js';
import type { LayerRef } from '../resolve.js';

export interface LayerCheck {
  label: string;
  /** 0-based position of the layer in the image. */
  index: number;
  ref: LayerRef;
  /** The config's `rootfs.diff_ids[index]`. */
  diffId: string;
  /** Read on with a warning when the diff_id alone is wrong (the blob must still match its descriptor). */
  allowDiffIdMismatch: boolean;
}

export const DIFF_ID_OVERRIDE_FLAG = '--allow-diff-id-mismatch';

/**
 * Fails closed when a layer's bytes are not the ones the image names: the blob must
 * hash to its descriptor's digest (OCI layouts, Docker 25+ archives) and its
 * uncompressed stream to the config's diff_id. Otherwise a layer swapped for another
 * would be reported under the original's digest. Docker 25.0's `docker save` wrote
 * configs whose diff_ids did not match their layers (moby/moby#47150), so the
 * diff_id check alone can be waived, with a warning, for such archives.
 */
export function verifyLayer(check: LayerCheck, record: LayerRecord, warnings: Warning[]): void {
  const { label, index, ref, diffId } = check;
  const digests = record.digests;
  const which = `layer ${index + 1} (${ref.member})`;
  if (!digests) throw new Error(`${which} was read without digests`);
  if (ref.digest !== undefined && ref.digest !== digests.blob) {
    throw new InputError(
      label,
      `${which} does not match its descriptor: its bytes hash to ${short(digests.blob)}, the manifest names ${short(ref.digest)}`,
      {
        hint: 'the archive was altered after it was written; get a fresh copy from its source',
      },
    );
  }
  if (digests.content === diffId) return;
  const detail = `${which} uncompressed hashes to ${short(digests.content)}, but the config's rootfs.diff_ids[${index}] is ${short(diffId)}`;
  if (check.allowDiffIdMismatch) {
    warnings.push({ path: ref.member, message: `${detail}; read anyway (${DIFF_ID_OVERRIDE_FLAG})` });
    return;
  }
  throw new InputError(label, detail, {
    hint: `the archive was altered, or written by Docker 25.0's docker save, which recorded wrong diff_ids (moby/moby#47150); ${DIFF_ID_OVERRIDE_FLAG} reads such an archive anyway`,
  });
}

function short(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}
