// What a sender reports for one message; the outbox worker passes it on to outbox.report.
export type SendOutcome =
  | { ok: true; providerId: string; rejected?: string[] }
  | { ok: false; retryable: boolean; error: string };

export const retryable = (error: string): SendOutcome => ({ ok: false, retryable: true, error });
export const permanent = (error: string): SendOutcome => ({ ok: false, retryable: false, error });
