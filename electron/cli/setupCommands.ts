// A deployment's first contact, for IT setting up a hosted (or rehearsal) backend:
// `kafkasder keys --out FILE` makes Convex Auth's key pair and the one-time setup code as a .env
// file for `npx convex env set --from-file FILE`; `kafkasder first-admin` creates the first
// administrator with that code. Secrets never come from flags (shell history, process lists): the
// code from KAFKASDER_SETUP_CODE or a prompt, the password from KAFKASDER_PASSWORD or a prompt.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isValidEmail, normalizeEmail } from '../../shared/domain/email';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/domain/roles';
import { MIN_SETUP_CODE_LENGTH } from '../../shared/domain/setupCode';
import { authAppError } from '../core/session/authErrors';
import { AuthError } from '../core/session/authSession';
import { deploymentEnvFile, generateSecrets } from '../core/session/deploymentKeys';
import { AppError } from '../core/errors/appError';
import type { CliArgs } from './args';
import { callCore, openAnonymous, type CliIo } from './backend';
import { needEmail, promptSecret, staffPassword } from './signIn';

export async function keysCommand(args: CliArgs, io: CliIo): Promise<number> {
  if (!args.out) throw new AppError('usage', 'keys needs --out FILE', 'keys için --out DOSYA gerekli');
  const file = resolve(io.workDir ?? process.cwd(), args.out);
  const secrets = generateSecrets();
  try {
    // Owner-only, and never over an existing file: it may hold the keys a deployment runs on.
    writeFileSync(file, deploymentEnvFile(secrets), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new AppError('usage', `${file} already exists: choose another name (it is never overwritten)`, `${file} zaten var: başka bir ad seçin (üzerine yazılmaz)`);
  }
  const en = [
    `Wrote ${file} (readable only by you): JWT_PRIVATE_KEY, JWKS, KAFKASDER_SETUP_CODE.`,
    `Next: npx convex env set --from-file ${args.out}   (with CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY for a self-hosted server)`,
    `Then: npx kafkasder first-admin --backend URL --email E --name "NAME"   (KAFKASDER_SETUP_CODE is in the file), and delete the file.`,
  ];
  const tr = [
    `${file} yazıldı (yalnızca sizin okuyabileceğiniz): JWT_PRIVATE_KEY, JWKS, KAFKASDER_SETUP_CODE.`,
    `Sonra: npx convex env set --from-file ${args.out}   (kendi sunucunuz için CONVEX_SELF_HOSTED_URL ve CONVEX_SELF_HOSTED_ADMIN_KEY ile)`,
    `Ardından: npx kafkasder first-admin --backend URL --email E --name "AD SOYAD"   (KAFKASDER_SETUP_CODE dosyada), ve dosyayı silin.`,
  ];
  io.stdout.write(`${(args.lang === 'tr' ? tr : en).join('\n')}\n`);
  return 0;
}

/** The refusal the server would give, said here before anything is sent. */
const refusal = (code: string): AppError => authAppError(new AuthError(code)) ?? new AppError(code, code, code);

export async function firstAdminCommand(args: CliArgs, io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  // Everything typed is checked before anything is asked or sent.
  const email = needEmail(args.email);
  if (!isValidEmail(normalizeEmail(email))) throw new AppError('usage', `--email is not an e-mail address: ${email}`, `--email bir e-posta adresi değil: ${email}`);
  const name = args.name?.trim().replace(/\s+/g, ' ') ?? '';
  if (name.length < 2 || name.length > 120) throw new AppError('usage', '--name "FULL NAME" is required (2–120 characters)', '--name "AD SOYAD" gerekli (2–120 karakter)');
  const setupCode = (env.KAFKASDER_SETUP_CODE ?? (await promptSecret('Kurulum kodu / Setup code: ', 'KAFKASDER_SETUP_CODE'))).trim();
  if (setupCode.length < MIN_SETUP_CODE_LENGTH) throw refusal('invalid_setup_code');
  const password = await staffPassword(env);
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) throw refusal('weak_password');
  const { core, close } = await openAnonymous(args, io);
  try {
    // The core's own channel, as the app's first-run screen calls it: creates, then signs in.
    const user = await callCore(core, 'createFirstAdmin', { setupCode, name, email, password });
    io.stdout.write(
      args.lang === 'tr'
        ? `İlk yönetici oluşturuldu ve giriş denendi: ${user.name} <${user.email}>. Kurulum artık kapalı.\n`
        : `First administrator created and signed in: ${user.name} <${user.email}>. Setup is now closed.\n`,
    );
    return 0;
  } finally {
    await close();
  }
}
