/**
 * The CSAF product tree, flattened to what matching needs: for each product id used in
 * `product_status`, the RHEL release it belongs to and the RPM it names.
 *
 * - Platforms are `product_name` branches whose CPE is RHEL: `cpe:/o:redhat:enterprise_linux:9`,
 *   `cpe:/a:redhat:enterprise_linux:9::appstream` → `redhat:9`. Extended streams (EUS, AUS,
 *   E4S, TUS by CPE `rhel_eus:9.2`…, or a product id such as `AppStream-9.4.0.Z.MAIN.EUS`,
 *   and ELS `rhel_els:6`) also map to `redhat:<major>` but carry a note naming the stream
 *   (`EUS 9.4`, `ELS`): their fixes are built for that minor release. Other products (OpenShift, Satellite,
 *   software collections) are not RHEL package streams and are left out.
 * - Components are `product_version` branches; the purl gives name, EVR and arch
 *   (`pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=src&epoch=1` → openssl, `1:3.0.7-27.el9`).
 *   Non-RPM purls (container images) are left out. Without a purl the product id itself is
 *   parsed (`python3.9-0:3.9.18-3.el9_4.5.src`); VEX files name unfixed components bare (`openssl`).
 * - Relationships (`default_component_of`) join the two into the ids the statuses use.
 */
import { PackageURL } from 'packageurl-js';
import { isObject, list, text, type JsonObject } from '../common/values.js';

export interface RhelPlatform {
  namespace: string;
  /** Set for extended-support streams: `EUS 9.4`, `ELS`. */
  stream?: string;
}

export interface RpmComponent {
  name: string;
  /** `epoch:version-release`, epoch omitted when 0 or absent; absent for unfixed VEX components. */
  evr?: string;
  arch?: string;
  /** Modular RPMs (`rpmmod` qualifier) belong to a module stream. */
  module?: string;
}

export interface ProductRef {
  platform: RhelPlatform;
  component: RpmComponent;
}

const RHEL_CPE = /^cpe:\/[ao]:redhat:(enterprise_linux|rhel_eus|rhel_aus|rhel_e4s|rhel_tus|rhel_els):(\d+)(?:\.(\d+))?/;
const STREAM_IN_ID = /(?:^|[.\-_])(EUS|AUS|E4S|TUS|ELS)(?:$|[.\-_])/i;

export function indexProductTree(tree: unknown): Map<string, ProductRef> {
  const platforms = new Map<string, RhelPlatform | undefined>();
  const components = new Map<string, RpmComponent | undefined>();
  const visit = (branch: JsonObject) => {
    const product = isObject(branch.product) ? branch.product : undefined;
    const id = product ? text(product.product_id) : undefined;
    if (product && id) {
      const helper = isObject(product.product_identification_helper) ? product.product_identification_helper : {};
      const cpe = text(helper.cpe);
      if (cpe || branch.category === 'product_name') platforms.set(id, cpe ? platformFor(cpe, id) : undefined);
      else components.set(id, componentFor(text(helper.purl), id));
    }
    for (const child of list(branch.branches, 'branches')) if (isObject(child)) visit(child);
  };
  if (isObject(tree)) visit(tree);

  const products = new Map<string, ProductRef>();
  for (const relation of list(isObject(tree) ? tree.relationships : undefined, 'relationships')) {
    if (!isObject(relation) || !isObject(relation.full_product_name)) continue;
    const id = text(relation.full_product_name.product_id);
    const platform = platforms.get(text(relation.relates_to_product_reference) ?? '');
    const componentId = text(relation.product_reference) ?? '';
    const component = components.has(componentId) ? components.get(componentId) : componentFor(undefined, componentId);
    if (id && platform && component) products.set(id, { platform, component });
  }
  return products;
}

export function platformFor(cpe: string, productId: string): RhelPlatform | undefined {
  const match = RHEL_CPE.exec(cpe);
  if (!match) return undefined;
  const namespace = `redhat:${match[2]}`;
  const byCpe = match[1] === 'enterprise_linux' ? undefined : match[1].slice('rhel_'.length).toUpperCase();
  const kind = byCpe ?? STREAM_IN_ID.exec(productId)?.[1]?.toUpperCase();
  if (!kind) return { namespace };
  // The minor release the stream is pinned to: from the CPE (`rhel_eus:9.2`) or the id (`AppStream-9.4.0.Z.MAIN.EUS`).
  const minor = (match[3] ? `${match[2]}.${match[3]}` : undefined) ?? /\b(\d+\.\d+)(?:\.\d+)?\b/.exec(productId)?.[1];
  return { namespace, stream: minor && kind !== 'ELS' ? `${kind} ${minor}` : kind };
}

const NEVRA_ID = /^(.+)-(\d+):([^-:]+)-([^-:]+)\.([A-Za-z0-9_]+)$/;

function componentFor(purl: string | undefined, productId: string): RpmComponent | undefined {
  if (purl) {
    let parsed: PackageURL;
    try {
      parsed = PackageURL.fromString(purl);
    } catch {
      return undefined;
    }
    if (parsed.type !== 'rpm') return undefined;
    const qualifiers = parsed.qualifiers ?? {};
    const component: RpmComponent = { name: parsed.name };
    if (parsed.version) component.evr = withEpoch(qualifiers.epoch, parsed.version);
    if (qualifiers.arch) component.arch = qualifiers.arch;
    if (qualifiers.rpmmod) component.module = qualifiers.rpmmod;
    return component;
  }
  const nevra = NEVRA_ID.exec(productId);
  if (nevra) return { name: nevra[1], evr: withEpoch(nevra[2], `${nevra[3]}-${nevra[4]}`), arch: nevra[5] };
  return /^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(productId) ? { name: productId } : undefined;
}

function withEpoch(epoch: string | undefined, versionRelease: string): string {
  return epoch && epoch !== '0' ? `${epoch}:${versionRelease}` : versionRelease;
}
