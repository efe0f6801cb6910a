import { ROLE_LABELS, type Role } from '@passerelle/domain';
import { useEffect, useState } from 'react';
import { useAuth } from '../lib/auth';
import { Link, navigate, useLocation } from '../lib/router';

interface NavItem {
  to: string;
  label: string;
  match?: 'exact' | 'prefix';
}

const NAV: Record<Role | 'anonymous', NavItem[]> = {
  anonymous: [{ to: '/missions', label: 'Trouver une mission', match: 'exact' }],
  postier: [
    { to: '/missions', label: 'Rechercher', match: 'exact' },
    { to: '/recommandations', label: 'Pour moi', match: 'exact' },
    { to: '/mes-candidatures', label: 'Mes candidatures', match: 'exact' },
    { to: '/mes-heures', label: 'Mes heures', match: 'exact' },
    { to: '/mon-compte/profil', label: 'Mon profil', match: 'exact' },
  ],
  association: [
    { to: '/association', label: 'Mon association', match: 'exact' },
    { to: '/association/missions', label: 'Missions', match: 'prefix' },
    { to: '/association/heures', label: 'Heures', match: 'exact' },
  ],
  hr: [
    { to: '/rh/approbations', label: 'Approbations', match: 'exact' },
    { to: '/rh/heures', label: 'Heures à valider', match: 'exact' },
    { to: '/rh/rapports', label: 'Rapports', match: 'exact' },
  ],
  admin: [
    { to: '/admin/associations', label: 'Associations', match: 'exact' },
    { to: '/admin/rh', label: 'Comptes RH', match: 'exact' },
    { to: '/admin/envois', label: 'Envois d’e-mails', match: 'exact' },
    { to: '/rh/rapports', label: 'Rapports', match: 'exact' },
    { to: '/missions', label: 'Missions publiées', match: 'exact' },
  ],
};

export function Header() {
  const { status, user, logout } = useAuth();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  // A followed link closes the menu on small screens.
  useEffect(() => setMenuOpen(false), [pathname]);

  const items = NAV[user?.role ?? 'anonymous'];

  return (
    <header className="header">
      <div className="header__inner">
        <Link to="/" className="brand">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" fill="#003DA5" />
            <path
              d="M7 22h18M10 22V12l6-4 6 4v10"
              fill="none"
              stroke="#FFC928"
              strokeWidth="2.5"
              strokeLinejoin="round"
            />
          </svg>
          <span className="brand__name">Passerelle</span>
          <span className="brand__tagline">Mécénat de compétences · Alliance Dynamique</span>
        </Link>

        <div className="header__user">
          {status === 'authenticated' && user ? (
            <>
              <p className="whoami">
                <span className="whoami__name">
                  {user.firstName} {user.lastName}
                </span>
                <span className="whoami__role">
                  <span className="visually-hidden">Rôle : </span>
                  {ROLE_LABELS[user.role]}
                </span>
              </p>
              <Link to="/mon-compte" className="header__link" activeMatch="exact">
                Mon compte
              </Link>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => {
                  void logout().finally(() => navigate('/connexion?deconnecte=1'));
                }}
              >
                Se déconnecter
              </button>
            </>
          ) : status === 'anonymous' ? (
            <>
              <Link to="/connexion" className="header__link" activeMatch="exact">
                Se connecter
              </Link>
              <Link to="/inscription" className="button button--small button--primary" activeMatch="exact">
                Créer un compte
              </Link>
            </>
          ) : null}
        </div>
      </div>

      <nav className="nav" aria-label="Navigation principale">
        <div className="nav__inner">
          <button
            type="button"
            className="nav__toggle"
            aria-expanded={menuOpen}
            aria-controls="main-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
          <ul id="main-menu" className={menuOpen ? 'nav__list nav__list--open' : 'nav__list'}>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} activeMatch={item.match} className="nav__link">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </nav>
    </header>
  );
}

export function Footer() {
  return (
    <footer className="footer">
      <div className="footer__inner">
        <p>
          Passerelle · Le mécénat de compétences du groupe La Poste avec les associations de l’Alliance
          Dynamique.
        </p>
        <ul className="footer__links">
          <li>
            <Link to="/accessibilite">Accessibilité : partiellement conforme</Link>
          </li>
          <li>
            <a href="/docs">Documentation de l’API</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
