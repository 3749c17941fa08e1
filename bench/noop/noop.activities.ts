// The denominator workload: one activity that does nothing.
export function createNoopActivities() {
  return {
    noop(): Promise<string> {
      return Promise.resolve('ok');
    },
  };
}

export type NoopActivities = ReturnType<typeof createNoopActivities>;
