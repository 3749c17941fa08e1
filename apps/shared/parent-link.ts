// A process the launcher starts has an IPC channel to it. When the channel closes the launcher is
// gone (killed, perhaps by SIGKILL, which it cannot catch to stop its children), and nobody would
// ever stop this process: it stops itself as on SIGTERM. The channel must not keep the process
// alive on its own, so it is unref'd.
export function stopWhenParentGone(stop: (reason: string) => void): void {
  if (!process.channel) return;
  process.channel.unref();
  process.once('disconnect', () => stop('the launcher is gone'));
}
