import { describe, expect, it } from '@jest/globals';
import { identitiesFromCsv } from '../cli/evaluate-rings.js';
import { SeededRandom } from '../../domain/seeded-random.js';
import {
  ATTACH_THRESHOLD,
  detectRings,
  EDGE_THRESHOLD,
  EVIDENCE,
  HOUSEHOLD_MAX_PEOPLE,
  hubFactor,
  identifierPoints,
  MIN_RING_PEOPLE,
  pairPoints,
  RING_SCORE_THRESHOLD,
  ringScore,
  type RingDetection,
} from './detect-rings.js';
import { evaluateRings, type RingLabel } from './evaluate.js';
import { buildRingGraph, normaliseIdentifier, UnionFind, type Identifier, type IdentifierKind, type RingApplication } from './ring-graph.js';

// ---------------------------------------------------------------------------------------------
// Planted data: genuine singles (some reapplying, some on a recycled phone number), families
// sharing an address (some also the family PC), households sharing an address and a bank account
// (some also the family PC), cyber cafés whose PC (and sometimes address) 5-20 strangers use, and
// fraud rings of 3-12 synthetic people drawing phones, devices and accounts from small pools,
// a quarter of them giving one drop address.
// ---------------------------------------------------------------------------------------------

type Pattern = 'single' | 'family' | 'household' | 'cafe' | 'ring';
interface PlantedApplication extends RingApplication {
  trueRingId: string | null;
  pattern: Pattern;
}

function plantPortfolio(seed: string, groups: { singles: number; families: number; households: number; cafes: number; rings: number }): PlantedApplication[] {
  const rnd = new SeededRandom(seed);
  let serial = 0;
  const fresh = {
    phone: () => `9${String(100_000_000 + ++serial)}`,
    device: () => `dev-${++serial}`,
    bank_account: () => `ACCT${++serial}`,
    address: () => `${++serial} Residency Road, Bengaluru`,
  };
  type Profile = Record<keyof typeof fresh, string>;
  const rows: PlantedApplication[] = [];
  let people = 0;
  const applicant = (pattern: Pattern, trueRingId: string | null, shared: Partial<Profile> = {}): Profile => {
    const personId = `P${String(++people).padStart(6, '0')}`;
    const profile: Profile = { phone: fresh.phone(), device: fresh.device(), bank_account: fresh.bank_account(), address: fresh.address(), ...shared };
    const applications = rnd.chance(12) ? rnd.int(2, 3) : 1;
    for (let n = 0; n < applications; n++) {
      // A reapplication sometimes comes from a new phone: still the same person, still no evidence.
      if (n > 0 && rnd.chance(20)) profile.phone = fresh.phone();
      const identifiers = (Object.keys(profile) as (keyof Profile)[]).map((kind): Identifier => ({ kind, value: profile[kind] }));
      rows.push({ applicationId: `A${String(rows.length + 1).padStart(6, '0')}`, personId, identifiers, trueRingId, pattern });
    }
    return profile;
  };

  const singlePhones: string[] = [];
  for (let i = 0; i < groups.singles; i++) {
    // Telecoms recycle numbers: now and then two strangers applied from the same one.
    const recycled = singlePhones.length > 0 && rnd.chance(1) ? { phone: rnd.pick(singlePhones) } : {};
    singlePhones.push(applicant('single', null, recycled).phone);
  }
  for (let i = 0; i < groups.families; i++) {
    const shared: Partial<Profile> = { address: fresh.address(), ...(rnd.chance(30) ? { device: fresh.device() } : {}) };
    for (let m = rnd.int(2, 5); m > 0; m--) applicant('family', null, shared);
  }
  for (let i = 0; i < groups.households; i++) {
    const shared: Partial<Profile> = { address: fresh.address(), bank_account: fresh.bank_account(), ...(rnd.chance(25) ? { device: fresh.device() } : {}) };
    for (let m = rnd.int(2, 5); m > 0; m--) applicant('household', null, shared);
  }
  for (let i = 0; i < groups.cafes; i++) {
    const shared: Partial<Profile> = { device: fresh.device(), ...(rnd.chance(50) ? { address: fresh.address() } : {}) };
    for (let m = rnd.int(5, 20); m > 0; m--) applicant('cafe', null, shared);
  }
  for (let i = 0; i < groups.rings; i++) {
    const ringId = `R${i + 1}`;
    // A ring shares because SIMs, devices and mule accounts are scarce: about one of each per
    // three to five members.
    const size = rnd.int(3, 12);
    const pool = {
      phone: Array.from({ length: Math.ceil(size / rnd.int(3, 5)) }, fresh.phone),
      device: Array.from({ length: Math.ceil(size / rnd.int(4, 6)) }, fresh.device),
      bank_account: Array.from({ length: Math.ceil(size / rnd.int(3, 5)) }, fresh.bank_account),
    };
    const dropAddress = rnd.chance(25) ? fresh.address() : null;
    for (let m = size; m > 0; m--) {
      const shared: Partial<Profile> = {};
      if (rnd.chance(70)) shared.phone = rnd.pick(pool.phone);
      if (rnd.chance(60)) shared.device = rnd.pick(pool.device);
      if (rnd.chance(60)) shared.bank_account = rnd.pick(pool.bank_account);
      if (dropAddress !== null && rnd.chance(70)) shared.address = dropAddress;
      applicant('ring', ringId, shared);
    }
  }
  return rows;
}

