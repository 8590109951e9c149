import { describe, expect, it } from 'vitest';
import { identifyArchive, parseArchiveName } from './identity.js';

describe('parseArchiveName on the jar names Debian and Maven use', () => {
  // Names from the big and app fixture images (/usr/share/java, /app/lib, maven-repo).
  it.each([
    ['commons-text-1.9.jar', 'commons-text', '1.9'],
    ['log4j-1.2-api-2.19.0.jar', 'log4j-1.2-api', '2.19.0'],
    ['geronimo-annotation-1.3-spec-1.3.jar', 'geronimo-annotation-1.3-spec', '1.3'],
    ['guava-31.1-jre.jar', 'guava', '31.1-jre'],
    ['jsr305-0.1~+svn49.jar', 'jsr305', '0.1~+svn49'],
    ['jsr305-0.1-SNAPSHOT.jar', 'jsr305', '0.1-SNAPSHOT'],
    ['spring3-core-3.x.jar', 'spring3-core', '3.x'],
    ['maven3-core-3.8.7.jar', 'maven3-core', '3.8.7'],
    ['shop.war', undefined, undefined],
    ['jackson-databind.jar', undefined, undefined],
    ['gson-debian.jar', undefined, undefined],
  ])('%s', (file, artifactId, version) => {
    const parsed = parseArchiveName(file);
    expect(parsed.artifactId).toBe(artifactId);
    expect(parsed.version).toBe(version);
  });
});

describe('identifyArchive', () => {
  const log4jCore = { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core', version: '2.19.0' };

  it('a pom.properties naming the jar is the whole story', () => {
    expect(
      identifyArchive('log4j-core-2.19.0.jar', [log4jCore], {
        implementationTitle: 'Apache Log4j Core',
        implementationVersion: '2.19.0',
      }),
    ).toEqual([{ ...log4jCore, identifiedBy: 'pom.properties' }]);
  });

  it("Debian's unversioned `foo-3.x` names fall back to the manifest's title and version", () => {
    // The manifest of the big image's /usr/share/java/spring3-core-3.x.jar (big.truth/java.tsv).
    expect(
      identifyArchive('spring3-core-3.x.jar', [], {
        implementationTitle: 'spring-core',
        implementationVersion: '4.3.30.RELEASE',
      }),
    ).toEqual([{ artifactId: 'spring-core', version: '4.3.30.RELEASE', identifiedBy: 'manifest' }]);
  });

  it('a jar with neither pom.properties nor any version is not a package', () => {
    // Debian's gettext.jar: its manifest has only Manifest-Version and Created-By.
    expect(identifyArchive('gettext.jar', [], {})).toEqual([]);
  });

  it('the group comes from Implementation-Vendor-Id, else Bundle-SymbolicName minus a part repeating the artifact', () => {
    // Manifests of Debian's commons-logging-1.2.jar and mongodb-driver-core-3.6.3.jar (app image).
    expect(
      identifyArchive('commons-logging-1.2.jar', [], {
        implementationVendorId: 'org.apache',
        bundleSymbolicName: 'org.apache.commons.logging',
        implementationVersion: '1.2',
      })[0].groupId,
    ).toBe('org.apache');
    expect(
      identifyArchive('mongodb-driver-core-3.6.3.jar', [], {
        bundleSymbolicName: 'org.mongodb.driver-core',
        bundleVersion: '3.6.3',
      })[0].groupId,
    ).toBe('org.mongodb');
    expect(
      identifyArchive('guice.jar', [], {
        bundleName: 'guice',
        bundleSymbolicName: 'com.google.inject',
        bundleVersion: '4.2.3',
      })[0],
    ).toEqual({
      groupId: 'com.google.inject',
      artifactId: 'guice',
      version: '4.2.3',
      identifiedBy: 'manifest',
    });
  });
});
