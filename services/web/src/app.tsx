import type { Role } from '@passerelle/domain';
import { Component, type ComponentType, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Footer, Header } from './components/header';
import { Loading, Page } from './components/page';
import { useAuth } from './lib/auth';
import { Link, matchPath, navigate, useLocation, withQuery } from './lib/router';
import { HomePage } from './pages/home';

type PageProps = { params: Record<string, string> };
type PageComponent = ((props: PageProps) => ReactNode) & { preload?: () => Promise<unknown> };

/**
 * Role areas load on demand: someone who only searches missions never downloads the HR reports.
 * Once a page's chunk is loaded it renders directly, without going through Suspense: React 19
 * holds back content revealed after a fallback for up to 300 ms, which a first visit would pay.
 */
function page<M extends Record<string, unknown>>(
  loader: () => Promise<M>,
  name: keyof M & string,
): PageComponent {
  let loaded: ComponentType<PageProps> | null = null;
  let loading: Promise<ComponentType<PageProps>> | null = null;
  const load = () => {
    loading ??= loader()
      .then((module) => {
        loaded = module[name] as ComponentType<PageProps>;
        return loaded;
      })
      .catch((error: unknown) => {
        loading = null;
        throw error;
      });
    return loading;
  };
  const Lazy = lazy(async () => ({ default: await load() }));
  const LazyPage: PageComponent = (props: PageProps) => {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  };
  LazyPage.preload = load;
  return LazyPage;
}

const auth = () => import('./pages/auth');
const search = () => import('./pages/search');
const mission = () => import('./pages/mission');
const account = () => import('./pages/account');
const postier = () => import('./pages/postier');
const association = () => import('./pages/association');
const hr = () => import('./pages/hr');
const admin = () => import('./pages/admin');

interface RouteDef {
  path: string;
  component: PageComponent;
  /** Who may open it; absent = everyone, logged in or not. */
  roles?: readonly Role[];
}

const ANY_ROLE: readonly Role[] = ['postier', 'association', 'hr', 'admin'];

// Paths that emails link to (packages/mail/src/links.ts PAGES) must keep their names.
const ROUTES: RouteDef[] = [
  { path: '/', component: HomePage },
  { path: '/connexion', component: page(auth, 'LoginPage') },
  { path: '/inscription', component: page(auth, 'RegisterPage') },
  { path: '/verifier-email', component: page(auth, 'VerifyEmailPage') },
  { path: '/mot-de-passe-oublie', component: page(auth, 'ForgotPasswordPage') },
  { path: '/reinitialiser-mot-de-passe', component: page(auth, 'ResetPasswordPage') },
  { path: '/definir-mot-de-passe', component: page(auth, 'SetPasswordPage') },
  { path: '/missions', component: page(search, 'SearchPage') },
  { path: '/missions/:id', component: page(mission, 'MissionPage') },
  { path: '/accessibilite', component: page(search, 'AccessibilityPage') },
  { path: '/mon-compte', component: page(account, 'AccountPage'), roles: ANY_ROLE },
  { path: '/mon-compte/notifications', component: page(account, 'NotificationsPage'), roles: ANY_ROLE },
  { path: '/mon-compte/profil', component: page(postier, 'ProfilePage'), roles: ['postier'] },
  { path: '/recommandations', component: page(postier, 'RecommendationsPage'), roles: ['postier'] },
  { path: '/mes-candidatures', component: page(postier, 'ApplicationsPage'), roles: ['postier'] },
  { path: '/mes-heures', component: page(postier, 'HoursPage'), roles: ['postier'] },
  { path: '/association', component: page(association, 'AssociationHomePage'), roles: ['association'] },
  {
    path: '/association/profil',
    component: page(association, 'AssociationProfilePage'),
    roles: ['association'],
  },
  {
    path: '/association/missions',
    component: page(association, 'AssociationMissionsPage'),
    roles: ['association'],
  },
  {
    path: '/association/missions/nouvelle',
    component: page(association, 'NewMissionPage'),
    roles: ['association'],
  },
  {
    path: '/association/missions/:id/modifier',
    component: page(association, 'EditMissionPage'),
    roles: ['association'],
  },
  {
    path: '/association/missions/:id/candidatures',
    component: page(association, 'ApplicantsPage'),
    roles: ['association'],
  },
  {
    path: '/association/heures',
    component: page(association, 'AssociationHoursPage'),
    roles: ['association'],
  },
  { path: '/rh/approbations', component: page(hr, 'ApprovalsPage'), roles: ['hr', 'admin'] },
  { path: '/rh/heures', component: page(hr, 'HrHoursPage'), roles: ['hr', 'admin'] },
  { path: '/rh/rapports', component: page(hr, 'ReportsPage'), roles: ['hr', 'admin'] },
  { path: '/admin/associations', component: page(admin, 'AdminAssociationsPage'), roles: ['admin'] },
  { path: '/admin/envois', component: page(admin, 'AdminDeliveriesPage'), roles: ['admin'] },
  { path: '/admin/rh', component: page(admin, 'AdminHrUsersPage'), roles: ['admin'] },
];