type Ids = Partial<Record<IdentifierKind, string>>;
const app = (applicationId: string, personId: string, identifiers: Ids): RingApplication => ({
  applicationId,
  personId,
  identifiers: (Object.entries(identifiers) as [IdentifierKind, string][]).map(([kind, value]) => ({ kind, value })),
});
/** One application per person, ids `${prefix}1`.., each with its own address unless `ids` gives one. */
const people = (prefix: string, count: number, ids: (i: number) => Ids): RingApplication[] =>
  Array.from({ length: count }, (_, i) => app(`${prefix}${i + 1}`, `${prefix}-person-${i + 1}`, { address: `${prefix} house ${i + 1}`, ...ids(i + 1) }));
const resultOf = (detection: RingDetection, applicationId: string) => {
  const result = detection.applications.find((a) => a.applicationId === applicationId);
  if (!result) throw new Error(`no result for ${applicationId}`);
  return result;
};
const flagged = (detection: RingDetection) => detection.applications.filter((a) => a.ringId !== null).map((a) => a.applicationId);
const labels = (rows: readonly PlantedApplication[]): RingLabel[] => rows.map(({ applicationId, personId, trueRingId }) => ({ applicationId, personId, trueRingId }));
const PORTFOLIO_GROUPS = { singles: 12_000, families: 700, households: 300, cafes: 60, rings: 60 };

describe('evidence between two people', () => {
  it('weighs kinds: an account over a phone or email, over a device, over an address', () => {
    const atTwo = (kind: IdentifierKind) => identifierPoints(kind, 2);
    expect([atTwo('bank_account'), atTwo('phone'), atTwo('email'), atTwo('device'), atTwo('address')]).toEqual([60, 50, 50, 40, 15]);
    // One account or phone links two people on its own; a device or an address never does.
    expect(atTwo('bank_account')).toBeGreaterThanOrEqual(EDGE_THRESHOLD);
    expect(atTwo('phone')).toBeGreaterThanOrEqual(EDGE_THRESHOLD);
    expect(atTwo('device')).toBeLessThan(EDGE_THRESHOLD);
  });

  it('fades a device or an address by its degree, like IDF, to nothing at a hub', () => {
    expect(hubFactor('device', 1)).toBe(0);
    expect(hubFactor('device', 2)).toBe(1);
    const device = [2, 3, 5, 10, 15, 20, 24, 25].map((d) => identifierPoints('device', d));
    expect(device).toEqual([...device].sort((a, b) => b - a));
    expect(device.slice(-1)).toEqual([0]);
    expect(identifierPoints('device', 15)).toBeLessThan(10);
    expect(identifierPoints('address', HOUSEHOLD_MAX_PEOPLE)).toBe(15);
    expect(identifierPoints('address', EVIDENCE.address.hubAt)).toBe(0);
  });

  it('keeps a phone, email or account at full weight up to a dozen people, then fades it to nothing', () => {
    for (const kind of ['phone', 'email', 'bank_account'] as const) {
      expect(identifierPoints(kind, 12)).toBe(EVIDENCE[kind].points);
      expect(identifierPoints(kind, 30)).toBeLessThan(EVIDENCE[kind].points);
      expect(identifierPoints(kind, 100)).toBe(0);
    }
  });

  it('discounts what people at a small shared address (a household) also share', () => {
    expect(pairPoints([{ kind: 'bank_account', degree: 2 }])).toEqual({ points: 60, kinds: ['bank_account'] });
    // A joint account at home: 60 counted at 25%, plus the address.
    expect(pairPoints([{ kind: 'bank_account', degree: 2 }, { kind: 'address', degree: 2 }])).toEqual({ points: 15 + 15, kinds: ['bank_account', 'address'] });
    // A joint account and the family PC together stay below an edge...
    expect(pairPoints([{ kind: 'bank_account', degree: 2 }, { kind: 'device', degree: 2 }, { kind: 'address', degree: 2 }]).points).toBeLessThan(EDGE_THRESHOLD);
    // ...but a household does not explain a shared phone: OTPs and KYC go to the applicant's own number.
    expect(pairPoints([{ kind: 'phone', degree: 3 }, { kind: 'address', degree: 3 }])).toEqual({ points: 50 + 15, kinds: ['phone', 'address'] });
    // An "address" with more people than a household explains nothing away.
    const big = HOUSEHOLD_MAX_PEOPLE + 1;
    expect(pairPoints([{ kind: 'bank_account', degree: big }, { kind: 'address', degree: big }]).points).toBe(60 + identifierPoints('address', big));
  });
});

