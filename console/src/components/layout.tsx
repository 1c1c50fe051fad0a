// The frame of every signed-in page: a skip link, the organization switcher, the
// navigation, the signed-in user with Sign out, and the page itself in <main>.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { Me } from '../api.ts';
import { href, navigate, ORG_PAGES, type OrgPage, type Route } from '../router.ts';

const PAGE_TITLES: Record<OrgPage, string> = {
  'service-accounts': 'Service accounts',
  roles: 'Roles',
  members: 'Members',
  audit: 'Audit log',
  expiring: 'Expiring keys',
};

export interface LayoutProps {
  me: Me;
  route: Route;
  org: string | undefined;
  onSignOut: () => void;
  children: ComponentChildren;
}

export function Layout({ me, route, org, onSignOut, children }: LayoutProps) {
  const switcherId = useId();
  const current = 'org' in route ? route.org : org;
  const switchTo = (name: string) => {
    // Stay on the same kind of page in the other organization.
    const page: OrgPage =
      route.page === 'service-account' ? 'service-accounts' : ORG_PAGES.includes(route.page as OrgPage) ? (route.page as OrgPage) : 'service-accounts';
    navigate(href('orgs', name, page));
  };
  return (
    <>
      <a class="skip-link" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Warden</span>
        <div class="org-switcher">
          <label for={switcherId}>Organization</label>
          <select id={switcherId} value={current ?? ''} onChange={(event) => switchTo(event.currentTarget.value)}>
            {current === undefined && <option value="">Choose…</option>}
            {me.memberships.map((membership) => (
              <option key={membership.organization.id} value={membership.organization.name}>
                {membership.organization.name}
                {membership.organization.kind === 'personal' ? ' (personal)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div class="user">
          <span>
            Signed in as <strong>{me.user.display_name}</strong> ({me.user.email})
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <div class="body">
        <nav aria-label="Console">
          {current && (
            <>
              <h2 class="nav-heading">Settings</h2>
              <ul>
                {ORG_PAGES.map((page) => (
                  <li key={page}>
                    <a
                      href={href('orgs', current, page)}
                      aria-current={route.page === page || (page === 'service-accounts' && route.page === 'service-account') ? 'page' : undefined}
                    >
                      {PAGE_TITLES[page]}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2 class="nav-heading">Profile</h2>
          <ul>
            <li>
              <a href={href('profile', 'keys')} aria-current={route.page === 'profile-keys' ? 'page' : undefined}>
                Personal API keys
              </a>
            </li>
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
