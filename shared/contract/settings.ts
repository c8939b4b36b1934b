// The settings and own-profile contract: language, server URL, retention and idle lock, and one's
// own name and phone.
import { z } from 'zod';
import { backendUrlProblem } from '../domain/backendUrl';
import { IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES } from '../domain/sessions';
import { BACKEND_URL_SOURCES } from '../domain/vocabularies';
import { channel } from './define';
import { lang, profile } from './schemas';

/** https, or http only to this PC (see shared/domain/backendUrl.ts). */
const backendUrl = z.string().trim().max(2048).refine((url) => backendUrlProblem(url) === null, {
  message: 'Sunucu adresi https ile başlamalı (http yalnızca bu bilgisayar için) / The server URL must be https (http only for this PC)',
});

export const settings = z.object({
  language: lang,
  /** Where the backend URL came from; the renderer may show it, it is not a secret. */
  backendUrl: z.string().nullable(),
  backendUrlSource: z.enum(BACKEND_URL_SOURCES),
  /** Days that check stores, import run folders, error reports and exports stay on this PC. */
  retentionDays: z.number().int(),
  /** Minutes without input after which the app signs out on this PC (the idle lock). */
  idleLockMinutes: z.number().int(),
});

export const settingsChannels = {
  getSettings: channel(z.object({}), settings),
  saveSettings: channel(
    z.object({
      language: lang.optional(),
      backendUrl: backendUrl.nullable().optional(),
      retentionDays: z.number().int().min(1).max(365).optional(),
      idleLockMinutes: z.number().int().min(IDLE_LOCK_MIN_MINUTES).max(IDLE_LOCK_MAX_MINUTES).optional(),
    }),
    settings,
  ),
  /** The signed-in person (null when signed out). */
  getProfile: channel(z.object({}), profile.nullable()),
  /** One's own name and phone; the e-mail is the sign-in name, changed only by an administrator. */
  saveProfile: channel(
    z.object({
      name: z.string().trim().min(2).max(120),
      phone: z.string().trim().max(40).optional(),
    }),
    profile,
  ),
} as const;
