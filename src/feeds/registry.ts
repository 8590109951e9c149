import type { FeedImporter } from '../advisories/model.js';
import { importer as alpineSecdb } from './alpine-secdb/index.js';
import { importer as amazonAlas } from './amazon-alas/index.js';
import { importer as cve5 } from './cve5/index.js';
import { importer as debianLists } from './debian-lists/index.js';
import { importer as debianTrackerJson } from './debian-tracker-json/index.js';
import { importer as debianVulnList } from './debian-vuln-list/index.js';
import { almalinuxOsv, chainguardOsv, rockyOsv } from './distro-osv/index.js';
import { importer as endoflife } from './endoflife/index.js';
import { importer as epss } from './epss/index.js';
import { importer as kev } from './kev/index.js';
import { importer as marinerOval } from './mariner-oval/index.js';
import { importer as nvd } from './nvd/index.js';
import { importer as oracleOval } from './oracle-oval/index.js';
import { importer as osv } from './osv/index.js';
import { importer as photonCve } from './photon-cve/index.js';
import { importer as redhatCsaf } from './redhat-csaf/index.js';
import { importer as redhatCveJson } from './redhat-cve-json/index.js';
import { chainguardSecdb, minimosSecdb, wolfiSecdb } from './rolling-secdb/index.js';
import { importer as suseOval } from './suse-oval/index.js';

/**
 * Every feed format the bundle builder reads, one line each. The order is the
 * preference order: when two feeds give a row for the same vulnerability and
 * package, the earlier importer's row is kept (vuln-list's tracker JSON is newer
 * data than the DSA/DLA list files), and distro and advisory databases come
 * before NVD and CVE records, whose text is only a fallback.
 */
export const allImporters: FeedImporter[] = [
  debianTrackerJson,
  debianVulnList,
  debianLists,
  alpineSecdb,
  wolfiSecdb,
  chainguardSecdb,
  minimosSecdb,
  chainguardOsv,
  almalinuxOsv,
  rockyOsv,
  osv,
  redhatCsaf,
  redhatCveJson,
  amazonAlas,
  oracleOval,
  suseOval,
  marinerOval,
  photonCve,
  nvd,
  cve5,
  kev,
  epss,
  endoflife,
];
