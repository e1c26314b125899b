import { redactSecrets, type StsErrorInput } from '../core/sessions/errors';

/** An STS or credential-provider failure, reduced to what is safe to show and log. */
export class StsCallError extends Error {
  readonly input: StsErrorInput;

  constructor(input: StsErrorInput) {
    const message = redactSecrets(input.message ?? input.name ?? 'unknown error');
    super(`${input.operation}: ${message}`);
    this.name = 'StsCallError';
    this.input = { ...input, message };
  }

  /** Wraps an SDK error; never copies request parameters, only name, code, status and a redacted message. */
  static from(e: unknown, operation: string, extra: Partial<StsErrorInput> = {}): StsCallError {
    if (e instanceof StsCallError) return e;
    const err = (e ?? {}) as { name?: unknown; Code?: unknown; code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number }; cause?: { code?: unknown; message?: unknown } };
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const cause = err.cause ? ` (${str(err.cause.code) ?? ''} ${str(err.cause.message) ?? ''})` : '';
    return new StsCallError({
      operation,
      name: str(err.name),
      code: str(err.Code) ?? str(err.code),
      message: `${str(err.message) ?? String(e)}${cause}`,
      httpStatus: err.$metadata?.httpStatusCode,
      ...extra,
    });
  }
}
