import { NOTIFICATION_FREQUENCIES, type NotificationFrequency, ROLE_LABELS } from '@passerelle/domain';
import { useEffect, useState } from 'react';
import { ActionError } from '../components/action-error';
import { RadioGroup, SubmitButton, TextField } from '../components/fields';
import { ErrorState, Loading, Notice, Page } from '../components/page';
import { api, downloadFile, errorMessage, refreshSession, setSession } from '../lib/api';
import { useAuth } from '../lib/auth';
import { Form, useForm } from '../lib/form';
import { useMe } from '../lib/me';
import { Link, navigate } from '../lib/router';
import { namesSchema, preferencesBody } from '../lib/schemas';
import type { Me, NotificationPreferences } from '../lib/types';
import { useAsync } from '../lib/use-api';
import { useReturnFocus } from '../lib/use-return-focus';

function NamesForm({ me, onSaved }: { me: Me; onSaved: (me: Me) => void }) {
  const form = useForm({ fields: ['firstName', 'lastName'] });
  const [values, setValues] = useState({ firstName: me.firstName, lastName: me.lastName });
  const [saved, setSaved] = useState(false);
  const onSubmit = form.handleSubmit(async () => {
    setSaved(false);
    const input = form.validate(namesSchema, values);
    if (!input) return;
    const updated = await api.patch<Me>('/me', input);
    onSaved(updated);
    setSaved(true);
    // The header shows the names of the session: refresh it.
    await refreshSession().catch(() => null);
  });
  return (
    <Form
      form={form}
      onSubmit={onSubmit}
      labels={{ firstName: 'Prénom', lastName: 'Nom' }}
      aria-labelledby="names-title"
    >
      {saved && <Notice>Vos informations sont enregistrées.</Notice>}
      <div className="grid grid--2">
        <TextField
          name="firstName"
          label="Prénom"
          autoComplete="given-name"
          value={values.firstName}
          onChange={(firstName) => setValues((v) => ({ ...v, firstName }))}
        />
        <TextField
          name="lastName"
          label="Nom"
          autoComplete="family-name"
          value={values.lastName}
          onChange={(lastName) => setValues((v) => ({ ...v, lastName }))}
        />
      </div>
      <div className="form__actions">
        <SubmitButton busyLabel="Enregistrement…">Enregistrer</SubmitButton>
      </div>
    </Form>
  );
}

function PrivacySection() {
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const openerRef = useReturnFocus<HTMLButtonElement>(confirming);

  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">Mes données</h2>
      <p>Vous pouvez télécharger tout ce que Passerelle conserve sur vous, ou supprimer votre compte.</p>
      <p className="actions">
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={exporting || undefined}
          onClick={() => {
            if (exporting) return;
            setExporting(true);
            setExportError(null);
            downloadFile('/me/export', {}, 'application/json', 'passerelle-mes-donnees.json')
              .catch((err: unknown) => setExportError(errorMessage(err)))
              .finally(() => setExporting(false));
          }}
        >
          {exporting ? 'Préparation…' : 'Télécharger mes données (JSON)'}
        </button>
        {!confirming && (
          <button
            ref={openerRef}
            type="button"
            className="button button--danger"
            onClick={() => setConfirming(true)}
          >
            Supprimer mon compte
          </button>
        )}
      </p>
      <ActionError message={exportError} />
      {confirming && (
        <fieldset className="inline-form fieldset">
          <legend className="confirm__question">Supprimer définitivement votre compte ?</legend>
          <p>
            Vos informations personnelles sont effacées et vos sessions fermées. Les heures déjà validées
            restent comptées, de façon anonyme. C’est irréversible.
          </p>
          <ActionError message={deleteError} />
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              // biome-ignore lint/a11y/noAutofocus: the confirmation just opened on request; its button takes the focus
              autoFocus
              aria-disabled={deleting || undefined}
              onClick={() => {
                if (deleting) return;
                setDeleting(true);
                setDeleteError(null);
                api
                  .delete('/me')
                  .then(() => {
                    setSession(null);
                    navigate('/?compte-supprime=1', { replace: true });
                  })
                  .catch((err: unknown) => {
                    setDeleteError(errorMessage(err));
                    setDeleting(false);
                  });
              }}
            >
              {deleting ? 'Suppression…' : 'Oui, supprimer mon compte'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              Annuler
            </button>
          </div>
        </fieldset>
      )}
    </section>
  );
}