describe('ring score', () => {
  it('needs two kinds or a fourth person: one phone among three strangers is not a ring', () => {
    expect(ringScore(3, ['phone'], 3)).toBeLessThan(RING_SCORE_THRESHOLD);
    expect(ringScore(3, ['bank_account', 'phone'], 2)).toBe(RING_SCORE_THRESHOLD);
    expect(ringScore(4, ['bank_account'], 6)).toBeGreaterThanOrEqual(RING_SCORE_THRESHOLD);
    expect(ringScore(4, ['bank_account'], 3)).toBeLessThan(RING_SCORE_THRESHOLD);
  });

  it('grows with people, kinds and density, and stops growing with people at the cap', () => {
    expect(ringScore(5, ['phone'], 10)).toBeGreaterThan(ringScore(4, ['phone'], 6));
    expect(ringScore(4, ['phone', 'device'], 6)).toBeGreaterThan(ringScore(4, ['phone'], 6));
    expect(ringScore(4, ['phone'], 6)).toBeGreaterThan(ringScore(4, ['phone'], 4));
    expect(ringScore(4, ['phone', 'address'], 6)).toBeGreaterThan(ringScore(4, ['phone'], 6));
    expect(ringScore(40, ['phone'], 39) - ringScore(39, ['phone'], 38)).toBeLessThanOrEqual(0);
  });
});

