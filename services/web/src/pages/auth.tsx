import { useEffect, useState } from 'react';
import { PasswordField, RadioGroup, SubmitButton, TextField } from '../components/fields';
import { ErrorState, Loading, Notice, Page } from '../components/page';
import { api, mayHaveSession, refreshSession } from '../lib/api';
import { homeFor, useAuth } from '../lib/auth';
import { Form, useForm } from '../lib/form';
import { Link, navigate, useSearchParams } from '../lib/router';
import {
  loginBody,
  MIN_PASSWORD_LENGTH,
  newPasswordSchema,
  passwordResetRequestBody,
  registerBody,
} from '../lib/schemas';

/** Only a path of this site: `?retour=https://evil.example` must not send anyone away. */
function safeReturn(value: string | null): string | null {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  return value;
}

export function LoginPage() {
  const { login, status, user } = useAuth();
  const params = useSearchParams();
  const form = useForm({ fields: ['email', 'password'] });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const returnTo = safeReturn(params.get('retour'));
  // Between the login and the next page (its code loading): not "already logged in".
  const [redirecting, setRedirecting] = useState(false);

  const onSubmit = form.handleSubmit(async () => {
    const values = form.validate(loginBody, { email, password });
    if (!values) return;
    setRedirecting(true);
    try {
      const loggedIn = await login(values.email, values.password);
      navigate(returnTo ?? homeFor(loggedIn.role), { replace: true });
    } catch (error) {
      setRedirecting(false);
      throw error;
    }
  });

  if (redirecting && status === 'authenticated') return <Loading label="Connexion…" />;

  return (
    <Page title="Se connecter" narrow>
      {params.get('deconnecte') && <Notice>Vous êtes déconnecté·e. À bientôt !</Notice>}
      {returnTo && status !== 'authenticated' && (
        <Notice kind="info">Connectez-vous pour accéder à cette page.</Notice>
      )}
      {status === 'authenticated' && user ? (
        <p>
          Vous êtes déjà connecté·e en tant que {user.firstName} {user.lastName}.{' '}
          <Link to={homeFor(user.role)}>Aller à mon espace</Link>
        </p>
      ) : (
        <Form form={form} onSubmit={onSubmit} labels={{ email: 'Adresse e-mail', password: 'Mot de passe' }}>
          <TextField
            name="email"
            label="Adresse e-mail"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            value={email}
            onChange={setEmail}
          />
          <PasswordField
            name="password"
            label="Mot de passe"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
          />
          <div className="form__actions">
            <SubmitButton busyLabel="Connexion…">Se connecter</SubmitButton>
            <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
          </div>
        </Form>
      )}
      <p className="aside">
        Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
      </p>
    </Page>
  );
}

