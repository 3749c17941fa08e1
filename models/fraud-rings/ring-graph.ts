// The bipartite graph behind ring detection: people on one side, identifiers (a phone, a device,
// a bank account, an address, an email) on the other. Applications collapse onto the person who
// made them, so someone reapplying with their own phone is one node using that phone once, never
// evidence against themselves. People are indexed in personId order, so everything derived from
// the graph is the same whatever order the applications arrive in.

export const IDENTIFIER_KINDS = ['bank_account', 'phone', 'email', 'device', 'address'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface Identifier {
  kind: IdentifierKind;
  value: string;
}

export interface RingApplication {
  applicationId: string;
  personId: string;
  identifiers: readonly Identifier[];
}

/** An identifier used by two or more distinct people. */
export interface SharedIdentifier {
  kind: IdentifierKind;
  /** normalised value */
  value: string;
  /** indexes into RingGraph.personIds, ascending */
  people: readonly number[];
}

export interface RingGraph {
  /** sorted */
  personIds: readonly string[];
  /** per person index, that person's applications by applicationId */
  applicationsOf: readonly (readonly GraphApplication[])[];
  /** identifiers with two or more people, by kind (IDENTIFIER_KINDS order) then value */
  shared: readonly SharedIdentifier[];
}

export interface GraphApplication {
  applicationId: string;
  /** indexes into RingGraph.shared of the identifiers this application gave, ascending */
  shared: readonly number[];
}

/**
 * One spelling per identifier: case and spacing never make two addresses different, and a phone
 * is its digits. Blank values are no identifier at all (so "no phone" is not a shared phone).
 */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string {
  // The tests before each replace spare an allocation for the common, already-clean value.
  if (kind === 'phone') return /\D/.test(value) ? value.replace(/\D/g, '') : value;
  const text = value.trim().toLowerCase();
  return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

export function buildRingGraph(applications: readonly RingApplication[]): RingGraph {
  // Hashing strings is most of the time here: each is looked up once, later steps follow references.
  type Person = { apps: GraphApplication[]; index: number };
  const persons = new Map<string, Person>();
  const personOf: Person[] = [];
  const seen = new Set<string>();
  for (const { applicationId, personId } of applications) {
    if (seen.has(applicationId)) throw new Error(`duplicate applicationId ${applicationId}`);
    seen.add(applicationId);
    let person = persons.get(personId);
    if (person === undefined) persons.set(personId, (person = { apps: [], index: -1 }));
    personOf.push(person);
  }
  // Default sort is code-unit order: the same on every machine, whatever the locale.
  const personIds = [...persons.keys()].sort();
  personIds.forEach((id, i) => (persons.get(id)!.index = i));

  // Per kind, value -> its users: the first, then all of them once a second turns up (a
  // reapplication may repeat someone: deduplicated below), and its index in `shared` if it is.
  type Users = { first: number; all: number[] | null; index: number };
  const usersOf = new Map<IdentifierKind, Map<string, Users>>(IDENTIFIER_KINDS.map((kind) => [kind, new Map()]));
  const given = applications.map(() => [] as Users[]);
  for (const [i, { identifiers }] of applications.entries()) {
    const person = personOf[i]!.index;
    for (const { kind, value } of identifiers) {
      const byValue = usersOf.get(kind);
      if (byValue === undefined) throw new Error(`unknown identifier kind ${String(kind)}`);
      const normalised = normaliseIdentifier(kind, value);
      if (normalised === '') continue;
      let users = byValue.get(normalised);
      if (users === undefined) byValue.set(normalised, (users = { first: person, all: null, index: -1 }));
      else if (users.all === null) {
        if (users.first !== person) users.all = [users.first, person];
      } else if (users.all[users.all.length - 1] !== person) users.all.push(person);
      given[i]!.push(users);
    }
  }

  const shared: SharedIdentifier[] = [];
  for (const kind of IDENTIFIER_KINDS) {
    const byValue = usersOf.get(kind)!;
    const values: string[] = [];
    for (const [value, users] of byValue) if (users.all !== null) values.push(value);
    for (const value of values.sort()) {
      const users = byValue.get(value)!;
      const people = [...new Set(users.all)].sort((x, y) => x - y);
      if (people.length < 2) continue;
      users.index = shared.length;
      shared.push({ kind, value, people });
    }
  }
  for (const [i, { applicationId }] of applications.entries()) {
    const indexes = given[i]!.filter((u) => u.index >= 0).map((u) => u.index);
    personOf[i]!.apps.push({ applicationId, shared: [...new Set(indexes)].sort((x, y) => x - y) });
  }
  const applicationsOf = personIds.map((id) => persons.get(id)!.apps.sort((x, y) => compareStrings(x.applicationId, y.applicationId)));
  return { personIds, applicationsOf, shared };
}

/** Code-unit order, not locale order: ids must sort the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Disjoint sets over 0..n-1 with path halving and union by size. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }

  find(x: number): number {
    let node = x;
    while (this.parent[node] !== node) {
      const grandparent = this.parent[this.parent[node]!]!;
      this.parent[node] = grandparent;
      node = grandparent;
    }
    return node;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }

  /** The sets with at least `minSize` members, each ascending, ordered by their smallest member. */
  groups(minSize = 1): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const root = this.find(i);
      const members = byRoot.get(root);
      if (members) members.push(i);
      else byRoot.set(root, [i]);
    }
    return [...byRoot.values()].filter((m) => m.length >= minSize).sort((a, b) => a[0]! - b[0]!);
  }
}
