import type { Warning } from '../sbom/model.js';
import type { LayerEntry, LayerRecord } from './layer-scan.js';
import { resolveLinkTarget } from './paths.js';
import { MAX_SYMLINK_HOPS, resolveParents, type LinkTree } from './links/resolve-parents.js';

export interface FileNode {
  kind: 'file' | 'dir' | 'symlink' | 'other';
  /** Index of the layer that last wrote this path. */
  layer: number;
  size: number;
  mode: number;
  linkname?: string;
  content?: Buffer;
  /** Analyzer results for a wanted file whose body was not kept. */
  analysis?: unknown;
  /** A cataloger's plan took the body when its layer was read (false: it has to be read again to be known). */
  read?: boolean;
  /** Where the bytes of a regular file are (hard links share their target's): for reading them again. */
  source?: BodySource;
  children?: Map<string, FileNode>;
}

/** A regular-file entry: its layer, its index among that layer's entries, and its path as the layer scan named it. */
export interface BodySource {
  layer: number;
  index: number;
  path: string;
}

/**
 * The union file system of an image's layers, applied in order as a runtime extracts
 * them: each entry's parent directories are resolved through the symlinks already in
 * place (inside the image), whiteouts and opaque directories hide lower layers, hard
 * links copy their target, the last entry for a path wins. Only metadata is kept, plus
 * bodies that a cataloger wanted.
 */
export class LayeredView {
  readonly root: FileNode = { kind: 'dir', layer: 0, size: 0, mode: 0o755, children: new Map() };
  readonly warnings: Warning[] = [];
  private readonly tree: LinkTree<FileNode> = {
    root: this.root,
    child: (dir, name) => (dir.kind === 'dir' ? dir.children?.get(name) : undefined),
    linkOf: (node) => (node.kind === 'symlink' ? node.linkname : undefined),
  };

  /** Applies a layer; returns, for each entry, the path it landed at (undefined when it was dropped). */
  apply(layer: number, record: LayerRecord): (string | undefined)[] {
    return record.entries.map((entry, index) => this.applyEntry(layer, entry, index));
  }

  private applyEntry(layer: number, entry: LayerEntry, index: number): string | undefined {
    const named = entry.name ?? entry.path;
    const parts = named === '' ? [] : resolveParents(this.tree, named);
    if (parts === undefined) {
      this.warnings.push({ path: `/${named}`, message: 'entry lies below a symlink loop; ignored' });
      return undefined;
    }
    const path = parts.join('/');
    switch (entry.kind) {
      case 'whiteout': {
        const { parent, name } = this.locateParent(parts, layer, false);
        const node = parent?.children?.get(name);
        if (!node) return path;
        if (node.layer < layer) parent!.children!.delete(name);
        else if (node.kind === 'dir') prune(node, layer);
        return path;
      }
      case 'opaque': {
        const dir = parts.length === 0 ? this.root : this.nodeAt(parts);
        if (dir?.kind === 'dir') prune(dir, layer);
        return path;
      }
      case 'hardlink': {
        const target = this.lookup(entry.linkname!);
        if (!target || target.kind === 'dir') {
          // A runtime would fail to extract this; whatever a lower layer left at the path is not what it shows.
          const { parent, name } = this.locateParent(parts, layer, false);
          if (parent?.children?.get(name)?.kind !== 'dir') parent?.children?.delete(name);
          this.warnings.push({
            path: `/${path}`,
            message: `hard link to missing /${entry.linkname}; what is at this path is not known`,
          });
          return undefined;
        }
        this.place(parts, layer, { ...target, layer, children: undefined });
        return path;
      }
      default: {
        const node: FileNode = { kind: entry.kind, layer, size: entry.size, mode: entry.mode };
        if (entry.linkname !== undefined) node.linkname = entry.linkname;
        if (entry.content) node.content = entry.content;
        if (entry.analysis !== undefined) node.analysis = entry.analysis;
        if (entry.kind === 'file') {
          node.read = entry.read === true;
          node.source = { layer, index, path: entry.path };
        }
        this.place(parts, layer, node);
        return path;
      }
    }
  }

