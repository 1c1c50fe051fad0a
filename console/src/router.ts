// Hash routing under /console: `#/orgs/acme/service-accounts/sa_…`. The hash never reaches
// the server, so every page is the one index.html; an invitation link may also arrive as
// /console/accept?token=… and is moved into the hash on load.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'sign-in' }
  | { page: 'accept'; token: string }
  | { page: 'home' }
  | { page: 'profile-keys' }
  | { page: 'service-accounts'; org: string }
  | { page: 'service-account'; org: string; id: string }
  | { page: 'roles'; org: string }
  | { page: 'members'; org: string }
  | { page: 'audit'; org: string }
  | { page: 'expiring'; org: string }
  | { page: 'not-found'; path: string };

export const ORG_PAGES = ['service-accounts', 'roles', 'members', 'audit', 'expiring'] as const;
export type OrgPage = (typeof ORG_PAGES)[number];

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(search);
  if (parts.length === 0) {
    return { page: 'home' };
  }
  if (parts[0] === 'sign-in' && parts.length === 1) {
    return { page: 'sign-in' };
  }
  if (parts[0] === 'accept' && parts.length === 1) {
    return { page: 'accept', token: query.get('token') ?? '' };
  }
  if (parts[0] === 'profile' && parts[1] === 'keys' && parts.length === 2) {
    return { page: 'profile-keys' };
  }
  if (parts[0] === 'orgs' && parts[1] && parts[2]) {
    const org = parts[1];
    if (parts[2] === 'service-accounts' && parts[3] && parts.length === 4) {
      return { page: 'service-account', org, id: parts[3] };
    }
    if (parts.length === 3 && (ORG_PAGES as readonly string[]).includes(parts[2])) {
      return { page: parts[2] as OrgPage, org };
    }
  }
  return { page: 'not-found', path };
}

export function href(...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

export function navigate(to: string): void {
  if (location.hash !== to) {
    location.hash = to;
  }
}

/** Moves /console/accept?token=… (a server-side path) into the hash route. */
export function adoptPathRoute(): void {
  const match = /\/console\/accept\/?$/.exec(location.pathname);
  if (match && !location.hash) {
    const token = new URLSearchParams(location.search).get('token') ?? '';
    history.replaceState(null, '', `/console/#/accept?token=${encodeURIComponent(token)}`);
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
