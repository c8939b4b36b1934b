import { useEffect, useState } from 'react';

export type Route = 'records' | 'import' | 'export' | 'inbox' | 'messages' | 'kvkk' | 'audit' | 'staff' | 'settings';
export const ROUTES: readonly Route[] = ['records', 'import', 'export', 'inbox', 'messages', 'kvkk', 'audit', 'staff', 'settings'];

const parse = (): Route => {
  const name = window.location.hash.replace(/^#\/?/, '').split('/')[0] as Route;
  return ROUTES.includes(name) ? name : 'records';
};

/** The page lives in the URL hash so a reload (or a test) can open any page directly. */
export function useHashRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(parse);
  useEffect(() => {
    const onChange = () => setRoute(parse());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (r) => void (window.location.hash = `#/${r}`)];
}
