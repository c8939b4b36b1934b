// Pages stay mounted under the sign-in screen when a session ends (so a half-done import keeps
// its check). What they read while signed out was refused; this count, which goes up at each
// sign-in, is a dependency of the data hooks so they read again once someone is back.
import { useState } from 'react';
import { useEvent } from './useEvent';

export function useSignInCount(): number {
  const [count, setCount] = useState(0);
  useEvent('authChanged', ({ user }) => {
    if (user) setCount((n) => n + 1);
  });
  return count;
}
