// The Status a failed patch produces, as k8s.io/apiserver/pkg/endpoints/handlers/patch.go reports each failure.
import { ApiError, type Status, type StatusReason } from '../../api/status.ts';

/**
 * An ApiError raised while applying a patch. `detail` keeps the patch library's own error text, which the client
 * does not always see (JSON-patch failures reach kubectl only as a generic 422) but the UI can show.
 */
export class PatchError extends ApiError {
  readonly detail: string;
  constructor(status: Status, detail: string) {
    super(status);
    this.name = 'PatchError';
    this.detail = detail;
  }
}

function status(code: number, reason: StatusReason, message: string, details?: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code };
  if (reason !== '') s.reason = reason;
  if (details) s.details = details;
  return s;
}

export const patchErrors = {
  /** errors.NewBadRequest(err.Error()): 400, the library's text as the message. */
  badRequest(message: string): PatchError {
    return new PatchError(status(400, 'BadRequest', message), message);
  },
  /**
   * errors.NewGenericServerResponse(422, "", GroupResource{}, "", err.Error(), 0, false): the library's text is
   * dropped and kubectl prints "The request is invalid: the server rejected our request due to an error in our request".
   */
  unprocessable(detail: string): PatchError {
    return new PatchError(status(422, 'Invalid', 'the server rejected our request due to an error in our request', {}), detail);
  },
  /** A plain Go error reaching responsewriters.ErrorToAPIStatus: 500, reason StatusReasonUnknown (""), message as is. */
  unknown(message: string): PatchError {
    return new PatchError(status(500, '', message), message);
  },
  /** errors.NewRequestEntityTooLargeError for a JSON patch with more than 10000 operations. */
  tooManyOperations(max: number, got: number): PatchError {
    const text = `The allowed maximum operations in a JSON patch is ${max}, got ${got}`;
    return new PatchError(status(413, 'RequestEntityTooLarge', `Request entity too large: ${text}`), text);
  },
};
