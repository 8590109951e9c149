/**
 * Which policy file applies: `--policy FILE` when given, else `policy.yaml` (or
 * `policy.json`) in $AIRLOCK_HOME when the operator put one there, else Scout's defaults.
 * The stored images' re-evaluation after `db import` uses the same default.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { airlockHome } from '../config/paths.js';
import { defaultPolicyConfig, loadPolicyConfig, type PolicyConfig } from './config.js';

export function defaultPolicyFile(home = airlockHome()): string | undefined {
  return ['policy.yaml', 'policy.yml', 'policy.json'].map((f) => join(home, f)).find((f) => existsSync(f));
}

export async function resolvePolicyConfig(file?: string): Promise<PolicyConfig> {
  const chosen = file ?? defaultPolicyFile();
  return chosen ? loadPolicyConfig(chosen) : defaultPolicyConfig();
}
