import type { Warning } from '../sbom/model.js';
import type { LayerEntry, LayerRecord } from './layer-scan.js';
import { resolveLinkTarget } from './paths.js';

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
  children?: Map<string, FileNode>;
}

const MAX_SYMLINK_HOPS = 40; // as Linux's MAXSYMLINKS

/**
 * The union file system of an image's layers, applied in order: whiteouts and
 * opaque directories hide lower layers, hard links copy their target, the last
 * entry for a path wins. Only metadata is kept, plus bodies that a cataloger wanted.
 */
export class LayeredView {
  readonly root: FileNode = { kind: 'dir', layer: 0, size: 0, mode: 0o755, children: new Map() };
  readonly warnings: Warning[] = [];

  apply(layer: number, record: LayerRecord): void {
    for (const entry of record.entries) this.applyEntry(layer, entry);
  }

  private applyEntry(layer: number, entry: LayerEntry): void {
    switch (entry.kind) {
      case 'whiteout': {
        const { parent, name } = this.locateParent(entry.path, layer, false);
        const node = parent?.children?.get(name);
        if (!node) return;
        if (node.layer < layer) parent!.children!.delete(name);
        else if (node.kind === 'dir') prune(node, layer);
        return;
      }
      case 'opaque': {
        const dir = entry.path === '' ? this.root : this.lookup(entry.path);
        if (dir?.kind === 'dir') prune(dir, layer);
        return;
      }
      case 'hardlink': {
        const target = this.lookup(entry.linkname!);
        if (!target || target.kind === 'dir') {
          this.warnings.push({ path: `/${entry.path}`, message: `hard link to missing /${entry.linkname}` });
          return;
        }
        this.place(entry.path, layer, { ...target, layer, children: undefined });
        return;
      }
      default: {
        const node: FileNode = { kind: entry.kind, layer, size: entry.size, mode: entry.mode };
        if (entry.linkname !== undefined) node.linkname = entry.linkname;
        if (entry.content) node.content = entry.content;
        if (entry.analysis !== undefined) node.analysis = entry.analysis;
        this.place(entry.path, layer, node);
      }
    }
  }

  /** Puts a node at a path; an existing directory keeps its children when a directory entry repeats it. */
  private place(path: string, layer: number, node: FileNode): void {
    const { parent, name } = this.locateParent(path, layer, true);
    if (!parent) return;
    const existing = parent.children!.get(name);
    if (node.kind === 'dir') node.children = existing?.kind === 'dir' ? existing.children : new Map();
    parent.children!.set(name, node);
  }

  /** Finds the directory that holds `path`, creating missing parents (as tar extraction would) when asked. */
  private locateParent(path: string, layer: number, create: boolean): { parent?: FileNode; name: string } {
    const parts = path.split('/');
    const name = parts.pop()!;
    let dir = this.root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      let child = dir.children!.get(part);
      if (child?.kind === 'symlink') child = this.lookup(resolveLinkTarget(parts.slice(0, i + 1).join('/'), child.linkname!)) ?? child;
      if (!child || child.kind !== 'dir') {
        if (!create) return { name };
        child = { kind: 'dir', layer, size: 0, mode: 0o755, children: new Map() };
        dir.children!.set(part, child);
      }
      dir = child;
    }
    return { parent: dir, name };
  }

  /** The node at a path, following symlinks in parent directories but not in the last component. */
  lookup(path: string, hops = 0): FileNode | undefined {
    if (path === '') return this.root;
    let node: FileNode | undefined = this.root;
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      node = node?.children?.get(parts[i]);
      if (!node) return undefined;
      if (node.kind === 'symlink' && i < parts.length - 1) {
        if (hops >= MAX_SYMLINK_HOPS) return undefined;
        const base = resolveLinkTarget(parts.slice(0, i + 1).join('/'), node.linkname!);
        return this.lookup([base, ...parts.slice(i + 1)].filter(Boolean).join('/'), hops + 1);
      }
    }
    return node;
  }

  /**
   * Follows symlinks, including the last component, staying inside the image:
   * a link to `/etc/passwd` is this image's /etc/passwd, never the host's.
   * Returns the final path and node, or undefined for dangling links and loops.
   */
  resolve(path: string): { path: string; node: FileNode } | undefined {
    let current = path;
    for (let hops = 0; hops <= MAX_SYMLINK_HOPS; hops++) {
      const node = this.lookup(current, hops);
      if (!node) return undefined;
      if (node.kind !== 'symlink') return { path: current, node };
      current = resolveLinkTarget(this.realParent(current), node.linkname!);
    }
    return undefined;
  }

  /** The link's own path with its parent directories' symlinks resolved, so relative targets resolve correctly. */
  private realParent(path: string): string {
    const slash = path.lastIndexOf('/');
    if (slash === -1) return path;
    const parent = this.resolve(path.slice(0, slash));
    return parent ? `${parent.path}/${path.slice(slash + 1)}` : path;
  }

  /** Every path in the final image, depth first, with its node. */
  *walk(dir: FileNode = this.root, prefix = ''): Generator<[string, FileNode]> {
    for (const [name, node] of dir.children ?? []) {
      const path = prefix ? `${prefix}/${name}` : name;
      yield [path, node];
      if (node.kind === 'dir') yield* this.walk(node, path);
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
