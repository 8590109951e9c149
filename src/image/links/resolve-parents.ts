/**
 * Resolving the parent directories of a path through symlinks, the way a container
 * runtime extracts a layer: each entry's parents are followed through the links that
 * already exist (from lower layers or earlier in the same layer), inside the image root
 * (an absolute target starts at the image root, `..` never climbs above it). So
 * `lnk -> var/lib/dpkg` followed by `lnk/status` writes `var/lib/dpkg/status`.
 */

export const MAX_SYMLINK_HOPS = 40; // as Linux's MAXSYMLINKS

/** A tree the resolver walks: directories by name, and the target of a node that is a symlink. */
export interface LinkTree<N> {
  root: N;
  child(dir: N, name: string): N | undefined;
  linkOf(node: N): string | undefined;
}

/**
 * The path with every parent component's symlinks followed (the last component is kept
 * as it is), as path parts; undefined for a loop (more than 40 links). Missing
 * components are kept as named, as extraction would create them.
 */
export function resolveParents<N>(tree: LinkTree<N>, path: string): string[] | undefined {
  let queue = path.split('/');
  const name = queue.pop()!;
  let resolved: string[] = [];
  let nodes: (N | undefined)[] = [tree.root];
  let hops = 0;
  for (let i = 0; i < queue.length; i++) {
    const part = queue[i];
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (resolved.length) {
        resolved.pop();
        nodes.pop();
      }
      continue;
    }
    const dir = nodes[nodes.length - 1];
    const child = dir === undefined ? undefined : tree.child(dir, part);
    const link = child === undefined ? undefined : tree.linkOf(child);
    if (link === undefined) {
      resolved.push(part);
      nodes.push(child);
      continue;
    }
    if (++hops > MAX_SYMLINK_HOPS) return undefined;
    if (link.startsWith('/')) {
      resolved = [];
      nodes = [tree.root];
    }
    // The link's target is walked from the link's own (resolved) parent, then the rest.
    queue = link.split('/').concat(queue.slice(i + 1));
    i = -1;
  }
  resolved.push(name);
  return resolved;
}

interface TrieNode {
  children?: Map<string, TrieNode>;
  link?: string;
}

/**
 * The symlinks one layer has written so far, so an entry's parents are resolved through
 * them before anyone decides whether its body is wanted. Empty for almost every layer,
 * and then free.
 */
export class LayerLinks implements LinkTree<TrieNode> {
  readonly root: TrieNode = {};
  private count = 0;

  child(dir: TrieNode, name: string): TrieNode | undefined {
    return dir.children?.get(name);
  }

  linkOf(node: TrieNode): string | undefined {
    return node.link;
  }

  /** Where an entry named `path` lands; undefined for a symlink loop. */
  resolve(path: string): string | undefined {
    if (this.count === 0) return path;
    return resolveParents(this, path)?.join('/');
  }

  /** Records what the entry at a resolved path now is: a symlink, something else, or nothing (whiteout). */
  record(path: string, link: string | undefined, removed = false): void {
    if (link === undefined && this.count === 0) return;
    let node = this.root;
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      let next = node.children?.get(parts[i]);
      if (!next) {
        if (link === undefined) return; // nothing recorded there, nothing to undo
        next = {};
        (node.children ??= new Map()).set(parts[i], next);
      }
      if (i === parts.length - 1 && removed) {
        node.children!.delete(parts[i]);
        return;
      }
      node = next;
    }
    if (link !== undefined) {
      if (node.link === undefined) this.count++;
      node.link = link;
      node.children = undefined;
    } else if (node.link !== undefined) {
      node.link = undefined;
      this.count--;
    }
  }
}