describe('detectRings, rule by rule', () => {
  it('flags strangers at different addresses paying into one account, with a stable ring id', () => {
    const detection = detectRings([...people('m', 4, () => ({ bank_account: 'MULE-1' })), ...people('g', 3, () => ({}))]);
    expect(detection.rings).toEqual([
      expect.objectContaining({ ringId: 'm1', people: 4, edges: 6, densityBps: 10_000, sharedKinds: ['bank_account'], members: ['m1', 'm2', 'm3', 'm4'], attachedPersonIds: [] }),
    ]);
    expect(resultOf(detection, 'm3')).toEqual({ applicationId: 'm3', ringId: 'm1', ringSize: 4, ringScore: detection.rings[0]!.score, sharedKinds: ['bank_account'] });
    expect(resultOf(detection, 'g1')).toEqual({ applicationId: 'g1', ringId: null, ringSize: 1, ringScore: 0, sharedKinds: [] });
  });

  it('does not flag the same four as a household: one address and a joint account', () => {
    const detection = detectRings(people('h', 4, () => ({ bank_account: 'JOINT-1', address: '7 Lake View' })));
    expect(flagged(detection)).toEqual([]);
    expect(resultOf(detection, 'h1').ringSize).toBe(1);
  });

  it("does not let a household explain a shared phone: OTPs go to the applicant's own number", () => {
    const detection = detectRings(people('o', 3, () => ({ phone: '98450 44444', address: '5 Church Street' })));
    expect(detection.rings).toEqual([expect.objectContaining({ people: 3, sharedKinds: ['phone', 'address'] })]);
  });

  it('does flag a drop address with more people than a household', () => {
    const detection = detectRings(people('d', HOUSEHOLD_MAX_PEOPLE + 2, () => ({ bank_account: 'MULE-2', address: '1 Drop Lane' })));
    expect(detection.rings).toEqual([expect.objectContaining({ ringId: 'd1', people: HOUSEHOLD_MAX_PEOPLE + 2, sharedKinds: ['bank_account', 'address'] })]);
  });

  it('does not flag a family at one address or on one PC', () => {
    expect(flagged(detectRings(people('f', 5, () => ({ address: '3 Temple Street', device: 'family-pc' }))))).toEqual([]);
  });

  it('does not flag a cyber café: twenty strangers on one PC at one address', () => {
    const detection = detectRings(people('c', 20, () => ({ address: 'Sai Cyber Café, MG Road', device: 'cafe-pc-1' })));
    expect(flagged(detection)).toEqual([]);
    expect(resultOf(detection, 'c1').ringSize).toBe(1);
  });

  it('does not link three strangers by a device alone, however small', () => {
    expect(resultOf(detectRings(people('x', 3, () => ({ device: 'shared-phone-handset' }))), 'x1').ringSize).toBe(1);
  });

  it('links two people but calls no pair a ring', () => {
    const detection = detectRings(people('p', 2, () => ({ phone: '98450 11111', device: 'dev-p', bank_account: 'ACCT-P' })));
    expect(MIN_RING_PEOPLE).toBe(3);
    expect(flagged(detection)).toEqual([]);
    expect(resultOf(detection, 'p1')).toMatchObject({ ringId: null, ringSize: 2, sharedKinds: ['bank_account', 'phone', 'device'] });
    expect(resultOf(detection, 'p1').ringScore).toBeGreaterThan(0);
  });

  it('ignores a placeholder everyone typed: a hub links nobody', () => {
    const detection = detectRings(people('z', 150, () => ({ phone: '0000000000', bank_account: 'NA' })));
    expect(detection.rings).toEqual([]);
    expect(resultOf(detection, 'z1').ringSize).toBe(1);
  });

  it('never counts a person reapplying with their own identifiers as evidence', () => {
    const same = { phone: '98450 22222', device: 'dev-r', bank_account: 'ACCT-R', address: '9 Hill Road' };
    const detection = detectRings([app('r1', 'reapplicant', same), app('r2', 'reapplicant', same), app('r3', 'reapplicant', { ...same, phone: '98450 33333' })]);
    expect(detection.applications.map((a) => [a.ringId, a.ringSize, a.sharedKinds])).toEqual([[null, 1, []], [null, 1, []], [null, 1, []]]);
    // ...nor lets reapplications inflate an identifier's degree.
    const graph = buildRingGraph([app('r1', 'reapplicant', same), app('r2', 'reapplicant', same), app('s1', 'spouse', { bank_account: 'ACCT-R' })]);
    expect(graph.shared).toEqual([{ kind: 'bank_account', value: 'acct-r', people: [0, 1] }]);
  });

  it("attaches someone on the ring's own PC, but not a café customer who met one member there", () => {
    const ring = people('k', 4, (i) => ({ bank_account: 'MULE-3', device: i <= 3 ? 'ring-pc' : 'own-pc' }));
    const onRingPc = app('k9', 'k-person-9', { device: 'ring-pc', address: 'elsewhere 1' }); // 3 members x 29 points
    const cafe = [app('q1', 'q-person-1', { device: 'cafe-pc', address: 'elsewhere 2' }), app('k4b', 'k-person-4', { device: 'cafe-pc' })]; // 40 points, one member
    const detection = detectRings([...ring, onRingPc, ...cafe]);
    expect(3 * identifierPoints('device', 4)).toBeGreaterThanOrEqual(ATTACH_THRESHOLD);
    expect(detection.rings).toEqual([expect.objectContaining({ ringId: 'k1', people: 5, personIds: ['k-person-1', 'k-person-2', 'k-person-3', 'k-person-4', 'k-person-9'], attachedPersonIds: ['k-person-9'] })]);
    expect(resultOf(detection, 'k9')).toMatchObject({ ringId: 'k1', ringSize: 5, sharedKinds: ['device'] });
    expect(resultOf(detection, 'q1').ringId).toBeNull();
  });

  it("flags only the applications that share something with the ring: not a takeover victim's own", () => {
    const mules = people('t', 4, () => ({ bank_account: 'MULE-4' })); // taken-over applications
    const victimsOwn = app('t1-own', 't-person-1', { phone: '98450 55555', bank_account: 'VICTIM-OWN', address: 't house 1' });
    const detection = detectRings([...mules, victimsOwn]);
    expect(detection.rings).toEqual([expect.objectContaining({ ringId: 't1', people: 4, members: ['t1', 't2', 't3', 't4'] })]);
    expect(resultOf(detection, 't1')).toMatchObject({ ringId: 't1', sharedKinds: ['bank_account'] });
    expect(resultOf(detection, 't1-own')).toEqual({ applicationId: 't1-own', ringId: null, ringSize: 4, ringScore: detection.rings[0]!.score, sharedKinds: [] });
  });

  it('flags a chain of two kinds of three, but not one phone shared by three', () => {
    const chain = [app('a1', 'a', { phone: '900' }), app('a2', 'b', { phone: '900', bank_account: 'B-1' }), app('a3', 'c', { bank_account: 'B-1' })];
    expect(detectRings(chain).rings).toEqual([expect.objectContaining({ ringId: 'a1', edges: 2, sharedKinds: ['bank_account', 'phone'] })]);
    expect(detectRings(people('t', 3, () => ({ phone: '901' }))).rings).toEqual([]);
  });

  it('reads one identifier however it is written, and a blank as none', () => {
    expect(normaliseIdentifier('phone', '+91 98450-12345')).toBe(normaliseIdentifier('phone', '919845012345'));
    expect(normaliseIdentifier('address', ' 12  MG Road ')).toBe('12 mg road');
    const detection = detectRings([
      app('n1', 'n-1', { bank_account: 'ACCT 77', phone: '' }),
      app('n2', 'n-2', { bank_account: 'acct 77', phone: ' ' }),
      app('n3', 'n-3', { bank_account: ' Acct  77 ', phone: '' }),
      app('n4', 'n-4', { bank_account: 'ACCT\t77' }),
      app('n5', 'n-5', { phone: '' }),
    ]);
    expect(detection.rings.map((r) => r.members)).toEqual([['n1', 'n2', 'n3', 'n4']]);
    expect(resultOf(detection, 'n5').ringSize).toBe(1);
  });

  it('gives the same answer whatever order the applications come in', () => {
    const rows = plantPortfolio('order', { singles: 300, families: 20, households: 10, cafes: 3, rings: 5 });
    const rnd = new SeededRandom('shuffle');
    const shuffled = [...rows];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rnd.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const detection = detectRings(rows);
    expect(detection.rings.length).toBeGreaterThan(0);
    expect(detectRings(shuffled)).toEqual(detection);
    for (const ring of detection.rings) expect(ring.ringId).toBe([...ring.members].sort()[0]);
  });

  it('refuses a repeated applicationId', () => {
    expect(() => detectRings([app('dup', 'a', {}), app('dup', 'b', {})])).toThrow('duplicate applicationId dup');
  });
});

