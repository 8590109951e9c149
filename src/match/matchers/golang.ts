import { languageMatcher, purlQualifiedName } from './language.js';

/** Go modules by full module path (`golang.org/x/net`); the standard library is the `stdlib` module at the toolchain version. */
export const golangMatcher = languageMatcher('golang', 'Go', (pkg) => (pkg.name === 'stdlib' ? 'stdlib' : purlQualifiedName(pkg, '/')));
