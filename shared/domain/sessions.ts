// How long a sign-in lasts, shared by everything that configures a deployment (the launcher's
// secrets sync, `kafkasder keys`, the README) and the app's idle lock. Shared office PCs: a
// session ends after 12 hours however busy, or after 2 hours without a token refresh; the app
// itself locks after 15 minutes without input (administrators may change that).
export const AUTH_SESSION_TOTAL_DURATION_MS = 12 * 60 * 60 * 1000;
export const AUTH_SESSION_INACTIVE_DURATION_MS = 2 * 60 * 60 * 1000;

/** Convex Auth's deployment variables for the session lengths above, as `convex env set` takes them. */
export const SESSION_ENV: Readonly<Record<'AUTH_SESSION_TOTAL_DURATION_MS' | 'AUTH_SESSION_INACTIVE_DURATION_MS', string>> = {
  AUTH_SESSION_TOTAL_DURATION_MS: String(AUTH_SESSION_TOTAL_DURATION_MS),
  AUTH_SESSION_INACTIVE_DURATION_MS: String(AUTH_SESSION_INACTIVE_DURATION_MS),
};

/** Minutes without input after which the app shows the sign-in screen over the page. */
export const IDLE_LOCK_DEFAULT_MINUTES = 15;
export const IDLE_LOCK_MIN_MINUTES = 1;
export const IDLE_LOCK_MAX_MINUTES = 240;
