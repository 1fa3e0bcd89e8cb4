/** Why a sign-in or a token refresh failed, with a message for the user. */
export type OAuthFailure =
  /** The user said no in the browser, or closed it and the wait ran out. */
  | 'denied'
  | 'timeout'
  /** The redirect did not belong to the sign-in this app started (wrong or missing state). */
  | 'state'
  /** The authorization server refused the code or the refresh token (invalid_grant and the like). */
  | 'refused'
  /** The server could not be reached or answered with something that is not a token. */
  | 'server';

export class OAuthError extends Error {
  constructor(
    readonly failure: OAuthFailure,
    message: string,
    /** The server's error code and description, for logs; never a token. */
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}
