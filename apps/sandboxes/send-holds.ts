// A test control a real provider does not have: the next send to an address is held at one stage
// until its caller goes away, which is how a worker that dies mid-send leaves its request. At
// `received` the request has arrived and nothing is done yet: the caller gone, the send never takes
// effect. At `accepted` the send exists (Twilio's message or call, SendGrid's email) and lives its
// lifecycle, and only the answer is withheld: the caller gone, it never hears that it was taken. A
// test arms a hold, waits until it is `holding`, kills the caller, and sees it `abandoned`; a hold
// is used once. The Twilio and SendGrid sandboxes each keep their own, under `/_sandbox/holds`.
export type HoldStage = 'received' | 'accepted';

export interface SendHold {
  to: string;
  stage: HoldStage;
  state: 'armed' | 'holding' | 'abandoned';
  heldAt: string | null;
  abandonedAt: string | null;
}

export const HOLD_STAGES: readonly HoldStage[] = ['received', 'accepted'];

export class SendHolds {
  private readonly holds: SendHold[] = [];

  /** `address`: the form in which two spellings of one address compare equal (a bare number, a lower-case email) */
  constructor(private readonly address: (to: string) => string) {}

  arm(to: string, stage: HoldStage): SendHold {
    const hold: SendHold = { to: this.address(to), stage, state: 'armed', heldAt: null, abandonedAt: null };
    this.holds.push(hold);
    return hold;
  }

  /** When a hold is armed for this address at this stage, keeps the send until its caller is gone and answers true; otherwise false at once. */
  async hold(stage: HoldStage, to: string, caller: AbortSignal): Promise<boolean> {
    const hold = this.holds.find((h) => h.state === 'armed' && h.stage === stage && h.to === this.address(to));
    if (!hold) return false;
    hold.state = 'holding';
    hold.heldAt = new Date().toISOString();
    await new Promise<void>((resolve) => (caller.aborted ? resolve() : caller.addEventListener('abort', () => resolve(), { once: true })));
    hold.state = 'abandoned';
    hold.abandonedAt = new Date().toISOString();
    return true;
  }

  list(): SendHold[] {
    return this.holds.map((h) => ({ ...h }));
  }
}

/**
 * The test controls every provider sandbox shares: `POST/GET /_sandbox/holds` (hold a recipient's
 * next send at a stage) and `POST /_sandbox/callbacks` (hold or release the status callbacks).
 * `recipient` checks the `to` a hold names in the provider's own terms, answering the error or null.
 */
export function mountHoldControls(
  router: { on(method: 'GET' | 'POST', path: string, handler: (req: { body?: unknown }) => { status: number; body: unknown }): void },
  holds: SendHolds,
  poster: { hold(): void; release(): void },
  recipient: (to: string) => string | null,
): void {
  router.on('POST', '/_sandbox/holds', (req) => {
    const { to, stage } = (req.body ?? {}) as { to?: unknown; stage?: unknown };
    const refused = typeof to === 'string' ? recipient(to) : recipient('');
    if (typeof to !== 'string' || refused !== null) return { status: 400, body: { error: refused } };
    if (!HOLD_STAGES.includes(stage as HoldStage)) return { status: 400, body: { error: `stage must be one of ${HOLD_STAGES.join(', ')}` } };
    return { status: 201, body: holds.arm(to, stage as HoldStage) };
  });
  router.on('GET', '/_sandbox/holds', () => ({ status: 200, body: { holds: holds.list() } }));
  router.on('POST', '/_sandbox/callbacks', (req) => {
    const held = (req.body as { held?: unknown } | undefined)?.held;
    if (typeof held !== 'boolean') return { status: 400, body: { error: 'held must be true or false' } };
    if (held) poster.hold();
    else poster.release();
    return { status: 200, body: { held } };
  });
}
