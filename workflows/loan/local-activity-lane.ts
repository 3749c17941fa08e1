// Local activities run one at a time, in the order the workflow asks for them.
//
// Two local activities in flight at once (the projection loop beside a KYC check, say) resolve in
// completion order on the first run but in scheduling order on replay; the code that runs after
// each resolution then schedules its next command in a different order, and replay fails with
// TMPRL1100. 54 of 375 loans declined at the KYC fast path were unreplayable that way. With one
// local activity outstanding at a time there is only one order to resolve in.
//
// Module state is per workflow run (the SDK isolates each run's module cache), so this lane
// belongs to one loan's run.
import { patched } from '@temporalio/workflow';

/** Patch ID: runs recorded before it let local activities overlap (see workflows/README.md). */
export const SERIAL_LOCAL_ACTIVITIES = 'serial-local-activities';

let tail: Promise<unknown> = Promise.resolve();
let serial: boolean | undefined;

function inLane<T>(call: () => Promise<T>): Promise<T> {
  // Asked at the first local activity of the run, so the marker sits at the same point in every history.
  serial ??= patched(SERIAL_LOCAL_ACTIVITIES);
  if (!serial) return call();
  const result = tail.then(call);
  tail = result.catch(() => undefined);
  return result;
}

/** The same local activities, queued behind one another. */
export function oneAtATime<A extends object>(activities: A): A {
  return new Proxy(activities, {
    get(target, name) {
      const fn: unknown = Reflect.get(target, name);
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) => inLane(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args));
    },
  });
}
