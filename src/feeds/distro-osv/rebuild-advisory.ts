/**
 * An AlmaLinux or Rocky Linux OSV advisory (ALSA-/ALBA-/ALEA-, RLSA-/RLBA-/RLEA-) to one
 * Advisory per CVE it fixes. These records name their CVEs in `related`, not `aliases`:
 * one errata fixes several CVEs, and the CVEs are not one flaw (group.ts never joins two
 * CVEs), so each CVE gets its own record keyed by the CVE, with the errata as its alias and
 * as each row's `fixedBy` — the shape Red Hat's CSAF rows have, so the two meet on the CVE
 * and the rebuild's own row can take precedence over Red Hat's for that CVE.
 *
 * Rows name binary rpms (python3-requests, avahi-compat-howl), at the rebuild's own EVR.
 * A fix built for a module stream (`.module+el9.4.0+…`, `.module_el8.8.0+…`) is scoped to
 * that stream with the Red Hat row note (`module ruby:3.3`), the stream read from the
 * advisory's title (`Moderate: ruby:3.3 security update`) — the only place these records
 * name it; when the title names none the row is scoped to modular rpms of any stream
 * (`module *`), never to the non-modular package of the same name.
 *
 * An advisory that names no CVE (most ALBA/RLBA bug-fix errata) fixes no known
 * vulnerability and yields nothing: it is not a finding. Nor does a withdrawn one.
 */
import type { Advisory, AffectedPackage } from '../../advisories/model.js';
import { list } from '../common/values.js';
import { rowNote } from '../redhat-csaf/row-note.js';

const CVE = /^CVE-\d{4}-\d+$/;
const MODULE_BUILD = /\.module[+_]/;
/** `Moderate: ruby:3.3 security, bug fix…`, `mariadb:10.3 security update`. */
const STREAM_IN_TITLE = /^(?:[A-Za-z]+:\s+)?([A-Za-z0-9][A-Za-z0-9_.+-]*):([A-Za-z0-9][A-Za-z0-9_.+-]*)\s/;

export const ANY_MODULE = '*';

const withoutZeroEpoch = (evr: string) => evr.replace(/^0:/, '');

function scopedRow(row: AffectedPackage, stream: string | undefined, errata: string): AffectedPackage {
  const fixes = row.ranges.flatMap((range) => range.events.flatMap((event) => (event.fixed ? [event.fixed] : [])));
  const scoped: AffectedPackage = {
    ...row,
    ranges: row.ranges.map((range) => ({
      ...range,
      events: range.events.map((event) => (event.fixed ? { ...event, fixed: withoutZeroEpoch(event.fixed) } : event)),
    })),
    fixedBy: errata,
  };
  if (row.fixedVersion) scoped.fixedVersion = withoutZeroEpoch(row.fixedVersion);
  if (fixes.some((fix) => MODULE_BUILD.test(fix))) scoped.note = rowNote({ module: stream ?? ANY_MODULE });
  return scoped;
}

/** `record` is the raw OSV document; `normalized` the generic OSV reading of it. */
export function perCveAdvisories(record: Record<string, unknown>, normalized: Advisory, source: string): Advisory[] {
  const cves = [
    ...new Set(
      [...list(record.related, 'related'), ...normalized.aliases].filter(
        (id): id is string => typeof id === 'string' && CVE.test(id),
      ),
    ),
  ];
  // A withdrawn errata withdraws its own fixes, not the CVEs: records keyed by the CVE must
  // not carry `withdrawn` (it would hide the CVE from every source), so it yields none.
  if (cves.length === 0 || normalized.withdrawn) return [];
  const stream = STREAM_IN_TITLE.exec(normalized.summary ?? '');
  const affected = normalized.affected.map((row) =>
    scopedRow(row, stream ? `${stream[1]}:${stream[2]}` : undefined, normalized.id),
  );
  return cves.map((cve) => {
    const advisory: Advisory = {
      id: cve,
      source,
      aliases: [normalized.id],
      references: normalized.references,
      // The errata's title and text describe the update, not the CVE: left to the CVE's own sources.
      severities: [],
      affected,
    };
    if (normalized.published) advisory.published = normalized.published;
    if (normalized.modified) advisory.modified = normalized.modified;
    return advisory;
  });
}
