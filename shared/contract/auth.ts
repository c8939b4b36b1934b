// Signing in and staff administration. Only the person (name, e-mail, role) crosses to the
// renderer: tokens, refresh tokens and password hashes stay in the main process and the backend.
import { z } from 'zod';
import { isValidEmail } from '../domain/email';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, ROLES } from '../domain/roles';
import { channel } from './define';

export const role = z.enum(ROLES);
export const sessionUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  role,
});
const password = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);
// The domain's e-mail rule (the one Convex applies), with zod's own message for z.email().
const email = z.string().refine(isValidEmail, 'Invalid email address');
const name = z.string().trim().min(2).max(120);
const userId = z.string().min(1).max(64);
/** Why the sign-in screen is showing: never signed in, signed out, or the session ended. */
const signInReason = z.enum(['none', 'signedOut', 'expired']);

export const sessionView = z.object({
  user: sessionUser.nullable(),
  reason: signInReason,
  /** An empty deployment: the first administrator is created with the setup code. */
  needsFirstAdmin: z.boolean(),
  /** The launcher passed this PC's setup code: the setup form may prefill it. */
  setupCodeAvailable: z.boolean(),
  /** False: this PC cannot keep the session safely (no OS keychain), so staff sign in at each start. */
  sessionKept: z.boolean().optional(),
  /** Demo only (in-memory backend): the seeded accounts, listed on the sign-in page. */
  demoAccounts: z.array(z.object({ role, email: z.string(), password: z.string() })).optional(),
});

const staffRow = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  role,
  active: z.boolean(),
  lastSignInAt: z.number().nullable(),
  createdAt: z.number(),
});

export const authChannels = {
  getSession: channel(z.object({}), sessionView),
  signIn: channel(z.object({ email, password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }), sessionUser),
  signOut: channel(z.object({}), z.object({ signedOut: z.boolean() })),
  changeOwnPassword: channel(z.object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: password }), z.object({ changed: z.boolean() })),
  createFirstAdmin: channel(
    z.object({ setupCode: z.string().trim().max(200).optional(), name, email, password }),
    sessionUser,
  ),
  /** Active colleagues for the staff picker: names and roles only. */
  listColleagues: channel(z.object({}), z.array(z.object({ id: z.string(), name: z.string(), role }))),
  listStaff: channel(z.object({}), z.array(staffRow)),
  createStaff: channel(
    z.object({ name, email, role, password, phone: z.string().trim().max(40).optional() }),
    z.object({ id: z.string() }),
  ),
  setStaffRole: channel(z.object({ userId, role }), z.object({ ok: z.boolean() })),
  setStaffActive: channel(z.object({ userId, active: z.boolean() }), z.object({ ok: z.boolean() })),
  resetStaffPassword: channel(z.object({ userId, password }), z.object({ ok: z.boolean() })),
} as const;

export const authEvents = {
  /** Signed in or out (or the session ended): the renderer shows the app or the sign-in screen. */
  authChanged: z.object({ user: sessionUser.nullable(), reason: signInReason }),
} as const;
