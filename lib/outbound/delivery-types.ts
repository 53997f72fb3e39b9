// What one try of sending one event to one destination came to: written to the delivery log
// (OutboundAttempt) by the delivery job, whatever the transport.
export type DeliveryResult = {
  ok: boolean;
  /** HTTP status (webhooks); absent for syslog or when no answer came. */
  statusCode?: number;
  /** The receiver's answer, at most 1,000 characters. */
  answer?: string;
  /** Why it failed, in words (timeout, refused, TLS, a 500). */
  error?: string;
  durationMs: number;
};

/** A syslog target as the sender needs it (the SyslogTarget row, narrowed). */
export type SyslogDestination = {
  id: string;
  host: string;
  port: number;
  transport: "udp" | "tcp" | "tls";
  format: "cef" | "json";
  caPem: string | null;
};
