// Refusals are counted and logged as one line per interval, not one per request: under the
// floods they exist for, a line each would turn every refused request into disk and CPU work.
import type { RouteClass } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import type { GateStats, RefusalReason } from './admission-gate.js';

const INTERVAL_MS = 10_000;
const TOP_CLIENTS = 5;

export class RefusalLog {
  private overloaded: Partial<Record<RouteClass, Partial<Record<RefusalReason, number>>>> = {};
  private rateLimited: Partial<Record<RouteClass, number>> = {};
  private readonly clients = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly gateStats: () => Partial<Record<RouteClass, GateStats>>,
  ) {}

  noteOverloaded(cls: RouteClass, reason: RefusalReason): void {
    const byReason = (this.overloaded[cls] ??= {});
    byReason[reason] = (byReason[reason] ?? 0) + 1;
    this.schedule();
  }

  noteRateLimited(cls: RouteClass, client: string): void {
    this.rateLimited[cls] = (this.rateLimited[cls] ?? 0) + 1;
    // Bounded: past a few thousand distinct clients in one interval, the top ones are already known.
    if (this.clients.has(client) || this.clients.size < 4096) this.clients.set(client, (this.clients.get(client) ?? 0) + 1);
    this.schedule();
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (Object.keys(this.overloaded).length === 0 && Object.keys(this.rateLimited).length === 0) return;
    const topClients = [...this.clients].sort((a, b) => b[1] - a[1]).slice(0, TOP_CLIENTS).map(([client, refused]) => ({ client, refused }));
    const line = { overloaded: this.overloaded, rateLimited: this.rateLimited, ...(topClients.length ? { topRateLimitedClients: topClients } : {}), gates: this.gateStats() };
    this.logger.warn(line, 'requests refused');
    this.overloaded = {};
    this.rateLimited = {};
    this.clients.clear();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), INTERVAL_MS);
    this.timer.unref();
  }
}
