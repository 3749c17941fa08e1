// The naive baseline the policy is measured against: the same reminder to everyone, every day at
// 09:00 in the borrower's zone (the country's main zone when unknown), by SMS, or by email once
// SMS is unusable or refused for good. It passes the same gate; a blocked reminder waits for
// the gate's retry instant (the next day's reminder is not added while one waits), and one
// refused for good on every channel is abandoned with the reason. No offers, no calls, no people.
import type { Channel } from '../../policies/compliance/rules.js';
import type { PolicySettings } from '../../policies/recovery/policy-document.js';
import { nextLocalTime } from './local-time.js';
import { DAY_MS, schedulingZone, type Episode, type Strategy, type World } from './world.js';

interface BaselineEpisode {
  nextDaily: number;
  /** the reminder of the day, or one the gate held back (`blocked`) until `at` */
  waiting: { contactId: number; at: number; channel: Channel; blocked: boolean } | null;
}

const CHANNELS: Channel[] = ['sms', 'email'];

export class BaselineStrategy implements Strategy {
  readonly name = 'baseline: daily reminder at 09:00';
  world!: World;

  /** `settings` carries the promise tolerance; its weekly caps are none unless a sensitivity run gives some. */
  constructor(private readonly settings: PolicySettings) {}

  settingsFor(): PolicySettings {
    return this.settings;
  }

  begin(ep: Episode, at: number): void {
    ep.s = { nextDaily: at, waiting: null } satisfies BaselineEpisode;
  }

  dueAt(ep: Episode): number {
    const s = ep.s as BaselineEpisode;
    return Math.min(s.nextDaily, s.waiting?.at ?? Infinity);
  }

  on(): void {}

  ended(ep: Episode, at: number, reason: string): void {
    const s = ep.s as BaselineEpisode;
    if (s.waiting) this.world.abandon(ep, s.waiting.contactId, at, `episode ended: ${reason}`);
    s.waiting = null;
  }

  act(ep: Episode, at: number): void {
    const s = ep.s as BaselineEpisode;
    if (s.nextDaily <= at) {
      s.nextDaily = nextLocalTime(schedulingZone(ep.b), at + DAY_MS / 2, 9);
      if (!s.waiting) s.waiting = { contactId: this.world.newContactId(ep), at, channel: 'sms', blocked: false };
    }
    const w = s.waiting;
    if (!w || w.at > at) return;
    const unusable = this.world.unusable(ep);
    const refused: Channel[] = [];
    let lastBlock = '';
    for (const channel of CHANNELS.slice(CHANNELS.indexOf(w.channel))) {
      if (unusable.includes(channel)) continue;
      const decision = this.world.contact(ep, at, { contactId: w.contactId, channel, automated: channel !== 'email', source: 'baseline', template: 'daily_reminder', kind: 'reminder' });
      if (decision.allowed) {
        s.waiting = null;
        return;
      }
      if (decision.retryAt !== null) {
        s.waiting = { ...w, at: decision.retryAt, channel, blocked: true };
        return;
      }
      refused.push(channel);
      lastBlock = `${decision.rule}: ${decision.reason}`;
    }
    // A reminder the gate held back and whose channels have since become unusable (an opt-out meanwhile) is abandoned too.
    if (refused.length > 0 || w.blocked) this.world.abandon(ep, w.contactId, at, refused.length > 0 ? `no channel left (${lastBlock})` : 'no channel left (opted out or unreachable since it was held back)');
    s.waiting = null;
  }
}
