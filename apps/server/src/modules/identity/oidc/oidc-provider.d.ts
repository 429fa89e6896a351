/**
 * The part of oidc-provider 9.x that we use (the package ships no type declarations and
 * @types/oidc-provider is not installed). Kept narrow on purpose: widen it when you use more.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown> & {
    grantId?: string;
    userCode?: string;
    uid?: string;
    consumed?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClientLike {
    clientId: string;
    clientName?: string;
    redirectUris: string[];
    clientAuthMethod: string;
    grantTypeAllowed(type: string): boolean;
  }

  export interface SessionLike {
    accountId?: string;
    acr?: string;
  }

  export interface OidcContext {
    params: Record<string, string | undefined>;
    session: SessionLike;
    client?: ClientLike;
    entities: Record<string, { acr?: string; accountId?: string } | undefined>;
  }

  export interface KoaContextWithOIDC {
    req: IncomingMessage;
    oidc: OidcContext;
    type: string;
    body: unknown;
    status: number;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Token {
    jti: string;
    kind: string;
    clientId: string;
    accountId?: string;
    scope?: string;
    extra?: Record<string, unknown>;
    grantId?: string;
    isValid: boolean;
  }

  export interface TokenModel {
    find(value: string, o?: { ignoreExpiration?: boolean }): Promise<Token | undefined>;
  }

  export interface GrantInstance {
    jti: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(ttl?: number): Promise<string>;
  }

  export interface GrantModel {
    new (o: { accountId: string; clientId: string }): GrantInstance;
    find(id: string): Promise<GrantInstance | undefined>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, string | undefined>;
    session?: { accountId?: string; uid?: string };
    grantId?: string;
    lastSubmission?: Record<string, unknown>;
  }

  export class Check {
    constructor(
      reason: string,
      description: string,
      error: string,
      check: (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>,
    );
    static REQUEST_PROMPT: true;
    static NO_NEED_TO_PROMPT: false;
  }

  export interface PromptLike {
    name: string;
    checks: { add(check: Check, index?: number): void };
  }

  export interface Policy extends Array<PromptLike> {
    get(name: string): PromptLike | undefined;
  }

  export const interactionPolicy: {
    base(): Policy;
    Check: typeof Check;
  };

  export const errors: Record<string, new (...args: unknown[]) => Error>;

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    readonly issuer: string;
    proxy: boolean;
    AccessToken: TokenModel;
    ClientCredentials: TokenModel;
    Grant: GrantModel;
    Client: {
      find(id: string): Promise<ClientLike | undefined>;
      validate(metadata: Record<string, unknown>): Promise<void>;
    };
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      o?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
