/**
 * The texts matching attaches to findings, read the fast way (src/db/json-rows.ts); the
 * affected rows and aliases come from src/db/queries.ts, read the same way.
 */
import { sql } from 'kysely';
import type { AdvisoryDb } from '../db/open.js';
import { jsonRows, opt, type Cell } from '../db/json-rows.js';

export interface VulnText {
  description?: string;
  references: string[];
}

/** Description (else summary) and references of each id found. */
export async function vulnerabilityTexts(db: AdvisoryDb, ids: string[]): Promise<Map<string, VulnText>> {
  const out = new Map<string, VulnText>();
  if (ids.length === 0) return out;
  const keys = JSON.stringify(ids);
  const texts = await jsonRows<[string, Cell]>(
    db,
    sql<{
      j: string | null;
    }>`select json_group_array(json_array(id, coalesce(description, summary))) as j from vulnerability where id in (select value from json_each(${keys}))`,
  );
  for (const [id, text] of texts) out.set(id, { ...(opt(text) ? { description: text! } : {}), references: [] });
  const refs = await jsonRows<[string, string]>(
    db,
    sql<{
      j: string | null;
    }>`select json_group_array(json_array(vuln_id, url)) as j from (select vuln_id, url from vuln_reference where vuln_id in (select value from json_each(${keys})) order by vuln_id, url)`,
  );
  for (const [id, url] of refs) out.get(id)?.references.push(url);
  return out;
}