export function RegisterPage() {
  const { register } = useAuth();
  const params = useSearchParams();
  const form = useForm({ fields: ['role', 'firstName', 'lastName', 'email', 'password'] });
  const initialRole = params.get('role') === 'association' ? 'association' : 'postier';
  const [values, setValues] = useState({
    role: initialRole,
    firstName: '',
    lastName: '',
    email: '',
    password: '',
  });
  const [done, setDone] = useState<string | null>(null);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const onSubmit = form.handleSubmit(async () => {
    const input = form.validate(registerBody, values);
    if (!input) return;
    const created = await register(input);
    setDone(created.email);
  });

  if (done) {
    return (
      <Page title="Vérifiez votre boîte mail" narrow>
        <Notice>Votre compte est créé.</Notice>
        <p>
          Nous avons envoyé un lien de confirmation à <strong>{done}</strong>. Ouvrez-le pour activer votre
          compte : il reste valable 48 heures.
        </p>
        <p>
          <Link to="/connexion">Se connecter</Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title="Créer un compte" narrow>
      <Form
        form={form}
        onSubmit={onSubmit}
        labels={{
          role: 'Profil',
          firstName: 'Prénom',
          lastName: 'Nom',
          email: 'Adresse e-mail',
          password: 'Mot de passe',
        }}
      >
        <p className="form__note">Tous les champs sont obligatoires.</p>
        <RadioGroup
          name="role"
          legend="Vous êtes"
          value={values.role}
          onChange={set('role')}
          options={[
            {
              value: 'postier',
              label: 'Postière ou postier',
              hint: 'Avec votre adresse e-mail professionnelle.',
            },
            {
              value: 'association',
              label: 'Membre d’une association',
              hint: 'Pour enregistrer votre association.',
            },
          ]}
        />
        <div className="grid grid--2">
          <TextField
            name="firstName"
            label="Prénom"
            autoComplete="given-name"
            value={values.firstName}
            onChange={set('firstName')}
          />
          <TextField
            name="lastName"
            label="Nom"
            autoComplete="family-name"
            value={values.lastName}
            onChange={set('lastName')}
          />
        </div>
        <TextField
          name="email"
          label="Adresse e-mail"
          hint={
            values.role === 'postier'
              ? 'Votre adresse professionnelle, par exemple prenom.nom@laposte.fr.'
              : undefined
          }
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          value={values.email}
          onChange={set('email')}
        />
        <PasswordField
          name="password"
          label="Mot de passe"
          hint={`${MIN_PASSWORD_LENGTH} caractères au moins. Une phrase facile à retenir fait un bon mot de passe.`}
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
        />
        <div className="form__actions">
          <SubmitButton busyLabel="Création…">Créer mon compte</SubmitButton>
        </div>
      </Form>
      <p className="aside">
        Déjà un compte ? <Link to="/connexion">Se connecter</Link>
      </p>
    </Page>
  );
}

/** Tokens are single use: React's double effects in development must not spend one twice. */
const verifications = new Map<string, Promise<unknown>>();

export function VerifyEmailPage() {
  const params = useSearchParams();
  const token = params.get('token') ?? '';
  const { status } = useAuth();
  const [state, setState] = useState<
    { kind: 'pending' } | { kind: 'done' } | { kind: 'failed'; error: unknown }
  >({
    kind: 'pending',
  });

  useEffect(() => {
    if (!token) return;
    let promise = verifications.get(token);
    if (!promise) {
      promise = api.post('/auth/verify-email', { token }, { refreshOn401: false });
      verifications.set(token, promise);
    }
    let live = true;
    promise
      .then(async () => {
        // A logged-in person's banner goes away: the new session carries emailVerified.
        if (mayHaveSession()) await refreshSession().catch(() => null);
        if (live) setState({ kind: 'done' });
      })
      .catch((error: unknown) => {
        if (live) setState({ kind: 'failed', error });
      });
    return () => {
      live = false;
    };
  }, [token]);

  return (
    <Page title="Confirmation de l’adresse e-mail" narrow>
      {!token ? (
        <ErrorState error={null}>
          Ce lien est incomplet. Ouvrez le lien reçu par e-mail en entier, ou copiez-le dans la barre
          d’adresse.
        </ErrorState>
      ) : state.kind === 'pending' ? (
        <Loading label="Vérification du lien…" />
      ) : state.kind === 'done' ? (
        <>
          <Notice>Votre adresse e-mail est confirmée. Merci !</Notice>
          <p>
            {status === 'authenticated' ? (
              <Link to="/">Continuer</Link>
            ) : (
              <Link to="/connexion">Se connecter</Link>
            )}
          </p>
        </>
      ) : (
        <>
          <ErrorState error={state.error} />
          <p>
            Si votre adresse est déjà confirmée, vous pouvez <Link to="/connexion">vous connecter</Link>.
          </p>
        </>
      )}
    </Page>
  );
}

export function ForgotPasswordPage() {
  const form = useForm({ fields: ['email'] });
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);

  const onSubmit = form.handleSubmit(async () => {
    const values = form.validate(passwordResetRequestBody, { email });
    if (!values) return;
    await api.post('/auth/password-reset', values, { refreshOn401: false });
    setSent(true);
  });

  return (
    <Page title="Mot de passe oublié" narrow>
      {sent ? (
        <>
          <Notice>
            Si un compte existe pour cette adresse, un e-mail vient de partir avec un lien pour choisir un
            nouveau mot de passe.
          </Notice>
          <p>Pensez à regarder dans les courriers indésirables. Le lien reste valable une heure.</p>
          <p>
            <Link to="/connexion">Retour à la connexion</Link>
          </p>
        </>
      ) : (
        <Form form={form} onSubmit={onSubmit} labels={{ email: 'Adresse e-mail' }}>
          <p>
            Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau
            mot de passe.
          </p>
          <TextField
            name="email"
            label="Adresse e-mail"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            value={email}
            onChange={setEmail}
          />
          <div className="form__actions">
            <SubmitButton busyLabel="Envoi…">Recevoir le lien</SubmitButton>
            <Link to="/connexion">Retour à la connexion</Link>
          </div>
        </Form>
      )}
    </Page>
  );
}

function NewPasswordForm({
  title,
  intro,
  submitLabel,
}: {
  title: string;
  intro: string;
  submitLabel: string;
}) {
  const params = useSearchParams();
  const token = params.get('token') ?? '';
  const form = useForm({ fields: ['password', 'confirmation'] });
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);

  const onSubmit = form.handleSubmit(async () => {
    const values = form.validate(newPasswordSchema, { password, confirmation });
    if (!values) return;
    await api.post(
      '/auth/password-reset/confirm',
      { token, password: values.password },
      { refreshOn401: false },
    );
    setDone(true);
  });

  return (
    <Page title={title} narrow>
      {!token ? (
        <ErrorState error={null}>
          Ce lien est incomplet. Ouvrez le lien reçu par e-mail en entier, ou{' '}
          <Link to="/mot-de-passe-oublie">demandez un nouveau lien</Link>.
        </ErrorState>
      ) : done ? (
        <>
          <Notice>Votre mot de passe est enregistré.</Notice>
          <p>
            <Link to="/connexion" className="button button--primary">
              Se connecter
            </Link>
          </p>
        </>
      ) : (
        <Form
          form={form}
          onSubmit={onSubmit}
          labels={{ password: 'Nouveau mot de passe', confirmation: 'Confirmation' }}
        >
          <p>{intro}</p>
          {form.formError && (
            <p className="aside">
              <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
            </p>
          )}
          <PasswordField
            name="password"
            label="Nouveau mot de passe"
            hint={`${MIN_PASSWORD_LENGTH} caractères au moins.`}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
          />
          <PasswordField
            name="confirmation"
            label="Confirmez le mot de passe"
            autoComplete="new-password"
            value={confirmation}
            onChange={setConfirmation}
          />
          <div className="form__actions">
            <SubmitButton busyLabel="Enregistrement…">{submitLabel}</SubmitButton>
          </div>
        </Form>
      )}
    </Page>
  );
}

export function ResetPasswordPage() {
  return (
    <NewPasswordForm
      title="Choisir un nouveau mot de passe"
      intro="Choisissez un nouveau mot de passe : toutes vos sessions ouvertes seront fermées."
      submitLabel="Enregistrer le mot de passe"
    />
  );
}

export function SetPasswordPage() {
  return (
    <NewPasswordForm
      title="Bienvenue sur Passerelle"
      intro="L’équipe Alliance Dynamique vous a ouvert un compte. Choisissez votre mot de passe pour l’activer."
      submitLabel="Activer mon compte"
    />
  );
}
