// Starts the Twilio sandbox on a port (0 picks a free one).
import { serveSandbox, type RunningSandbox } from '../http-server.js';
import { createTwilioRouter, type TwilioSandboxOptions } from './twilio-router.js';

export interface RunningTwilioSandbox extends RunningSandbox {
  /** where inbound texts go: the API's base URL */
  setApiUrl(url: string | undefined): void;
  /** resolves once every lifecycle has run and every callback has been answered or given up */
  settled(): Promise<void>;
}

export async function startTwilioSandbox(options: TwilioSandboxOptions & { port: number; host?: string }): Promise<RunningTwilioSandbox> {
  const twilio = createTwilioRouter(options);
  const running = await serveSandbox(twilio.router, options.port, options.host);
  return {
    ...running,
    setApiUrl: (url) => twilio.setApiUrl(url),
    settled: () => twilio.settled(),
    close: async () => {
      twilio.stop();
      await running.close();
    },
  };
}
