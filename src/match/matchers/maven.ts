import { languageMatcher, purlQualifiedName } from './language.js';

/** OSV names Maven packages `groupId:artifactId`. */
export const mavenMatcher = languageMatcher('maven', 'Maven', (pkg) => purlQualifiedName(pkg, ':'));
