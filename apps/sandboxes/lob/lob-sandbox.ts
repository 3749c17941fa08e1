// Starts the Lob sandbox on a port (0 picks a free one).
import { serveSandbox, type RunningSandbox } from '../http-server.js';
import { createLobRouter, type LobSandboxOptions } from './lob-router.js';

export interface RunningLobSandbox extends RunningSandbox {
  setApiUrl(url: string | undefined): void;
  /** resolves once every scheduled event has been posted and answered or given up */
  settled(): Promise<void>;
}

export async function startLobSandbox(options: LobSandboxOptions & { port: number; host?: string }): Promise<RunningLobSandbox> {
  const lob = createLobRouter(options);
  const running = await serveSandbox(lob.router, options.port, options.host);
  return {
    ...running,
    setApiUrl: (url) => lob.setApiUrl(url),
    settled: () => lob.settled(),
    close: async () => {
      lob.stop();
      await running.close();
    },
  };
}
