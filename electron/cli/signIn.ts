// The CLI signs in like the app, through the core's own session: e-mail from --email, the
// password from KAFKASDER_PASSWORD or a prompt (never a flag: flags end up in shell history and
// process lists). With the demo backend (`--backend memory`) it acts as the demo administrator.
// The token stays in this process's memory.
import { createInterface } from 'node:readline';
import type { AuthSession } from '../core/session/authSession';
import { authAppError } from '../core/session/authErrors';
import { AppError } from '../core/errors/appError';

/** Signs in as the demo deployment's administrator (one of the accounts it printed). */
export async function signInDemo(accounts: readonly { role: string; email: string; password: string }[], session: AuthSession): Promise<void> {
  const admin = accounts.find((a) => a.role === 'yonetici');
  if (!admin) throw new AppError('usage', 'The demo backend has no administrator account', 'Tanıtım sunucusunda yönetici hesabı yok');
  await session.signIn(admin.email, admin.password);
}

/** Asks on the terminal without echo; with no terminal (a script) the variable must be set. */
export async function promptSecret(label: string, variable: string): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError('usage', `No value: set ${variable}`, `Değer yok: ${variable} ortam değişkenini verin`);
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Echo nothing while the secret is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  process.stderr.write(label);
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

/** --email is checked before anything is sent or asked. */
export function needEmail(email: string | undefined): string {
  if (!email) throw new AppError('usage', '--email is required (to sign in to the backend)', '--email gerekli (sunucuya giriş için)');
  return email;
}

/** The password: KAFKASDER_PASSWORD, else a prompt (never a flag). */
export const staffPassword = async (env: NodeJS.ProcessEnv): Promise<string> =>
  env.KAFKASDER_PASSWORD ?? (await promptSecret('Şifre / Password: ', 'KAFKASDER_PASSWORD'));

/** Signs `email` in on a deployment; a refusal comes back in both languages (exit 2). */
export async function signInWith(session: AuthSession, email: string, password: string): Promise<void> {
  try {
    await session.signIn(email, password);
  } catch (err) {
    throw authAppError(err) ?? err;
  }
}
