/**
 * The data of the self-contained HTML report (`cves --format html`, `images --format
 * html`): for each image, one match against the database feeds the findings (VEX
 * applied, suppressed ones kept aside to show), the quickview rows, the policy results,
 * every source's rating of each vulnerability, and the layers.
 */
import type { SeverityRecord } from '../advisories/model.js';
import { severitiesFor } from '../db/queries.js';
import type { HtmlImage, HtmlReportData } from './html-report-model.js';
import type { ReportFilters } from '../findings/model.js';
import { listStoredImages, loadSbom, imageLabel } from '../store/images.js';
import { openSnapshotStore } from '../store/open.js';
import { AIRLOCK_VERSION } from '../version.js';
import { applyVexFile, withVex } from '../vex/reports.js';
import { statePaths } from '../config/paths.js';
import { existsSync } from 'node:fs';
import { buildReport, keepFinding } from './cves.js';
import {
  checkDatabase,
  databaseInfo,
  matchImage,
  matchSbomWithDatabase,
  openScanDatabase,
  type MatchResult,
} from './match.js';
import { policiesOf, type PolicyOptions } from './policy.js';
import { quickviewOf } from './quickview.js';

export interface HtmlReportOptions extends PolicyOptions {
  filters?: ReportFilters;
}

async function severitiesOf(dbFile: string, ids: string[]): Promise<Record<string, SeverityRecord[]>> {
  const db = await openScanDatabase(dbFile);
  try {
    return Object.fromEntries(await severitiesFor(db, ids));
  } finally {
    await db.destroy();
  }
}

async function imageSection(
  matched: MatchResult,
  options: HtmlReportOptions,
  extra: { label?: string; scannedAt?: string } = {},
): Promise<HtmlImage> {
  const now = options.now ?? new Date();
  const filters = options.filters ?? {};
  const vex = await applyVexFile(matched, options.vexFile, now);
  const report = withVex(buildReport(vex.result, filters, now), vex, (f) => keepFinding(f, filters), true);
  const quickview = await quickviewOf(matched, options, extra.label ? { name: extra.label } : {});
  const { suppressed: _s, ...policy } = await policiesOf(matched, options);
  const ids = [...report.findings, ...(report.suppressed ?? [])].flatMap((f) => [f.vulnId, ...f.aliases]);
  return {
    label: extra.label ?? report.image.name,
    ...(extra.scannedAt ? { scannedAt: extra.scannedAt } : {}),
    report,
    quickview,
    policy,
    layers: matched.sbom.image.layers,
    severities: await severitiesOf(matched.database.path, ids),
  };
}

function reportData(
  title: string,
  images: HtmlImage[],
  now: Date,
  database: HtmlReportData['database'],
): HtmlReportData {
  return {
    title,
    generatedAt: now.toISOString(),
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
    database,
    images,
  };
}

/** `cves IMAGE --format html`. */
export async function htmlReportForImage(input: string, options: HtmlReportOptions = {}): Promise<HtmlReportData> {
  const now = options.now ?? new Date();
  const matched = await matchImage(input, { ...options, now });
  const section = await imageSection(matched, { ...options, now });
  return reportData(`airlock report: ${section.label}`, [section], now, matched.database);
}

/** `images --format html`: every stored snapshot, matched against the installed database as it is now. */
export async function htmlReportForStore(options: HtmlReportOptions = {}): Promise<HtmlReportData> {
  const now = options.now ?? new Date();
  const dbFile = options.dbFile ?? statePaths().advisoryDb;
  const storeFile = options.storeFile ?? statePaths().snapshotDb;
  await checkDatabase(dbFile, now, options);
  const sections: HtmlImage[] = [];
  let database: HtmlReportData['database'] | undefined;
  if (existsSync(storeFile)) {
    const store = await openSnapshotStore(storeFile);
    const stored: { label: string; scannedAt: string; sbom: Awaited<ReturnType<typeof loadSbom>> }[] = [];
    try {
      for (const image of await listStoredImages(store))
        stored.push({ label: imageLabel(image), scannedAt: image.scannedAt, sbom: await loadSbom(store, image.id) });
    } finally {
      await store.destroy();
    }
    for (const s of stored) {
      const matched = await matchSbomWithDatabase(s.sbom, dbFile, now, options);
      database ??= matched.database;
      sections.push(
        await imageSection(matched, { ...options, dbFile, storeFile, now }, { label: s.label, scannedAt: s.scannedAt }),
      );
    }
  }
  if (!database) {
    const db = await openScanDatabase(dbFile);
    try {
      database = await databaseInfo(db, dbFile, now);
    } finally {
      await db.destroy();
    }
  }
  return reportData(`airlock report: ${sections.length} stored images`, sections, now, database);
}
