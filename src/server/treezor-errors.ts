/** The provider refused a call, or answered with an unexpected shape: status is its HTTP status, 0 for a bad shape. */
export class TreezorRequestError extends Error {
  override readonly name = 'TreezorRequestError';
  constructor(
    message: string,
    readonly status: number,
    /** The provider's own error code, when its answer names one. */
    readonly code?: string,
  ) {
    super(message);
  }
}