  /** Puts a node at a resolved path; an existing directory keeps its children when a directory entry repeats it. */
  private place(parts: string[], layer: number, node: FileNode): void {
    const { parent, name } = this.locateParent(parts, layer, true);
    if (!parent) return;
    const existing = parent.children!.get(name);
    if (node.kind === 'dir') node.children = existing?.kind === 'dir' ? existing.children : new Map();
    parent.children!.set(name, node);
  }

  /** Finds the directory that holds a resolved path, creating missing parents (as tar extraction would) when asked. */
  private locateParent(parts: string[], layer: number, create: boolean): { parent?: FileNode; name: string } {
    const name = parts[parts.length - 1];
    let dir = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      let child = dir.children!.get(parts[i]);
      if (!child || child.kind !== 'dir') {
        if (!create) return { name };
        child = { kind: 'dir', layer, size: 0, mode: 0o755, children: new Map() };
        dir.children!.set(parts[i], child);
      }
      dir = child;
    }
    return { parent: dir, name };
  }

  /** The node at a path whose parents are already resolved. */
  private nodeAt(parts: string[]): FileNode | undefined {
    let node: FileNode | undefined = this.root;
    for (const part of parts) {
      node = node.kind === 'dir' ? node.children?.get(part) : undefined;
      if (!node) return undefined;
    }
    return node;
  }

  /** The node at a path, following symlinks in parent directories but not in the last component. */
  lookup(path: string): FileNode | undefined {
    return this.locate(path)?.node;
  }

  private locate(path: string): { parts: string[]; node: FileNode } | undefined {
    if (path === '') return { parts: [], node: this.root };
    const parts = resolveParents(this.tree, path);
    const node = parts && this.nodeAt(parts);
    return node ? { parts: parts!, node } : undefined;
  }

  /**
   * Follows symlinks, including the last component, staying inside the image:
   * a link to `/etc/passwd` is this image's /etc/passwd, never the host's.
   * Returns the real path and node, or undefined for dangling links and loops.
   */
  resolve(path: string): { path: string; node: FileNode } | undefined {
    let current = path;
    for (let hops = 0; hops <= MAX_SYMLINK_HOPS; hops++) {
      const found = this.locate(current);
      if (!found) return undefined;
      const real = found.parts.join('/');
      if (found.node.kind !== 'symlink') return { path: real, node: found.node };
      current = resolveLinkTarget(real, found.node.linkname!);
    }
    return undefined;
  }

  /**
   * Files seen through a symlink to a directory (`var/lib/dpkg -> /opt/db` shows
   * /opt/db/status at var/lib/dpkg/status), as [alias path, real path, node]. Links
   * inside the aliased tree are not followed again. Package databases lie at most
   * `depth` levels below any directory (var -> var/lib/dpkg/status is 3), so deeper files
   * are not looked at: merged-usr's lib -> usr/lib stays cheap.
   */
  *aliases(depth = 3, budget = 2_000_000): Generator<[string, string, FileNode]> {
    for (const [path, node] of this.walk()) {
      if (node.kind !== 'symlink') continue;
      const real = this.resolve(path);
      if (real?.node.kind !== 'dir') continue;
      for (const [rel, child] of this.walk(real.node, '', depth)) {
        if (--budget < 0) return;
        if (child.kind === 'file') yield [`${path}/${rel}`, real.path ? `${real.path}/${rel}` : rel, child];
      }
    }
  }

  /** Every path in the final image, depth first, with its node. */
  *walk(dir: FileNode = this.root, prefix = '', depth = Infinity): Generator<[string, FileNode]> {
    for (const [name, node] of dir.children ?? []) {
      const path = prefix ? `${prefix}/${name}` : name;
      yield [path, node];
      if (node.kind === 'dir' && depth > 1) yield* this.walk(node, path, depth - 1);
    }
  }
}

/** Removes everything below `dir` that a lower layer wrote (opaque directory semantics). */
function prune(dir: FileNode, layer: number): void {
  for (const [name, child] of dir.children ?? []) {
    if (child.layer < layer) dir.children!.delete(name);
    else if (child.kind === 'dir') prune(child, layer);
  }
}