function resolve(pathname: string): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** Loads the code of the page at this path (before the first render, and before each navigation). */
export function preloadRoute(pathname: string): Promise<unknown> {
  return resolve(pathname)?.route.component.preload?.() ?? Promise.resolve();
}

function LoginRedirect() {
  const { pathname, search } = useLocation();
  useEffect(() => {
    navigate(withQuery('/connexion', { retour: `${pathname}${search}` }), { replace: true });
  }, [pathname, search]);
  return <Loading label="Redirection vers la connexion…" />;
}

function Forbidden() {
  const { user } = useAuth();
  return (
    <Page title="Accès réservé">
      <p>Cette page est réservée à un autre rôle que le vôtre.</p>
      <p>
        {user ? (
          <Link to="/">Revenir à l’accueil</Link>
        ) : (
          <Link to="/connexion">Se connecter avec un autre compte</Link>
        )}
      </p>
    </Page>
  );
}

function NotFound() {
  return (
    <Page title="Page introuvable">
      <p>Cette adresse ne correspond à aucune page de Passerelle.</p>
      <p>
        <Link to="/">Revenir à l’accueil</Link> ou <Link to="/missions">chercher une mission</Link>.
      </p>
    </Page>
  );
}

function RouteView() {
  const { pathname } = useLocation();
  const { status, user } = useAuth();
  const match = resolve(pathname);
  if (!match) return <NotFound />;
  const { route, params } = match;
  if (route.roles) {
    if (status === 'loading') return <Loading label="Vérification de la session…" />;
    if (status === 'anonymous' || !user) return <LoginRedirect />;
    if (!route.roles.includes(user.role)) return <Forbidden />;
  }
  const Component = route.component;
  // Keyed by pathname: /missions/a → /missions/b starts a fresh page (state, focus, title).
  return <Component key={pathname} params={params} />;
}

function EmailBanner() {
  const { user } = useAuth();
  if (!user || user.emailVerified) return null;
  return (
    <div className="banner" role="note">
      <p>
        Confirmez votre adresse e-mail : nous vous avons envoyé un lien à <strong>{user.email}</strong>.
      </p>
    </div>
  );
}

/** A page whose code cannot load (offline, or a new version deployed meanwhile) or that crashed. */
class PageErrorBoundary extends Component<{ children: ReactNode }, { error: unknown; path: string }> {
  override state = {
    error: null as unknown,
    path: typeof window === 'undefined' ? '' : window.location.pathname,
  };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidUpdate() {
    // Another page: try again.
    if (this.state.error && window.location.pathname !== this.state.path) {
      this.setState({ error: null, path: window.location.pathname });
    }
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page">
        <h1 className="page__title">Cette page n’a pas pu s’afficher</h1>
        <p>Une nouvelle version de Passerelle est peut-être en ligne, ou la connexion a été interrompue.</p>
        <p>
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            Recharger la page
          </button>
        </p>
      </div>
    );
  }
}

export function App() {
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <Header />
      <EmailBanner />
      <main id="contenu" className="main" tabIndex={-1}>
        <PageErrorBoundary>
          <Suspense fallback={<Loading />}>
            <RouteView />
          </Suspense>
        </PageErrorBoundary>
      </main>
      <Footer />
    </>
  );
}
