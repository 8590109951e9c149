/**
 * Policies for stored snapshots, many at a time (every `db import` re-evaluates them all):
 * the policy file, the VEX document and the base catalog are read once, then each image
 * is evaluated on its freshly matched findings without reading any file again.
 */
import { listCatalog, type CatalogEntry } from '../base/catalog.js';
import type { Finding } from '../match/types.js';
import type { Sbom } from '../sbom/model.js';
import type { SnapshotDb } from '../store/open.js';
import { writePolicyState } from '../store/policy-state.js';
import { decideFindings, partitionFindings } from '../vex/apply.js';
import type { VexDocument } from '../vex/model.js';
import { loadVex } from '../vex/load.js';
import { baseFacts, imageLayersAndHints } from './base-facts.js';
import type { PolicyConfig } from './config.js';
import { resolvePolicyConfig } from './default-file.js';
import { evaluatePolicies } from './evaluate.js';

export interface PolicyContext {
  config: PolicyConfig;
  vex?: VexDocument;
  catalog: CatalogEntry[];
}

/** The default policy file and VEX document, and the store's catalog. Throws on a bad policy file. */
export async function loadPolicyContext(
  store: SnapshotDb,
  options: { policyFile?: string; vexFile?: string } = {},
): Promise<PolicyContext> {
  const config = await resolvePolicyConfig(options.policyFile);
  const vex = (await loadVex(options.vexFile, { mustExist: false })).document;
  return { config, ...(vex ? { vex } : {}), catalog: await listCatalog(store) };
}

/** Evaluates one snapshot and records its results in the store. */
export async function storePolicyState(
  store: SnapshotDb,
  imageId: number,
  sbom: Sbom,
  findings: Finding[],
  ctx: PolicyContext,
  now: Date,
): Promise<void> {
  const kept = ctx.vex
    ? partitionFindings(findings, decideFindings(ctx.vex, sbom.image, findings, now).decisions).kept
    : findings;
  const evaluation = evaluatePolicies(
    { sbom, findings: kept, base: baseFacts(imageLayersAndHints(sbom), ctx.catalog) },
    ctx.config,
    now,
  );
  await writePolicyState(store, imageId, {
    at: now.toISOString(),
    ...(ctx.config.file ? { policyFile: ctx.config.file } : {}),
    results: evaluation.results,
  });
}
