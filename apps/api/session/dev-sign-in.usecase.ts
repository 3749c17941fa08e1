// The web app's sign-in while the API trusts the local development issuer: the browser posts a
// demo user's name and password here and the API forwards them to the issuer's token endpoint
// (same origin for the browser, so the issuer needs no CORS, and the issuer may sit where only
// the API reaches it, as in docker compose). With any other issuer this answers 404: people sign
// in at their identity provider, and no password ever passes through the API.
import { Inject, Injectable } from '@nestjs/common';
import type { CredenceConfig } from '../../shared/config.js';
import { ProblemException } from '../http/problem.js';
import { CONFIG } from '../tokens.js';

/** The marker the local issuer's discovery document carries (apps/sandboxes/oidc/local-issuer.ts DEV_ISSUER_MARKER). */
const DEV_ISSUER_MARKER = 'credence_dev_issuer';

interface Discovery {
  token_endpoint: string;
  demo_users_endpoint: string;
}

export interface DevToken {
  access_token: string;
  token_type: string;
  expires_in: number;
}

export interface DemoUserView {
  username: string;
  name: string;
  roles: string[];
  agencyId?: string;
}

@Injectable()
export class DevSignInUseCase {
  private discovery: Promise<Discovery | null> | undefined;

  constructor(@Inject(CONFIG) private readonly config: CredenceConfig) {}

  async users(): Promise<{ password: string; users: DemoUserView[] }> {
    const issuer = await this.devIssuer();
    const body = (await (await fetch(issuer.demo_users_endpoint)).json()) as { password: string; users: DemoUserView[] };
    return { password: body.password, users: body.users.map(({ username, name, roles, agencyId }) => ({ username, name, roles, ...(agencyId ? { agencyId } : {}) })) };
  }

  async token(username: string, password: string): Promise<DevToken> {
    const issuer = await this.devIssuer();
    const res = await fetch(issuer.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
    });
    const body = (await res.json()) as DevToken & { error?: string; error_description?: string };
    if (!res.ok) throw ProblemException.validation([{ field: 'password', message: body.error_description ?? 'unknown demo user or wrong password' }]);
    return { access_token: body.access_token, token_type: body.token_type, expires_in: body.expires_in };
  }

  private async devIssuer(): Promise<Discovery> {
    this.discovery ??= this.readDiscovery();
    const found = await this.discovery;
    if (!found) {
      this.discovery = undefined;
      throw new ProblemException('devSignInUnavailable', 'the API trusts an identity provider other than the local development issuer: sign in there');
    }
    return found;
  }

  private async readDiscovery(): Promise<Discovery | null> {
    const issuer = this.config.auth.issuer.replace(/\/+$/, '');
    try {
      const doc = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Partial<Discovery> & Record<string, unknown>;
      if (doc[DEV_ISSUER_MARKER] !== true || typeof doc.token_endpoint !== 'string' || typeof doc.demo_users_endpoint !== 'string') return null;
      return { token_endpoint: doc.token_endpoint, demo_users_endpoint: doc.demo_users_endpoint };
    } catch {
      return null;
    }
  }
}
