import type { Role } from '@passerelle/domain';
import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { Footer, Header } from './components/header';
import { Loading, Page } from './components/page';
import { useAuth } from './lib/auth';
import { Link, matchPath, navigate, useLocation, withQuery } from './lib/router';
import { HomePage } from './pages/home';

type PageComponent = ComponentType<{ params: Record<string, string> }>;

/** Role areas load on demand: someone who only searches missions never downloads the HR reports. */
function page<M extends Record<string, unknown>>(
  loader: () => Promise<M>,
  name: keyof M & string,
): PageComponent {
  return lazy(async () => ({ default: (await loader())[name] as PageComponent }));
}

const auth = () => import('./pages/auth');
const publicPages = () => import('./pages/public');
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
  { path: '/missions', component: page(publicPages, 'SearchPage') },
  { path: '/missions/:id', component: page(publicPages, 'MissionPage') },
  { path: '/accessibilite', component: page(publicPages, 'AccessibilityPage') },
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
];

function resolve(pathname: string): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
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

export function App() {
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <Header />
      <EmailBanner />
      <main id="contenu" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <RouteView />
        </Suspense>
      </main>
      <Footer />
    </>
  );
}
