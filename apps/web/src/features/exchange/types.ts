/** The exchange (trục liên thông) as the hub operator's pages see it; mirrors exchange.schemas.ts. */
export interface ExchangeSelf {
  role: 'hub' | 'node';
  nodeId: string;
  publicKey: string;
  hubUrl: string | null;
  agencies: string[] | null;
  trustRoots: number;
}

export interface ExchangeNode {
  id: string;
  name: string;
  baseUrl: string;
  publicKey: string;
  agencies: string[];
  caCertificates: string[];
  caSummaries: { subject: string; sha256: string }[];
  active: boolean;
  lastSeenAt: string | null;
  createdAt: string;
}

export interface NodeInput {
  id: string;
  name: string;
  baseUrl: string;
  publicKey: string;
  agencies: string[];
  caCertificates?: string[];
}

export const LOG_EVENTS = ['sealed', 'received', 'routed', 'delivered', 'rejected', 'duplicate'] as const;
export type LogEvent = (typeof LOG_EVENTS)[number];

export interface LogEntry {
  id: string;
  packageId: string;
  kind: 'document' | 'status';
  event: LogEvent;
  sender: string | null;
  recipient: string | null;
  documentId: string | null;
  statusCode: string | null;
  nodeId: string | null;
  sha256: string;
  size: number;
  reason: string | null;
  at: string;
}

/** A status package held until its agency has a seal usable for edXML (ADR 0013). */
export interface HeldStatus {
  id: string;
  sender: string;
  recipient: string;
  statusCode: string | null;
  reason: string | null;
  createdAt: string;
}

export const DELIVERY_STATES = ['pending', 'done', 'rejected'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface Delivery {
  id: string;
  packageId: string;
  kind: 'document' | 'status';
  recipient: string;
  target: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}
