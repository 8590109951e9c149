/** Maven coordinates of one artifact. */
export interface MavenCoordinates {
  groupId: string;
  artifactId: string;
  version: string;
}

/**
 * A `META-INF/maven/<groupId>/<artifactId>/pom.properties` that Maven's archiver writes
 * into every artifact it builds (and the shade plugin keeps for each artifact it folds
 * in). Java properties syntax: `#`/`!` comments, `=`, `:` or blank as separator,
 * surrounding blanks ignored. Undefined when a coordinate is missing or is an
 * unresolved `${...}` placeholder.
 */
export function parsePomProperties(text: string): MavenCoordinates | undefined {
  const props = new Map<string, string>();
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (m) props.set(m[1], m[2].trim());
  }
  const groupId = props.get('groupId');
  const artifactId = props.get('artifactId');
  const version = props.get('version');
  if (!groupId || !artifactId || !version) return undefined;
  if ([groupId, artifactId, version].some((v) => v.includes('${'))) return undefined;
  return { groupId, artifactId, version };
}

/** Whether a zip entry is a Maven descriptor the truth of a jar is read from. */
export function isPomProperties(entryName: string): boolean {
  return entryName.startsWith('META-INF/maven/') && entryName.endsWith('/pom.properties');
}
