// Fraud rings: groups of distinct people tied together by identifiers they should not share.
// Evidence is counted between pairs of people, in integer points:
//   1. each identifier two people share is worth its kind's points (EVIDENCE),
//   2. faded by how many people use it (hubFactor): a café PC or a hostel address links
//      everyone who passed through, so it says little about any two of them,
//   3. and, between people who also share a small address (a household), what households share
//      (HOUSEHOLD_EXPLAINS: a joint account, the family PC) scaled to HOUSEHOLD_SHARE_PCT.
// Pairs whose points reach EDGE_THRESHOLD are edges; connected components over the edges are
// candidate rings, scored on size, kinds shared and density (ringScore), and flagged at
// RING_SCORE_THRESHOLD. Then anyone left outside (alone or in a small unflagged component) whose
// points summed over one flagged ring reach ATTACH_THRESHOLD joins it: a member who used only the
// ring's PC is a café customer to every one of them alone, but not to all of them together.
// Points are integers, so results never depend on summation order, and people are indexed in
// personId order, so neither do they depend on the order applications arrive in.
import { buildRingGraph, compareStrings, IDENTIFIER_KINDS, UnionFind, type IdentifierKind, type RingApplication, type RingGraph } from './ring-graph.js';

/**
 * An address with at most this many people is a household: families of 2-5, with one spare for
 * a lodger. A "household" larger than this is not explained by family life, so sharing within
 * it is counted in full.
 */
export const HOUSEHOLD_MAX_PEOPLE = 6;

/**
 * What a household explains: a joint bank account, the family PC, a family email. Not a phone:
 * a loan's OTPs and KYC checks go to the applicant's own number, so two applicants on one number
 * defeat them even at home (and a shared phone is how rings at a drop address give themselves away).
 */
export const HOUSEHOLD_EXPLAINS: readonly IdentifierKind[] = ['bank_account', 'device', 'email'];

/**
 * Within a household, what it explains counts this percentage of its points: a joint account and
 * the family PC together (15 + 10, plus 15 for the address) stay below an edge.
 */
export const HOUSEHOLD_SHARE_PCT = 25;

/**
 * Per kind: the points one shared identifier gives each pair of its users, and how that fades
 * with its degree (distinct people using it). Up to `fullUpTo` people it counts in full; from
 * there it falls with the log of the degree, like IDF, to nothing at `hubAt` (a hub).
 */
export const EVIDENCE: Readonly<Record<IdentifierKind, { points: number; fullUpTo: number; hubAt: number }>> = {
  // Where the money lands. Personal by nature: a household may share one, but three to a dozen
  // unrelated borrowers paying into one account is the mule pattern itself, so no fading until
  // then. Past a hundred it is a business's account or a placeholder.
  bank_account: { points: 60, fullUpTo: 12, hubAt: 100 },
  // Where OTPs and collections calls land: personal in the same way.
  phone: { points: 50, fullUpTo: 12, hubAt: 100 },
  email: { points: 50, fullUpTo: 12, hubAt: 100 },
  // Families share a PC and cyber cafés seat 5-20 strangers at one: worth something between two
  // people, fading fast, nothing at 25.
  device: { points: 40, fullUpTo: 2, hubAt: 25 },
  // Families, flats and hostels share addresses as a matter of course: weak even between two.
  address: { points: 15, fullUpTo: HOUSEHOLD_MAX_PEOPLE, hubAt: 30 },
};

/**
 * Points a pair needs to be linked: one shared bank account (60) or phone or email (50) does it
 * alone; a device (40 at most) or an address (15) needs a second shared identifier; a household's
 * joint account does not (15 + 15 for the address).
 */
export const EDGE_THRESHOLD = 50;

/**
 * Someone outside every flagged ring (alone, or with a group too small or weak to be flagged)
 * joins a ring when their points summed over its members reach this: the ring's own PC shared
 * with two of them (d = 3: 2 x 34) or four (d = 5: 4 x 25), their drop address with four (4 x 15).
 * The same bar as an edge, because it is the same evidence, pooled. One café PC shared with one
 * ring member (40 at most) never does. Attachment runs once: nobody attaches to an attachee.
 */
export const ATTACH_THRESHOLD = 50;

/** Two people are a relationship, not a ring; pairs are for duplicate-identity checks. */
export const MIN_RING_PEOPLE = 3;

/** ringScore = people (capped) + kinds (address counting less) + density. */
export const RING_SCORE_POINTS = {
  perPerson: 6,
  /** people beyond this add nothing: a big ring is not more of a ring */
  peopleCap: 8,
  /** per distinct kind other than address (bank account, phone, email, device) on the ring's edges */
  perStrongKind: 12,
  address: 4,
  /** a complete graph earns all of it, a chain a sliver */
  fullDensity: 30,
} as const;

/**
 * A ring is flagged from this score. Three people need two kinds: a chain of a shared phone then
 * a shared account scores 18 + 24 + 20 = 62. Three strangers on one phone (a triangle of one
 * kind, 18 + 12 + 30 = 60) is what a recycled number looks like, and is not flagged; four on one
 * account (24 + 12 + 30 = 66) is. At 55 the portfolio from models/training (portfolio.py) lost 3-4
 * points of precision and gained no recall.
 */
