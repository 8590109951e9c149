/**
 * OpenVEX v0.2.0 (https://github.com/openvex/spec), the subset airlock reads and writes.
 * The official JSON schema forbids properties it does not name, so airlock adds none:
 * a decision's expiry is kept in `status_notes` (see notes.ts).
 */

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

export const VEX_STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
export type VexStatus = (typeof VEX_STATUSES)[number];

/** The justifications OpenVEX allows for `not_affected` (from CISA's minimum requirements). */
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;
export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

export interface VexIdentifiers {
  purl?: string;
  '@cpe22'?: string;
  '@cpe23'?: string;
}

export interface VexSubcomponent {
  '@id'?: string;
  identifiers?: VexIdentifiers;
  hashes?: Record<string, string>;
}

export interface VexProduct extends VexSubcomponent {
  subcomponents?: VexSubcomponent[];
}

export interface VexStatement {
  '@id'?: string;
  version?: number;
  vulnerability: { '@id'?: string; name: string; description?: string; aliases?: string[] };
  timestamp?: string;
  last_updated?: string;
  products?: VexProduct[];
  status: VexStatus;
  supplier?: string;
  status_notes?: string;
  justification?: VexJustification;
  impact_statement?: string;
  action_statement?: string;
  action_statement_timestamp?: string;
}

export interface VexDocument {
  '@context': string;
  '@id': string;
  author: string;
  role?: string;
  timestamp: string;
  last_updated?: string;
  version: number;
  tooling?: string;
  statements: VexStatement[];
}

/** `not_affected` and `fixed` take a finding out of reports; `affected` and `under_investigation` only annotate it. */
export function suppresses(status: VexStatus): boolean {
  return status === 'not_affected' || status === 'fixed';
}
