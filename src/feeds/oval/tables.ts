/**
 * The first pass over an OVAL file: its tests, objects and states, kept as compact
 * tables so that definitions (which come first in the file) can be resolved in a second
 * pass. Ids are stored by their numeric tail (`oval:com.oracle.elsa:tst:20219151003` →
 * 20219151003) when the file uses one id prefix per kind, which every distro's file does;
 * a test is two such keys, an object one package name.
 */
import type { FeedFile } from '../common/feed-files.js';
import type { OvalCondition, OvalGenerator, OvalState, OvalTest } from './model.js';
import { saxItems } from './sax-stream.js';

type Key = number | string;

/**
 * A stored copy of parser text, shared between equal values. The parser hands out slices of
 * its input chunks, and V8 keeps a whole chunk alive for as long as any slice of it lives:
 * stored as they come, a few bytes of package name would pin the file's text in memory.
 */
class Interner {
  private readonly values = new Map<string, string>();

  own(text: string): string {
    const known = this.values.get(text);
    if (known !== undefined) return known;
    const copy = Buffer.from(text, 'utf8').toString('utf8');
    this.values.set(copy, copy);
    return copy;
  }
}

const STATE_FIELDS: Record<string, keyof OvalState> = {
  evr: 'evr',
  version: 'version',
  release: 'release',
  arch: 'arch',
  signature_keyid: 'signatureKeyid',
};

export class OvalTables {
  readonly generator: OvalGenerator = {};
  private readonly prefixes = new Map<string, number>();
  private readonly tests = new Map<Key, [Key | undefined, Key | undefined]>();
  private readonly objects = new Map<Key, string>();
  private readonly states = new Map<Key, OvalState>();
  private readonly text = new Interner();

  key(id: string): Key {
    const cut = id.lastIndexOf(':');
    const prefix = id.slice(0, cut + 1);
    const tail = id.slice(cut + 1);
    let index = this.prefixes.get(prefix);
    if (index === undefined) this.prefixes.set(this.text.own(prefix), (index = this.prefixes.size));
    return index === 0 && /^\d{1,15}$/.test(tail) ? Number(tail) : this.text.own(`${index}:${tail}`);
  }

  addTest(id: string, objectRef?: string, stateRef?: string): void {
    this.tests.set(this.key(id), [
      objectRef ? this.key(objectRef) : undefined,
      stateRef ? this.key(stateRef) : undefined,
    ]);
  }

  addObject(id: string, packageName: string): void {
    this.objects.set(this.key(id), this.text.own(packageName));
  }

  addState(id: string, state: OvalState): void {
    const owned: OvalState = {};
    for (const [field, condition] of Object.entries(state) as [keyof OvalState, OvalCondition][]) {
      owned[field] = { operation: this.text.own(condition.operation), value: this.text.own(condition.value) };
    }
    this.states.set(this.key(id), owned);
  }

  /** The test of that id with its object's package name and its state; undefined if the file has none. */
  resolve(testRef: string): OvalTest | undefined {
    const entry = this.tests.get(this.key(testRef));
    if (!entry) return undefined;
    const [object, state] = entry;
    const test: OvalTest = {};
    const name = object === undefined ? undefined : this.objects.get(object);
    if (name !== undefined) test.packageName = name;
    const found = state === undefined ? undefined : this.states.get(state);
    if (found) test.state = found;
    return test;
  }

  get size(): { tests: number; objects: number; states: number } {
    return { tests: this.tests.size, objects: this.objects.size, states: this.states.size };
  }
}

/** Reads the tests, objects and states sections (and the generator) of an OVAL file. */
export async function readOvalTables(file: FeedFile): Promise<OvalTables> {
  const tables = new OvalTables();
  const path: string[] = [];
  let text = '';
  let test: { id: string; object?: string; state?: string } | undefined;
  let object: { id: string; name?: string } | undefined;
  let state: { id: string; fields: OvalState } | undefined;
  let field: { name: keyof OvalState; operation: string } | undefined;
  const section = () => path[1];
  const handlers = {
    ready: [] as never[],
    open(name: string, attrs: Record<string, string>) {
      path.push(name);
      text = '';
      if (section() === 'tests' && path.length === 3 && attrs.id) test = { id: attrs.id };
      else if (test && path.length === 4 && name === 'object') test.object = attrs.object_ref;
      // A test may list several states; the rpm advisories give one, the first decides.
      else if (test && path.length === 4 && name === 'state') test.state ??= attrs.state_ref;
      else if (section() === 'objects' && path.length === 3 && attrs.id) object = { id: attrs.id };
      // SUSE's files have been seen to name the section <state>; the layout is the same.
      else if ((section() === 'states' || section() === 'state') && path.length === 3 && attrs.id)
        state = { id: attrs.id, fields: {} };
      else if (state && path.length === 4 && Object.hasOwn(STATE_FIELDS, name))
        field = { name: STATE_FIELDS[name], operation: attrs.operation ?? 'equals' };
    },
    text(chunk: string) {
      text += chunk;
    },
    close(name: string) {
      const depth = path.length;
      path.pop();
      if (depth === 3 && name === 'product_name' && path[1] === 'generator') tables.generator.productName = text.trim();
      else if (depth === 3 && name === 'timestamp' && path[1] === 'generator') tables.generator.timestamp = text.trim();
      else if (test && depth === 3) {
        tables.addTest(test.id, test.object, test.state);
        test = undefined;
      } else if (object && depth === 4 && name === 'name') object.name = text.trim();
      else if (object && depth === 3) {
        if (object.name !== undefined) tables.addObject(object.id, object.name);
        object = undefined;
      } else if (state && field && depth === 4) {
        const condition: OvalCondition = { operation: field.operation, value: text.trim() };
        state.fields[field.name] = condition;
        field = undefined;
      } else if (state && depth === 3) {
        tables.addState(state.id, state.fields);
        state = undefined;
      }
      text = '';
    },
  };
  for await (const _ of saxItems(file, handlers)) void _;
  return tables;
}