export const RING_SCORE_THRESHOLD = 62;

/** The share of a kind's points an identifier of this degree carries, 0..1. */
export function hubFactor(kind: IdentifierKind, degree: number): number {
  const { fullUpTo, hubAt } = EVIDENCE[kind];
  if (degree < 2 || degree >= hubAt) return 0;
  if (degree <= fullUpTo) return 1;
  return Math.log(hubAt / degree) / Math.log(hubAt / fullUpTo);
}

/** What one shared identifier adds to each pair of its users, in whole points. */
export function identifierPoints(kind: IdentifierKind, degree: number): number {
  return Math.round(EVIDENCE[kind].points * hubFactor(kind, degree));
}

/** Evidence between two people from everything they share. */
export function pairPoints(shares: readonly { kind: IdentifierKind; degree: number }[]): { points: number; kinds: IdentifierKind[] } {
  const household = shares.some((s) => s.kind === 'address' && s.degree <= HOUSEHOLD_MAX_PEOPLE);
  let points = 0;
  const kinds = new Set<IdentifierKind>();
  for (const { kind, degree } of shares) {
    const full = identifierPoints(kind, degree);
    const counted = household && HOUSEHOLD_EXPLAINS.includes(kind) ? Math.round((full * HOUSEHOLD_SHARE_PCT) / 100) : full;
    if (counted <= 0) continue;
    points += counted;
    kinds.add(kind);
  }
  return { points, kinds: IDENTIFIER_KINDS.filter((k) => kinds.has(k)) };
}

/** Points for a component of `people` with `edges` edges carrying `kinds` (RING_SCORE_POINTS). */
export function ringScore(people: number, kinds: readonly IdentifierKind[], edges: number): number {
  const p = RING_SCORE_POINTS;
  const pairs = (people * (people - 1)) / 2;
  const strongKinds = kinds.filter((k) => k !== 'address').length;
  return (
    p.perPerson * Math.min(people, p.peopleCap) +
    p.perStrongKind * strongKinds +
    (kinds.includes('address') ? p.address : 0) +
    (pairs === 0 ? 0 : Math.round((p.fullDensity * edges) / pairs))
  );
}

export interface ApplicationRingResult {
  applicationId: string;
  /** the flagged ring's id, or null: the application is in no flagged ring, or is a ring member's
   * application that shares nothing with the ring (ringSize and ringScore then say which ring) */
  ringId: string | null;
  /** distinct people in the applicant's flagged ring or unflagged component (1 when linked to nobody) */
  ringSize: number;
  /** that ring's or component's score (0 when linked to nobody): near misses stay visible */
  ringScore: number;
  /** kinds of the identifiers on this application that others in the ring or component also used */
  sharedKinds: IdentifierKind[];
}

export interface FraudRing {
  /** the smallest of its members' applicationIds: stable across runs and input orders */
  ringId: string;
  score: number;
  /** distinct people, attached ones included */
  people: number;
  /** edges between core people */
  edges: number;
  /** edges / possible pairs among the core people, in basis points */
  densityBps: number;
  /** kinds on the core's edges */
  sharedKinds: IdentifierKind[];
  /** the applications that share something with the rest of the ring, sorted */
  members: string[];
  /** sorted */
  personIds: string[];
  /** people who joined by ATTACH_THRESHOLD rather than by an edge (also in personIds) */
  attachedPersonIds: string[];
}

export interface RingDetection {
  /** one per input application, by applicationId */
  applications: ApplicationRingResult[];
  /** flagged rings, by ringId */
  rings: FraudRing[];
}

interface Pair {
  a: number;
  b: number;
  points: number;
  kinds: IdentifierKind[];
}

interface Component {
  people: number[];
  edges: number;
  kinds: IdentifierKind[];
  score: number;
  flagged: boolean;
}

