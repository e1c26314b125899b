/**
 * The one-line form of an AWS error for the log: "AccessDenied HTTP 403: message". The SDK often
 * sets the error's name and code to the same text, which is said once.
 */
export function rawErrorLine(input: { readonly name?: string; readonly code?: string; readonly httpStatus?: number; readonly message?: string }): string {
  const ids = [...new Set([input.name, input.code].filter((v): v is string => !!v))];
  const head = [...ids, input.httpStatus ? `HTTP ${input.httpStatus}` : undefined].filter(Boolean).join(' ');
  return head ? `${head}: ${input.message ?? ''}` : input.message ?? '';
}
