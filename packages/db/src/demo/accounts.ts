/**
 * Well-known demo accounts, printed by the one-command start and used in the README. The generator
 * always creates them, whatever the seed, so they can be documented once.
 */
export const DEMO_PASSWORD = 'Passerelle-Demo-2026!';
export const DEMO_ADMIN_PASSWORD = 'Passerelle-Admin-2026!';

export interface DemoAccount {
  email: string;
  password: string;
}

export const DEMO_ACCOUNTS = Object.freeze({
  admin: { email: 'admin@laposte.fr', password: DEMO_ADMIN_PASSWORD },
  /** A postier with a full profile in Paris, opted in to matching. */
  postier: { email: 'camille.martin@laposte.fr', password: DEMO_PASSWORD },
  /** Member of Emmaüs Connect Paris, a labelled association with published missions. */
  association: { email: 'contact@emmaus-connect-paris.asso.fr', password: DEMO_PASSWORD },
  /** HR scoped to the Île-de-France région. */
  hr: { email: 'rh.ile-de-france@laposte.fr', password: DEMO_PASSWORD },
} satisfies Record<string, DemoAccount>);
