/**
 * Base images that travel inside a signed advisory bundle (advisory schema 2, table
 * `base_catalog`): `bundle build --base-image` analyses each tarball on the connected side
 * and stores its SBOM in the payload database; `db import` files every row in the local
 * catalog as `base add` would, from the SBOM alone (src/services/bundled-bases.ts),
 * replacing entries of the same name. The rows are inside the signed payload, so they are
 * trusted exactly as far as the advisories are. This file turns SBOMs into rows and back;
 * src/db/base-catalog.ts is the one module that writes the table.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { InputError } from '../errors.js';
import { readBaseCatalog, writeBaseCatalog } from '../db/base-catalog.js';
import type { Sbom } from '../sbom/model.js';

export interface BundledBase {
  /** `repository:tag` */
  name: string;
  sbom: Sbom;
}

/** Stores the bases in a database built at schema 2 or later (the table comes from db/migrations/0002). */
export async function writeBundledBases(dbFile: string, bases: BundledBase[]): Promise<void> {
  await writeBaseCatalog(
    dbFile,
    bases.map((b) => ({
      name: b.name,
      sbom: deflateSync(Buffer.from(JSON.stringify(b.sbom))),
      created: b.sbom.image.created ?? null,
    })),
  );
}

/** The bases an installed database carries, by name; none for a schema-1 database. */
export async function readBundledBases(dbFile: string): Promise<BundledBase[]> {
  return (await readBaseCatalog(dbFile)).map((r) => {
    try {
      return { name: r.name, sbom: JSON.parse(inflateSync(r.sbom).toString('utf8')) as Sbom };
    } catch (err) {
      throw new InputError(dbFile, `base_catalog entry ${r.name} is not a compressed SBOM: ${(err as Error).message}`);
    }
  });
}
