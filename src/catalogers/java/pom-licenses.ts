/**
 * The licenses a jar's own `META-INF/maven/<groupId>/<artifactId>/pom.xml` declares:
 * the `<name>` of each `<license>` in its `<licenses>`, as written (`The Apache Software
 * License, Version 2.0`). A pom that inherits its licenses from a parent declares none
 * here, and none is guessed.
 */
const POM_XML = /^META-INF\/maven\/([^/]+)\/([^/]+)\/pom\.xml$/;

/** `group:artifact` of a pom.xml entry, or undefined for any other entry. */
export function pomXmlKey(entryName: string): string | undefined {
  const m = POM_XML.exec(entryName);
  return m ? `${m[1]}:${m[2]}` : undefined;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function pomLicenses(xml: string): string[] {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  const block = /<licenses>([\s\S]*?)<\/licenses>/.exec(text);
  if (!block) return [];
  const names: string[] = [];
  for (const license of block[1].matchAll(/<license>([\s\S]*?)<\/license>/g)) {
    const name = /<name>([^<]*)<\/name>/.exec(license[1])?.[1];
    const clean = name
      ?.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITY[e])
      .replace(/\s+/g, ' ')
      .trim();
    // A property reference (`${license.name}`) is not a license name.
    if (clean && clean.length <= 200 && !clean.includes('${') && !names.includes(clean)) names.push(clean);
  }
  return names;
}
