// The console's top level: finds out whether a session exists, shows sign-in (or the
// invitation page) without one, and the signed-in frame with the routed page with one.
import { useEffect, useState } from 'preact/hooks';
import {
  call,
  client,
  currentOrganization,
  currentSession,
  endSession,
  type Me,
  sessionExpired,
  setProfile,
  setOrganization,
  setSession,
  subscribe,
} from './api.ts';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/status.tsx';
import { AcceptPage } from './pages/accept.tsx';
import { AuditPage } from './pages/audit.tsx';
import { ExpiringPage } from './pages/expiring.tsx';
import { MembersPage } from './pages/members.tsx';
import { ProfileKeysPage } from './pages/profile-keys.tsx';
import { RolesPage } from './pages/roles.tsx';
import { ServiceAccountPage } from './pages/service-account.tsx';
import { ServiceAccountsPage } from './pages/service-accounts.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { href, navigate, type Route, useRoute } from './router.ts';

async function loadMe(): Promise<Me> {
  return call(() => client.raw.GET('/v1/me'));
}

/** The first shared organization the user belongs to, if any. */
function homeOrg(me: Me): string | undefined {
  return me.memberships.find((membership) => membership.organization.kind === 'shared')?.organization.name;
}

/** The first shared organization's service accounts, else the personal keys page. */
function homeOf(me: Me): string {
  const org = homeOrg(me);
  return org ? href('orgs', org, 'service-accounts') : href('profile', 'keys');
}

function Page({ route, me }: { route: Route; me: Me }) {
  switch (route.page) {
    case 'service-accounts':
      return <ServiceAccountsPage org={route.org} />;
    case 'service-account':
      return <ServiceAccountPage org={route.org} id={route.id} />;
    case 'roles':
      return <RolesPage org={route.org} />;
    case 'members':
      return <MembersPage org={route.org} me={me} />;
    case 'audit':
      return <AuditPage org={route.org} />;
    case 'expiring':
      return <ExpiringPage org={route.org} />;
    case 'profile-keys':
      return <ProfileKeysPage />;
    default:
      return (
        <>
          <h1>Page not found</h1>
          <p>
            There is no page here. <a href={homeOf(me)}>Go to the start page</a>.
          </p>
        </>
      );
  }
}

export function App() {
  const route = useRoute();
  const [booted, setBooted] = useState(false);
  const [me, setMe] = useState<Me>();
  const [, setTick] = useState(0);

  useEffect(() => subscribe(() => setTick((n) => n + 1)), []);
  useEffect(() => {
    (async () => {
      try {
        setSession((await client.call(() => client.raw.GET('/v1/session'))).data);
        setMe(await loadMe());
      } catch {
        // No session (401): the sign-in page.
      }
      setBooted(true);
    })();
  }, []);

  const session = currentSession();
  const signedIn = Boolean(session && me);
  useEffect(() => {
    if (signedIn && me && (route.page === 'home' || route.page === 'sign-in')) {
      navigate(homeOf(me));
    }
  }, [signedIn, me, route.page]);
  useEffect(() => {
    document.getElementById('main')?.focus();
  }, [route]);

  // A failure here (GET /v1/me) is shown by the sign-in or invitation page that called it.
  const afterSignIn = async (org?: string) => {
    const loaded = await loadMe();
    setMe(loaded);
    if (org) {
      navigate(href('orgs', org, 'service-accounts'));
    } else if (route.page === 'home' || route.page === 'sign-in' || route.page === 'accept') {
      navigate(homeOf(loaded));
    }
  };

  if (!booted) {
    return (
      <main id="main" tabIndex={-1}>
        <Loading />
      </main>
    );
  }
  if (route.page === 'accept' && !signedIn) {
    return <AcceptPage token={route.token} onAccepted={(org) => afterSignIn(org)} />;
  }
  if (!session || !me) {
    return <SignInPage expired={sessionExpired()} onSignedIn={() => afterSignIn()} />;
  }

  const org = 'org' in route ? route.org : undefined;
  const membership = org ? me.memberships.find((m) => m.organization.name === org) : undefined;
  // Set while rendering, before the page's effects load data for this organization.
  if (org) {
    setOrganization(org);
  }
  setProfile(me);
  // Pages outside an organization (the profile) keep the last one in the switcher and navigation.
  const shownOrg = org ?? (currentOrganization() || homeOrg(me));
  const signOut = async () => {
    try {
      await client.call(() => client.raw.DELETE('/v1/session'));
    } catch {
      // Already gone on the server: signing out here is what matters.
    }
    endSession(false);
    setMe(undefined);
    navigate('#/sign-in');
  };
  return (
    <Layout me={me} route={route} org={shownOrg} onSignOut={signOut}>
      {org && !membership ? (
        <>
          <h1>Not a member</h1>
          <p>
            You are not a member of the organization <strong>{org}</strong>. <a href={homeOf(me)}>Go to the start page</a>.
          </p>
        </>
      ) : route.page === 'accept' ? (
        <>
          <h1>Invitation</h1>
          <p>
            You are signed in. To accept an invitation for another email address, sign out first. <a href={homeOf(me)}>Go to the start page</a>.
          </p>
        </>
      ) : (
        <Page key={org ?? route.page} route={route} me={me} />
      )}
    </Layout>
  );
}
