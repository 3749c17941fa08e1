// Starts the payment-gateway sandbox on a port (0 picks a free one).
import { serveSandbox, type RunningSandbox } from '../http-server.js';
import { createGatewayRouter, type GatewayOptions } from './gateway-router.js';

export interface GatewaySandboxOptions extends GatewayOptions {
  port: number;
  host?: string;
}

export interface RunningGatewaySandbox extends RunningSandbox {
  /** resolves once every queued webhook delivery has succeeded or given up */
  webhooksSettled(): Promise<void>;
}

export async function startGatewaySandbox(options: GatewaySandboxOptions): Promise<RunningGatewaySandbox> {
  const gateway = createGatewayRouter(options);
  const running = await serveSandbox(gateway.router, options.port, options.host);
  return {
    ...running,
    webhooksSettled: () => gateway.webhooksSettled(),
    close: async () => {
      gateway.stop();
      await running.close();
    },
  };
}