describe('UnionFind', () => {
  it('joins sets and lists them by smallest member', () => {
    const sets = new UnionFind(6);
    sets.union(4, 1);
    sets.union(1, 5);
    sets.union(2, 3);
    expect(sets.find(5)).toBe(sets.find(4));
    expect(sets.groups()).toEqual([[0], [1, 4, 5], [2, 3]]);
    expect(sets.groups(2)).toEqual([[1, 4, 5], [2, 3]]);
  });
});

describe('evaluateRings', () => {
  it('scores applications and rings against labels', () => {
    const detection = detectRings([...people('m', 4, () => ({ bank_account: 'MULE-1' })), ...people('g', 2, () => ({}))]);
    const metrics = evaluateRings(
      [
        ...['m1', 'm2', 'm3'].map((id) => ({ applicationId: id, personId: `m-person-${id.slice(1)}`, trueRingId: 'R1' })),
        { applicationId: 'm4', personId: 'm-person-4', trueRingId: '' }, // flagged, labelled genuine
        { applicationId: 'g1', personId: 'g-person-1', trueRingId: 'R2' }, // missed ring of two
        { applicationId: 'g2', personId: 'g-person-2', trueRingId: 'R2' },
      ],
      detection,
    );
    expect(metrics).toMatchObject({ applications: 6, truePositives: 3, falsePositives: 1, falseNegatives: 2, trueRings: 2, ringsFound: 1, flaggedRings: 1 });
    expect(metrics.precision).toBeCloseTo(0.75);
    expect(metrics.recall).toBeCloseTo(0.6);
    expect(metrics.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35);
    expect(metrics.ringRecall).toBeCloseTo(0.5);
  });
});

