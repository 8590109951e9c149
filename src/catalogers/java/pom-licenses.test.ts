import { describe, expect, it } from 'vitest';
import { pomLicenses, pomXmlKey } from './pom-licenses.js';

describe('pom.xml licenses', () => {
  it('names of each <license>, entities decoded, comments and property references left out', () => {
    const xml = `<project><!-- <licenses><license><name>Commented</name></license></licenses> -->
      <licenses>
        <license><name>Apache License, Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license>
        <license><name>Eclipse Public License &amp; more</name></license>
        <license><name>\${project.license}</name></license>
      </licenses></project>`;
    expect(pomLicenses(xml)).toEqual(['Apache License, Version 2.0', 'Eclipse Public License & more']);
    expect(pomLicenses('<project><parent/></project>')).toEqual([]);
  });
  it('only the pom.xml of META-INF/maven/<group>/<artifact>/', () => {
    expect(pomXmlKey('META-INF/maven/org.fusesource.jansi/jansi/pom.xml')).toBe('org.fusesource.jansi:jansi');
    expect(pomXmlKey('META-INF/maven/org.fusesource.jansi/jansi/pom.properties')).toBeUndefined();
    expect(pomXmlKey('pom.xml')).toBeUndefined();
  });
});