export function detectRings(applications: readonly RingApplication[]): RingDetection {
  const graph = buildRingGraph(applications);
  const pairs = evidencePairs(graph);
  const edges = pairs.filter((p) => p.points >= EDGE_THRESHOLD);
  const components = scoredComponents(graph.personIds.length, edges);
  const componentOf = new Int32Array(graph.personIds.length);
  components.forEach((c, i) => c.people.forEach((p) => (componentOf[p] = i)));

  // A person's group: the flagged ring they were attached to, else their own component.
  const groupOf = Int32Array.from(componentOf);
  for (const { component, ring } of attachments(pairs, components, componentOf)) {
    for (const p of components[component]!.people) groupOf[p] = ring;
  }
  const groups = new Map<number, number[]>();
  groupOf.forEach((group, p) => {
    const members = groups.get(group);
    if (members) members.push(p);
    else groups.set(group, [p]);
  });

  // What an application shares with the rest of its group: the kinds of the identifiers on it
  // that others in the group used too. A ring flags only the applications that share something,
  // so a takeover victim's own earlier application is not flagged with the one that paid into the
  // ring's mule account.
  const sharedKindsOf = (shared: readonly number[], person: number): IdentifierKind[] => {
    const kinds = new Set<IdentifierKind>();
    for (const index of shared) {
      const { kind, people } = graph.shared[index]!;
      if (identifierPoints(kind, people.length) > 0 && people.some((q) => q !== person && groupOf[q] === groupOf[person])) kinds.add(kind);
    }
    return IDENTIFIER_KINDS.filter((k) => kinds.has(k));
  };

  const results: ApplicationRingResult[] = [];
  const rings: FraudRing[] = [];
  for (const [group, people] of groups) {
    const c = components[group]!;
    const groupResults = people.flatMap((p) =>
      graph.applicationsOf[p]!.map(({ applicationId, shared }): ApplicationRingResult => ({
        applicationId,
        ringId: null,
        ringSize: people.length,
        ringScore: c.score,
        sharedKinds: people.length > 1 ? sharedKindsOf(shared, p) : [],
      })),
    );
    results.push(...groupResults);
    if (!c.flagged) continue;
    const flagged = groupResults.filter((r) => r.sharedKinds.length > 0);
    const members = flagged.map((r) => r.applicationId).sort();
    for (const r of flagged) r.ringId = members[0]!;
    rings.push({
      ringId: members[0]!,
      score: c.score,
      people: people.length,
      edges: c.edges,
      densityBps: Math.round((c.edges * 20_000) / (c.people.length * (c.people.length - 1))),
      sharedKinds: c.kinds,
      members,
      personIds: people.map((p) => graph.personIds[p]!),
      attachedPersonIds: people.filter((p) => componentOf[p] !== group).map((p) => graph.personIds[p]!),
    });
  }
  results.sort((x, y) => compareStrings(x.applicationId, y.applicationId));
  return { applications: results, rings: rings.sort((x, y) => compareStrings(x.ringId, y.ringId)) };
}

/**
 * Unflagged components (a lone person is one) whose points summed over one flagged ring's
 * members reach ATTACH_THRESHOLD, each with the ring (component index) that has the most points
 * from them; ties go to the lower index, the ring holding the smaller personId. Evidence to
 * attached people is not counted, so attachment never cascades.
 */
function attachments(pairs: readonly Pair[], components: readonly Component[], componentOf: Int32Array): { component: number; ring: number }[] {
  const toRings = new Map<number, Map<number, number>>();
  for (const { a, b, points } of pairs) {
    for (const [outsider, member] of [[a, b], [b, a]] as const) {
      const from = componentOf[outsider]!;
      const ring = componentOf[member]!;
      if (components[from]!.flagged || !components[ring]!.flagged) continue;
      const rings = toRings.get(from) ?? new Map<number, number>();
      toRings.set(from, rings);
      rings.set(ring, (rings.get(ring) ?? 0) + points);
    }
  }
  const chosen: { component: number; ring: number }[] = [];
  for (const [component, rings] of toRings) {
    let best: { ring: number; points: number } | undefined;
    for (const [ring, points] of rings) {
      if (points < ATTACH_THRESHOLD) continue;
      if (best === undefined || points > best.points || (points === best.points && ring < best.ring)) best = { ring, points };
    }
    if (best) chosen.push({ component, ring: best.ring });
  }
  return chosen;
}

/** Components over the edges, each scored and flagged or not, ordered by their smallest person. */
function scoredComponents(people: number, edges: readonly Pair[]): Component[] {
  const sets = new UnionFind(people);
  for (const { a, b } of edges) sets.union(a, b);
  const groups = sets.groups();
  const indexOfRoot = new Map(groups.map((g, i) => [sets.find(g[0]!), i] as const));
  const edgeCount = groups.map(() => 0);
  const kindSets = groups.map(() => new Set<IdentifierKind>());
  for (const { a, kinds } of edges) {
    const i = indexOfRoot.get(sets.find(a))!;
    edgeCount[i]!++;
    kinds.forEach((k) => kindSets[i]!.add(k));
  }
  return groups.map((group, i) => {
    const kinds = IDENTIFIER_KINDS.filter((k) => kindSets[i]!.has(k));
    const score = group.length < 2 ? 0 : ringScore(group.length, kinds, edgeCount[i]!);
    return { people: group, edges: edgeCount[i]!, kinds, score, flagged: group.length >= MIN_RING_PEOPLE && score >= RING_SCORE_THRESHOLD };
  });
}

/** Every pair of people who share something that still carries points, with those points. */
function evidencePairs(graph: RingGraph): Pair[] {
  const n = graph.personIds.length;
  const sharesOf = new Map<number, { kind: IdentifierKind; degree: number }[]>();
  for (const { kind, people } of graph.shared) {
    if (identifierPoints(kind, people.length) <= 0) continue;
    const share = { kind, degree: people.length };
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const key = people[i]! * n + people[j]!;
        const list = sharesOf.get(key);
        if (list) list.push(share);
        else sharesOf.set(key, [share]);
      }
    }
  }
  const pairs: Pair[] = [];
  for (const [key, shares] of sharesOf) {
    const { points, kinds } = pairPoints(shares);
    if (points > 0) pairs.push({ a: Math.floor(key / n), b: key % n, points, kinds });
  }
  return pairs;
}