describe('identities CSV (models/cli/evaluate-rings.ts)', () => {
  it('reads the columns, quoted addresses and empty labels', () => {
    const csv = [
      'application_id,person_id,phone,device_id,bank_account,address,ring_id',
      'A1,P1,9845011111,dev-1,ACCT1,"12, MG Road",',
      'A2,P2,9845011111,,ACCT1,"14, MG Road",R9',
    ].join('\n');
    const { applications, labels } = identitiesFromCsv(csv);
    expect(applications[0]).toEqual({
      applicationId: 'A1',
      personId: 'P1',
      identifiers: [
        { kind: 'phone', value: '9845011111' },
        { kind: 'device', value: 'dev-1' },
        { kind: 'bank_account', value: 'ACCT1' },
        { kind: 'address', value: '12, MG Road' },
      ],
    });
    expect(labels).toEqual([
      { applicationId: 'A1', personId: 'P1', trueRingId: null },
      { applicationId: 'A2', personId: 'P2', trueRingId: 'R9' },
    ]);
  });

  it('names a missing column', () => {
    expect(() => identitiesFromCsv('application_id,person_id,phone\nA1,P1,1')).toThrow('lacks column(s) device_id, bank_account, address, ring_id');
  });
});

// Four planted portfolios of ~20,000 applications each. What the detector can reach is bounded:
// about 6% of planted ring members share nothing at all with their ring, and one who shares only
// the ring's PC, or its drop address, looks like a café customer or a lodger. Over ten seeds
// precision was 1.00, application recall 0.77-0.87 and ring recall 0.78-0.88 (these four: recall
// 0.869, 0.777, 0.780, 0.797; ring recall 0.883, 0.833, 0.850, 0.850). The floors are below those.
describe.each(['portfolio-1', 'portfolio-2', 'portfolio-3', 'portfolio-4'])('planted portfolio %s', (seed) => {
  const rows = plantPortfolio(seed, PORTFOLIO_GROUPS);
  const detection = detectRings(rows);
  const metrics = evaluateRings(labels(rows), detection);
  const isFlagged = new Set(flagged(detection));

  it('plants what it says', () => {
    expect(rows.length).toBeGreaterThan(19_000);
    expect(new Set(rows.map((r) => r.trueRingId).filter(Boolean)).size).toBe(PORTFOLIO_GROUPS.rings);
  });

  it('finds the rings: precision >= 0.95, recall >= 0.75, ring recall >= 0.8', () => {
    expect(metrics.precision).toBeGreaterThanOrEqual(0.95);
    expect(metrics.recall).toBeGreaterThanOrEqual(0.75);
    expect(metrics.ringRecall).toBeGreaterThanOrEqual(0.8);
  });

  it.each(['family', 'household', 'cafe', 'single'] as const)('flags no %s', (pattern) => {
    const benign = rows.filter((r) => r.pattern === pattern);
    expect(benign.length).toBeGreaterThan(500);
    expect(benign.filter((r) => isFlagged.has(r.applicationId))).toEqual([]);
  });

  it('flags no genuine reapplicant', () => {
    const count = new Map<string, number>();
    for (const r of rows) count.set(r.personId, (count.get(r.personId) ?? 0) + 1);
    const reapplications = rows.filter((r) => r.trueRingId === null && count.get(r.personId)! > 1);
    expect(reapplications.length).toBeGreaterThan(1_000);
    expect(reapplications.filter((r) => isFlagged.has(r.applicationId))).toEqual([]);
  });
});

// Speed is measured by bench/models.bench.ts, not asserted here: a timed test fails on a loaded machine.
