/**
 * How many decompressed bytes one image may produce in all: the outer archive's
 * decompression plus every layer's, nested or not. The per-layer limit alone (1 GiB
 * plus 1000x) lets a few kilobytes of nested gzip expand to gigabytes, one layer at a
 * time; this bound is shared by them all. Real images expand a few times over their
 * file size, so the default is 1 GiB plus 200x the compressed bytes the image holds (or
 * `AIRLOCK_MAX_LAYER_BYTES`, if larger); `AIRLOCK_MAX_IMAGE_BYTES` sets it outright.
 */
export class ExpansionBudget {
  private compressed = 0;
  private spent = 0;

  constructor(compressedBytes = 0) {
    this.compressed = compressedBytes;
  }

  /** Blobs read from outside the image file (a layout directory's) widen the budget as they are met. */
  addCompressed(bytes: number): void {
    this.compressed += bytes;
  }

  get limit(): number {
    const fromEnv = Number(process.env.AIRLOCK_MAX_IMAGE_BYTES);
    if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
    // A user who raised the per-layer limit for one large sparse layer is not stopped here instead.
    const layer = Number(process.env.AIRLOCK_MAX_LAYER_BYTES);
    return Math.max(1024 ** 3 + this.compressed * 200, Number.isFinite(layer) && layer > 0 ? layer : 0);
  }

  /** Counts decompressed bytes; throws once the image as a whole is over its budget. */
  spend(bytes: number): void {
    this.spent += bytes;
    if (this.spent > this.limit) throw new ImageExpansionError(this.limit);
  }
}

export class ImageExpansionError extends Error {
  constructor(readonly limit: number) {
    super(
      `the image decompresses to more than ${limit} bytes in all (decompression bomb?; AIRLOCK_MAX_IMAGE_BYTES raises the limit)`,
    );
  }
}
