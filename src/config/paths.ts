import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where airlock keeps its state on the appliance. One directory, so that an
 * operator can back it up or wipe it: `$AIRLOCK_HOME`, else
 * `$XDG_DATA_HOME/airlock`, else `~/.local/share/airlock`.
 */
export function airlockHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AIRLOCK_HOME) return env.AIRLOCK_HOME;
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'airlock');
}

export interface StatePaths {
  home: string;
  /** The installed advisory database (replaced atomically by `db import`). */
  advisoryDb: string;
  /** The database that `db import` replaced, for `db rollback`. */
  previousAdvisoryDb: string;
  /** The user's keyring of trusted bundle signer keys (in addition to `bundles/keys/`). */
  keyring: string;
  /** SBOM snapshots of analysed images; never touched by `db import`. */
  snapshotDb: string;
  /**
   * What must survive the loss of the database it protects: the highest bundle sequence
   * ever installed (the rollback floor), kept beside the database rather than inside it.
   */
  trustedState: string;
}

export function statePaths(home: string = airlockHome()): StatePaths {
  return {
    home,
    advisoryDb: join(home, 'advisories.db'),
    previousAdvisoryDb: join(home, 'advisories.prev.db'),
    keyring: join(home, 'keys'),
    snapshotDb: join(home, 'snapshots.db'),
    trustedState: join(home, 'trusted-state.json'),
  };
}
