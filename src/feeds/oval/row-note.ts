/**
 * The `note` of an OVAL-derived rpm row says what the row is limited to: the arch it was
 * built for (Oracle respins one fix at different revisions per arch) and whether it is a
 * Ksplice build (Oracle's live-patch userspace builds, `…ksplice1.el8`, which ordinary
 * rpms never are). The importers write it and the rpm distro matcher reads it back.
 */
export interface RpmRowScope {
  arch?: string;
  ksplice?: boolean;
}

const ARCH = 'arch ';
const KSPLICE = 'ksplice';

export function rpmRowNote(scope: RpmRowScope): string | undefined {
  const parts = [scope.ksplice ? KSPLICE : undefined, scope.arch ? `${ARCH}${scope.arch}` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

export function rpmRowScope(note: string | undefined): RpmRowScope {
  const scope: RpmRowScope = {};
  for (const part of (note ?? '').split('; ')) {
    if (part === KSPLICE) scope.ksplice = true;
    else if (part.startsWith(ARCH)) scope.arch = part.slice(ARCH.length);
  }
  return scope;
}

/** Whether an rpm version is a Ksplice build. */
export function isKspliceVersion(version: string): boolean {
  return /ksplice/i.test(version);
}
