import { normalizePypiName } from '../../feeds/osv/ecosystem.js';
import { languageMatcher } from './language.js';

/** PyPI names compare PEP 503-normalized (`PyYAML` = `pyyaml`, `zope.interface` = `zope-interface`), as the importer stores them. */
export const pypiMatcher = languageMatcher('pypi', 'PyPI', (pkg) => normalizePypiName(pkg.name));
