// One error type for everything the core reports to a user: a stable code and both languages.
// (errorData.ts turns anything thrown into its data; this module stays free of the backend's
// packages, so the CLI's usage errors load nothing else.)
import type { AppError as AppErrorData } from '../../../shared/contract/schemas';

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly messageEn: string,
    readonly messageTr: string,
    readonly details?: unknown,
  ) {
    super(messageEn);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.messageEn, messageTr: this.messageTr, details: this.details };
  }
}

export const cancelledError = () => new AppError('cancelled', 'Cancelled by the user', 'Kullanıcı tarafından iptal edildi');
