// The CLI signs in like the app: e-mail from --email, the password from KAFKASDER_PASSWORD or a
// prompt (never a flag: flags end up in shell history and process lists). With the in-memory
// backend it acts as the demo administrator. The token stays in this process's memory.
import { createInterface } from 'node:readline';
import { internal } from '../../convex/_generated/api';
import { DEMO_ACCOUNTS } from '../../convex/demo';
import { AuthSession, memoryTokenStore } from '../services/auth/authSession';
import { refusedSessionsEnd } from '../services/auth/sessionGateway';
import { authAppError } from '../services/auth/authErrors';
import type { Gateway } from '../services/backend/gateway';
import type { MemoryGateway } from '../services/backend/memoryGateway';
import { AppError } from '../services/core/appError';

/** Seeds the demo (accounts and records) and signs in as its administrator. */
export async function signInDemo(memory: MemoryGateway): Promise<{ gateway: Gateway; session: AuthSession }> {
  await memory.internal.action(internal.demo.seedAll, {});
  const admin = DEMO_ACCOUNTS.find((a) => a.role === 'yonetici')!;
  const session = new AuthSession(memory, memoryTokenStore());
  await session.signIn(admin.email, admin.password);
  return { gateway: refusedSessionsEnd(memory, session), session };
}

async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError('usage', 'No password: set KAFKASDER_PASSWORD', 'Şifre yok: KAFKASDER_PASSWORD ortam değişkenini verin');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Echo nothing while the password is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  process.stderr.write('Şifre / Password: ');
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

/** Signs `email` in on a deployment; a refusal comes back in both languages (exit 2). */
export async function signInStaff(gateway: Gateway, email: string | undefined, env: NodeJS.ProcessEnv): Promise<{ gateway: Gateway; session: AuthSession }> {
  if (!email) throw new AppError('usage', '--email is required (to sign in to the backend)', '--email gerekli (sunucuya giriş için)');
  const password = env.KAFKASDER_PASSWORD ?? (await promptPassword());
  const session = new AuthSession(gateway, memoryTokenStore());
  try {
    await session.signIn(email, password);
  } catch (err) {
    const refusal = authAppError(err);
    if (refusal) throw refusal;
    throw err;
  }
  return { gateway: refusedSessionsEnd(gateway, session), session };
}
