// A refusal of the web bridge itself (before any handler runs): an HTTP status and a message in
// both languages, sent as the same error envelope the contract uses. Anything else that goes
// wrong answers 500 with a fixed text: exception text stays in the server's log.
import type { ServerResponse } from 'node:http';
import type { Envelope } from '../../shared/contract/api';

export class BridgeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageEn: string,
    readonly messageTr: string,
  ) {
    super(messageEn);
    this.name = 'BridgeError';
  }
}

export const internalError = () =>
  new BridgeError(500, 'internal', 'The web bridge could not answer this request', 'Web köprüsü bu isteği yanıtlayamadı');

export function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...extraHeaders });
  res.end(JSON.stringify(body));
}

/** Answers with the refusal; `close` ends the connection when the request body was left unread. */
export function sendBridgeError(res: ServerResponse, err: BridgeError, close = false): void {
  sendJson(res, err.status, { ok: false, error: { code: err.code, message: err.messageEn, messageTr: err.messageTr } }, close ? { Connection: 'close' } : {});
}
