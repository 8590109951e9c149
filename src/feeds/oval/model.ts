/**
 * OVAL definitions as the shared reader hands them out: one definition at a time, its
 * criteria tree with every criterion's test already resolved to the rpm object's name and
 * the state's conditions. Only what the rpm-based distros' advisories use is kept.
 */

/** One condition of an rpminfo state: `<evr operation="less than">0:1.2-3</evr>`. */
export interface OvalCondition {
  operation: string;
  value: string;
}

/** The state fields rpm advisories test; absent fields are not tested. */
export interface OvalState {
  evr?: OvalCondition;
  version?: OvalCondition;
  release?: OvalCondition;
  arch?: OvalCondition;
  signatureKeyid?: OvalCondition;
}

/** A test resolved by id: the rpm it looks at and the state that rpm must be in. */
export interface OvalTest {
  /** The rpminfo object's package name; undefined when the test looks at something else (a file, uname). */
  packageName?: string;
  state?: OvalState;
}

export interface OvalCriterion {
  kind: 'criterion';
  testRef: string;
  comment?: string;
  negate: boolean;
  /** Undefined when the file has no test of that id (a truncated or broken file). */
  test?: OvalTest;
}

export interface OvalCriteria {
  kind: 'criteria';
  operator: 'AND' | 'OR' | 'ONE' | 'XOR';
  negate: boolean;
  children: (OvalCriteria | OvalCriterion)[];
}

export interface OvalReference {
  source: string;
  refId: string;
  refUrl?: string;
}

export interface OvalDefinition {
  id: string;
  class?: string;
  title?: string;
  description?: string;
  platforms: string[];
  references: OvalReference[];
  /** `<advisory><cve impact="…">CVE-…</cve>` entries (Oracle, SUSE). */
  cves: { id: string; impact?: string; href?: string }[];
  severity?: string;
  issued?: string;
  updated?: string;
  /** Other `<metadata>` leaf elements by local name (Mariner's `patchable`, `advisory_id`, `advisory_date`). */
  extra: Record<string, string>;
  criteria?: OvalCriteria;
}

export interface OvalGenerator {
  productName?: string;
  timestamp?: string;
}
