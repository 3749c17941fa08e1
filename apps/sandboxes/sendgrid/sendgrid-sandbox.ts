// Starts the SendGrid sandbox on a port (0 picks a free one).
import { serveSandbox, type RunningSandbox } from '../http-server.js';
import { createSendGridRouter, type SendGridSandboxOptions } from './sendgrid-router.js';

export interface RunningSendGridSandbox extends RunningSandbox {
  setApiUrl(url: string | undefined): void;
  /** resolves once every scheduled event has been posted and answered or given up */
  settled(): Promise<void>;
}

export async function startSendGridSandbox(options: SendGridSandboxOptions & { port: number; host?: string }): Promise<RunningSendGridSandbox> {
  const sendgrid = createSendGridRouter(options);
  const running = await serveSandbox(sendgrid.router, options.port, options.host);
  return {
    ...running,
    setApiUrl: (url) => sendgrid.setApiUrl(url),
    settled: () => sendgrid.settled(),
    close: async () => {
      sendgrid.stop();
      await running.close();
    },
  };
}
