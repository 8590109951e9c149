/**
 * endoflife.date API v1 responses: `GET /api/v1/products/full` (`result` is a list of
 * products) and `GET /api/v1/products/<name>` (`result` is one product). Each product has
 * `releases`, each with `name`, `codename`, `releaseDate`, `isEol` and `eolFrom` (a day, or
 * null while no end is announced).
 */
import type { EolRelease } from '../../advisories/model.js';
import { normalizeDay } from '../common/dates.js';
import { isObject, list, RecordError, text, type JsonObject } from '../common/values.js';

/** The products of a response, each to be read on its own so one bad product skips only itself. */
export function productsOf(doc: JsonObject): unknown[] {
  return Array.isArray(doc.result) ? doc.result : [doc.result];
}

/** The releases of one product; a malformed release throws a RecordError naming it. */
export function releasesOf(product: unknown): EolRelease[] {
  if (!isObject(product) || !text(product.name)) throw new RecordError('product without a name');
  const name = (product.name as string).toLowerCase();
  return list(product.releases, 'releases').map((release, i) => {
    if (!isObject(release) || !text(release.name)) throw new RecordError(`releases[${i}] has no name`);
    const eolDate = normalizeDay(release.eolFrom);
    if (release.eolFrom != null && !eolDate)
      throw new RecordError(
        `release ${String(release.name)}: eolFrom ${JSON.stringify(release.eolFrom)} is not a date`,
      );
    return {
      product: name,
      release: release.name as string,
      ...(text(release.codename) ? { codename: release.codename as string } : {}),
      ...(normalizeDay(release.releaseDate) ? { releaseDate: normalizeDay(release.releaseDate) } : {}),
      ...(eolDate ? { eolDate } : {}),
      ...(typeof release.isEol === 'boolean' ? { isEol: release.isEol } : {}),
    };
  });
}
