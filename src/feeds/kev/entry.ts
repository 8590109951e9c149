/** One KEV catalog entry to a KevEntry; dates stay calendar days as CISA writes them. */
import type { KevEntry } from '../../advisories/model.js';
import { normalizeDay } from '../common/dates.js';
import { RecordError, isObject, text } from '../common/values.js';

export function kevEntry(raw: unknown): KevEntry {
  if (!isObject(raw)) throw new RecordError('not an object');
  const cve = text(raw.cveID)?.trim();
  if (!cve || !/^CVE-\d{4}-\d{4,}$/.test(cve))
    throw new RecordError(`cveID ${JSON.stringify(raw.cveID)} is not a CVE id`);
  const dateAdded = normalizeDay(raw.dateAdded);
  if (!dateAdded) throw new RecordError(`dateAdded ${JSON.stringify(raw.dateAdded)} is not a date`);
  const entry: KevEntry = {
    cve,
    vendor: text(raw.vendorProject) ?? '',
    product: text(raw.product) ?? '',
    name: text(raw.vulnerabilityName) ?? '',
    dateAdded,
  };
  const dueDate = normalizeDay(raw.dueDate);
  const requiredAction = text(raw.requiredAction);
  const ransomware = text(raw.knownRansomwareCampaignUse);
  if (dueDate) entry.dueDate = dueDate;
  if (requiredAction) entry.requiredAction = requiredAction;
  if (ransomware) entry.knownRansomwareCampaignUse = ransomware;
  return entry;
}
