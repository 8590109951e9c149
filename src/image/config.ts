import { InputError } from '../errors.js';
import type { ImageMeta } from '../sbom/model.js';
import { checkDigest, isObject, stringRecord, type Platform } from './oci-types.js';

export interface ImageConfig {
  diffIds: string[];
  history: ImageMeta['history'];
  labels: Record<string, string>;
  platform?: Platform;
  created?: string;
  /** `config.User`; `""` when the config does not set one. */
  user: string;
}

/** Parses the parts of an image config that the SBOM needs; `rootfs.diff_ids` is mandatory. */
export function parseConfig(label: string, json: unknown): ImageConfig {
  if (!isObject(json)) throw new InputError(label, 'image config is not a JSON object');
  const rootfs = json.rootfs;
  if (!isObject(rootfs) || !Array.isArray(rootfs.diff_ids))
    throw new InputError(label, 'image config has no rootfs.diff_ids');
  const diffIds = rootfs.diff_ids.map((d, i) => checkDigest(label, d, `config rootfs.diff_ids[${i}]`));
  const history = Array.isArray(json.history)
    ? json.history.filter(isObject).map((h) => ({
        createdBy: typeof h.created_by === 'string' ? h.created_by : undefined,
        created: typeof h.created === 'string' ? h.created : undefined,
        emptyLayer: h.empty_layer === true,
        comment: typeof h.comment === 'string' ? h.comment : undefined,
      }))
    : [];
  const inner = isObject(json.config) ? json.config : {};
  const platform =
    typeof json.os === 'string' && typeof json.architecture === 'string'
      ? {
          os: json.os,
          architecture: json.architecture,
          variant: typeof json.variant === 'string' ? json.variant : undefined,
        }
      : undefined;
  return {
    diffIds,
    history,
    labels: stringRecord(inner.Labels),
    platform,
    created: typeof json.created === 'string' ? json.created : undefined,
    user: typeof inner.User === 'string' ? inner.User : '',
  };
}

/** Pairs each layer with its history entry: non-empty history entries map to layers in order. */
export function layerHistory(
  history: ImageMeta['history'],
  layerCount: number,
): (ImageMeta['history'][number] | undefined)[] {
  const nonEmpty = history.filter((h) => !h.emptyLayer);
  // Some builders omit history altogether; only trust it when the counts agree.
  if (nonEmpty.length !== layerCount) return new Array(layerCount).fill(undefined);
  return nonEmpty;
}
