// models k8s.io/apimachinery/pkg/api/errors: every API failure is a metav1.Status with Kubernetes' own texts.
import { qualifiedResource } from './types.ts';
import { aggregateFieldErrors, type FieldError } from './field.ts';

export type StatusReason =
  | 'BadRequest' | 'Unauthorized' | 'Forbidden' | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Gone'
  | 'Invalid' | 'ServerTimeout' | 'Timeout' | 'TooManyRequests' | 'MethodNotAllowed' | 'NotAcceptable'
  | 'RequestEntityTooLarge' | 'UnsupportedMediaType' | 'InternalError' | 'Expired' | 'ServiceUnavailable' | '';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { resourceVersion?: string; continue?: string };
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

/** An API error carrying the Status the client will see. Thrown by any stage; the handler turns it into a response. */
export class ApiError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? status.reason ?? 'error');
    this.name = 'ApiError';
    this.status = status;
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): StatusReason | undefined {
    return this.status.reason;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): ApiError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return new ApiError(status);
}

export function successStatus(details?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) status.details = details;
  return status;
}

/** A resource named by group and resource, as errors.NewNotFound takes a schema.GroupResource. */
export interface GroupResource {
  group: string;
  resource: string;
}

function nameDetails(gr: GroupResource, name: string): StatusDetails {
  return { name, group: gr.group, kind: gr.resource };
}

export const errors = {
  notFound(gr: GroupResource, name: string): ApiError {
    return failure(404, 'NotFound', `${qualifiedResource(gr.group, gr.resource)} "${name}" not found`, nameDetails(gr, name));
  },
  alreadyExists(gr: GroupResource, name: string): ApiError {
    return failure(409, 'AlreadyExists', `${qualifiedResource(gr.group, gr.resource)} "${name}" already exists`, nameDetails(gr, name));
  },
  conflict(gr: GroupResource, name: string, reason: string): ApiError {
    return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr.group, gr.resource)} "${name}": ${reason}`, nameDetails(gr, name));
  },
  /** The optimistic-concurrency failure of an update with a stale resourceVersion. */
  staleConflict(gr: GroupResource, name: string): ApiError {
    return errors.conflict(gr, name, 'the object has been modified; please apply your changes to the latest version and try again');
  },
  forbidden(gr: GroupResource, name: string, reason: string): ApiError {
    const qr = qualifiedResource(gr.group, gr.resource);
    const message = name === '' ? `${qr} is forbidden: ${reason}` : `${qr} "${name}" is forbidden: ${reason}`;
    return failure(403, 'Forbidden', message, nameDetails(gr, name));
  },
  /** Forbidden for a non-resource URL or a request that names no resource: the message is the reason alone. */
  forbiddenMessage(message: string, details?: StatusDetails): ApiError {
    return failure(403, 'Forbidden', message, details);
  },
  invalid(group: string, kind: string, name: string, fieldErrors: FieldError[]): ApiError {
    const causes: StatusCause[] = fieldErrors.map((e) => ({ reason: e.reason, message: e.errorBody(), field: e.field }));
    // errors.NewInvalid names the GroupKind as its String() prints it: "Pod", "Deployment.apps", "Scale.autoscaling".
    const message = `${group === '' ? kind : `${kind}.${group}`} "${name}" is invalid: ${aggregateFieldErrors(fieldErrors)}`;
    return failure(422, 'Invalid', message, { name, group, kind, causes });
  },
  badRequest(message: string): ApiError {
    return failure(400, 'BadRequest', message);
  },
  unauthorized(message = 'Unauthorized'): ApiError {
    return failure(401, 'Unauthorized', message);
  },
  methodNotSupported(gr: GroupResource, action: string): ApiError {
    return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualifiedResource(gr.group, gr.resource)}"`, { group: gr.group, kind: gr.resource });
  },
  /** The plain 405 the server returns for a verb the resource has no handler for. */
  methodNotAllowed(): ApiError {
    return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  },
  /** The 404 for a path no resource serves. */
  pathNotFound(): ApiError {
    return failure(404, 'NotFound', 'the server could not find the requested resource');
  },
  expired(message: string): ApiError {
    return failure(410, 'Expired', message);
  },
  gone(message: string): ApiError {
    return failure(410, 'Gone', message);
  },
  unsupportedMediaType(contentType: string): ApiError {
    return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`, { kind: contentType });
  },
  notAcceptable(): ApiError {
    return failure(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  },
  tooManyRequests(message: string, retryAfterSeconds: number): ApiError {
    return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
  },
  internal(message: string): ApiError {
    return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
  },
  serviceUnavailable(message: string): ApiError {
    return failure(503, 'ServiceUnavailable', message);
  },
};