export function AccountPage() {
  const me = useMe();
  const { user } = useAuth();
  return (
    <Page title="Mon compte">
      {me.loading ? (
        <Loading />
      ) : me.error || !me.data ? (
        <ErrorState error={me.error} onRetry={me.reload} />
      ) : (
        <div className="stack">
          <dl className="details">
            <dt>Adresse e-mail</dt>
            <dd>
              {me.data.email}{' '}
              {me.data.emailVerified ? '(confirmée)' : '(à confirmer : ouvrez le lien reçu par e-mail)'}
            </dd>
            <dt>Rôle</dt>
            <dd>{ROLE_LABELS[me.data.role]}</dd>
          </dl>
          <section aria-labelledby="names-title">
            <h2 id="names-title">Mes informations</h2>
            <NamesForm me={me.data} onSaved={(updated) => me.setData(updated)} />
          </section>
          <section aria-labelledby="links-title">
            <h2 id="links-title">Réglages</h2>
            <ul>
              <li>
                <Link to="/mon-compte/notifications">Choisir quels e-mails je reçois, et à quel rythme</Link>
              </li>
              {user?.role === 'postier' && (
                <li>
                  <Link to="/mon-compte/profil">Mon profil : compétences, commune, disponibilités</Link>
                </li>
              )}
              {user?.role === 'association' && (
                <li>
                  <Link to="/association">Mon association</Link>
                </li>
              )}
              <li>
                <Link to="/mot-de-passe-oublie">Changer mon mot de passe</Link> (par un lien envoyé par
                e-mail)
              </li>
            </ul>
          </section>
          <PrivacySection />
        </div>
      )}
    </Page>
  );
}

const FREQUENCY_LABELS: Record<NotificationFrequency, { label: string; hint: string }> = {
  immediate: { label: 'Tout de suite', hint: 'Un e-mail à chaque nouvelle.' },
  daily: { label: 'Un résumé par jour', hint: 'Au plus un e-mail par jour.' },
  weekly: { label: 'Un résumé par semaine', hint: 'Au plus un e-mail par semaine.' },
  never: { label: 'Jamais', hint: 'Vous retrouverez tout en vous connectant.' },
};

const frequencyOptions = NOTIFICATION_FREQUENCIES.map((f) => ({
  value: f,
  label: FREQUENCY_LABELS[f].label,
  hint: FREQUENCY_LABELS[f].hint,
}));

export function NotificationsPage() {
  const { user } = useAuth();
  const prefs = useAsync(
    (signal) => api.get<NotificationPreferences>('/me/notification-preferences', { signal }),
    [],
  );
  const form = useForm({ fields: ['recommendations', 'activity'] });
  const [values, setValues] = useState<NotificationPreferences | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (prefs.data) setValues({ recommendations: prefs.data.recommendations, activity: prefs.data.activity });
  }, [prefs.data]);

  const onSubmit = form.handleSubmit(async () => {
    setSaved(false);
    const input = form.validate(preferencesBody, values);
    if (!input) return;
    const updated = await api.put<NotificationPreferences>('/me/notification-preferences', input);
    if (updated) prefs.setData(updated);
    setSaved(true);
  });

  return (
    <Page
      title="Mes notifications"
      intro="Choisissez à quel rythme Passerelle vous écrit. Les e-mails de sécurité (mot de passe, confirmation d’adresse) partent toujours."
    >
      {prefs.loading ? (
        <Loading />
      ) : prefs.error || !values ? (
        <ErrorState error={prefs.error} onRetry={prefs.reload} />
      ) : (
        <Form
          form={form}
          onSubmit={onSubmit}
          labels={{ recommendations: 'Recommandations', activity: 'Activité' }}
        >
          {saved && <Notice>Vos préférences sont enregistrées.</Notice>}
          {user?.role === 'postier' && (
            <RadioGroup
              name="recommendations"
              legend="Missions qui correspondent à votre profil"
              value={values.recommendations}
              onChange={(v) =>
                setValues((p) => (p ? { ...p, recommendations: v as NotificationFrequency } : p))
              }
              options={frequencyOptions}
            />
          )}
          <RadioGroup
            name="activity"
            legend={
              user?.role === 'postier'
                ? 'Suivi de vos candidatures et de vos heures'
                : user?.role === 'association'
                  ? 'Nouvelles candidatures, heures à confirmer, décisions du label'
                  : 'Demandes à traiter et activité'
            }
            value={values.activity}
            onChange={(v) => setValues((p) => (p ? { ...p, activity: v as NotificationFrequency } : p))}
            options={frequencyOptions}
          />
          <div className="form__actions">
            <SubmitButton busyLabel="Enregistrement…">Enregistrer mes préférences</SubmitButton>
          </div>
        </Form>
      )}
    </Page>
  );
}
