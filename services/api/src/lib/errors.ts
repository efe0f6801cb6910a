/** A failure the client can act on: a stable code, an HTTP status and a French-free technical title. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

export interface FieldError {
  /** JSON pointer-like path of the field: `body.email`, `query.limit`. */
  field: string;
  message: string;
}

export const notFound = (what: string) => new AppError('NOT_FOUND', 404, 'Not Found', `${what} not found`);
export const forbidden = (detail = 'Your role does not allow this action') =>
  new AppError('FORBIDDEN', 403, 'Forbidden', detail);
export const unauthorized = (detail = 'Authentication required') =>
  new AppError('UNAUTHORIZED', 401, 'Unauthorized', detail);
export const conflict = (code: string, detail: string) => new AppError(code, 409, 'Conflict', detail);
export const unprocessable = (code: string, field: string, detail: string) =>
  new AppError(code, 422, 'Unprocessable Content', detail, [{ field, message: detail }]);
