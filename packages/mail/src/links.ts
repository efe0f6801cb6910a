/** Pages of the web app that emails link to (paths under PUBLIC_URL). */
export const PAGES = {
  verifyEmail: '/verifier-email',
  passwordReset: '/reinitialiser-mot-de-passe',
  setPassword: '/definir-mot-de-passe',
  login: '/connexion',
  mission: '/missions',
  recommendations: '/recommandations',
  myApplications: '/mes-candidatures',
  myHours: '/mes-heures',
  notificationPreferences: '/mon-compte/notifications',
  associationSpace: '/association',
  associationProfile: '/association/profil',
  associationMissions: '/association/missions',
  associationNewMission: '/association/missions/nouvelle',
  associationHours: '/association/heures',
  hrApprovals: '/rh/approbations',
  hrHours: '/rh/heures',
  adminAssociations: '/admin/associations',
} as const;

/**
 * Parses an http(s) URL, throwing on anything else (javascript:, data:, relative, credentials…).
 * Returns it without a trailing slash, query or fragment.
 */
export function parseHttpUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${what} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${what} must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(`${what} must not carry credentials`);
  }
  return url;
}

export interface Links {
  /** The public base, without a trailing slash. */
  readonly base: string;
  /** `${base}${path}/${encoded ids…}`. */
  page(path: string, ...segments: string[]): string;
  /** `${base}${path}?token=${encoded token}`. */
  withToken(path: string, token: string): string;
  /** A path on the site (`/missions/…`) or an absolute URL under the base; anything else throws. */
  resolve(pathOrUrl: string): string;
}

export function createLinks(publicUrl: string): Links {
  const url = parseHttpUrl(publicUrl, 'publicUrl');
  if (url.search !== '' || url.hash !== '')
    throw new TypeError('publicUrl must not have a query or fragment');
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;

  const segment = (value: string): string => {
    if (value === '') throw new TypeError('An id in a link must not be empty');
    return encodeURIComponent(value);
  };

  return {
    base,
    page: (path, ...segments) => [`${base}${path}`, ...segments.map(segment)].join('/'),
    withToken: (path, token) => `${base}${path}?token=${segment(token)}`,
    resolve: (pathOrUrl) => {
      const value = pathOrUrl.trim();
      if (value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')) {
        return `${base}${new URL(value, 'http://x.invalid').href.slice('http://x.invalid'.length)}`;
      }
      const absolute = parseHttpUrl(value, 'A link');
      if (
        absolute.href === base ||
        absolute.href.startsWith(`${base}/`) ||
        absolute.href.startsWith(`${base}?`)
      ) {
        return absolute.href;
      }
      throw new TypeError(`A link must stay on ${base}, got ${JSON.stringify(pathOrUrl)}`);
    },
  };
}
