import { LABEL_STATUS_LABELS, LABEL_STATUSES, type LabelStatus } from '@passerelle/domain';
import { useState } from 'react';
import { ActionError } from '../components/action-error';
import { FieldMessage, SelectField, SubmitButton, TextField } from '../components/fields';
import { MoreButton } from '../components/more-button';
import { EmptyState, ErrorState, Loading, Notice, Page, StatusBadge } from '../components/page';
import { QueueDashboardLink } from '../components/queue-dashboard-link';
import { ReasonAction } from '../components/reason-action';
import { LabelStatusBadge } from '../components/status';
import { StatusTabs } from '../components/status-tabs';
import { api, errorMessage } from '../lib/api';
import { Form, useForm, useFormContext } from '../lib/form';
import { formatDate, formatDateTime, plural } from '../lib/format';
import { useDomains, useRegions } from '../lib/reference';
import { navigate, useSearchParams, withQuery } from '../lib/router';
import { hrScopesBody, hrUserBody } from '../lib/schemas';
import type { AdminAssociation, BusinessUnit, Delivery, HrUser, ItemList } from '../lib/types';
import { useAsync } from '../lib/use-api';
import { usePagedList } from '../lib/use-paged-list';
import { useReturnFocus } from '../lib/use-return-focus';

type Decision = 'labelled' | 'rejected' | 'suspended';

const DONE: Record<Decision, string> = {
  labelled: 'est labellisée',
  rejected: 'est refusée',
  suspended: 'est suspendue',
};

function AssociationRow({
  association,
  onDecided,
}: {
  association: AdminAssociation;
  onDecided: (a: AdminAssociation, d: Decision) => void;
}) {
  const domains = useDomains();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: Decision, reason?: string) => {
    const updated = await api.post<AdminAssociation>(`/admin/associations/${association.id}/label`, {
      decision,
      ...(reason ? { reason } : {}),
    });
    onDecided(updated, decision);
  };
  const label = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    decide('labelled')
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };
  const a = association;
  const lookup = a.siret ?? a.rna;
  return (
    <li className="result">
      <h2 className="result__title">{a.name}</h2>
      <p className="actions">
        <LabelStatusBadge status={a.labelStatus} />
        <span className="muted">
          Inscrite le {formatDate(a.createdAt)} · {plural(a.memberCount, 'membre', 'membres')}
        </span>
      </p>
      <dl className="details">
        <dt>RNA</dt>
        <dd>{a.rna ?? '—'}</dd>
        <dt>SIRET</dt>
        <dd>{a.siret ?? '—'}</dd>
        <dt>Siège</dt>
        <dd>
          {a.communeName} ({a.departementCode})
        </dd>
        <dt>Domaines</dt>
        <dd>{a.domains.map((d) => domains.label(d)).join(', ')}</dd>
        {a.labelReason && (
          <>
            <dt>Motif de la décision</dt>
            <dd>{a.labelReason}</dd>
          </>
        )}
      </dl>
      {a.description && <p className="prewrap">{a.description}</p>}
      {lookup && (
        <p>
          <a
            href={`https://annuaire-entreprises.data.gouv.fr/rechercher?terme=${encodeURIComponent(lookup)}`}
            rel="noopener noreferrer"
            target="_blank"
          >
            Vérifier {a.siret ? 'le SIRET' : 'le RNA'} sur l’Annuaire des entreprises
            <span className="visually-hidden"> (nouvel onglet)</span>
          </a>
        </p>
      )}
      <div className="actions">
        {(a.labelStatus === 'pending' || a.labelStatus === 'suspended') && (
          <button
            type="button"
            className="button button--small button--primary"
            aria-disabled={busy || undefined}
            onClick={label}
          >
            {busy ? 'Enregistrement…' : a.labelStatus === 'suspended' ? 'Rétablir le label' : 'Labelliser'}
            <span className="visually-hidden"> {a.name}</span>
          </button>
        )}
        {a.labelStatus === 'pending' && (
          <ReasonAction
            buttonLabel="Refuser"
            accessibleContext={a.name}
            confirmLabel="Refuser le label"
            fieldLabel="Motif du refus"
            hint="Les membres de l’association le recevront par e-mail."
            onConfirm={(reason) => decide('rejected', reason)}
          />
        )}
        {a.labelStatus === 'labelled' && (
          <ReasonAction
            buttonLabel="Suspendre"
            accessibleContext={a.name}
            confirmLabel="Suspendre le label"
            fieldLabel="Motif de la suspension"
            hint="Les membres de l’association le recevront par e-mail. Ils ne pourront plus publier de mission."
            onConfirm={(reason) => decide('suspended', reason)}
          />
        )}
      </div>
      <ActionError message={error} />
    </li>
  );
}

export function AdminAssociationsPage() {
  const params = useSearchParams();
  const status = (LABEL_STATUSES as readonly string[]).includes(params.get('statut') ?? '')
    ? (params.get('statut') as LabelStatus)
    : 'pending';
  const region = params.get('region') ?? '';
  const regions = useRegions();
  const list = usePagedList<AdminAssociation>('/admin/associations', { status, region: region || undefined });
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm();

  return (
    <Page title="Associations à labelliser" documentTitle="Associations">
      <StatusTabs
        label="Filtrer par statut du label"
        tabs={LABEL_STATUSES.map((s) => ({
          key: s,
          label: LABEL_STATUS_LABELS[s],
          to: withQuery('/admin/associations', { statut: s, region }),
          current: s === status,
        }))}
      />
      <Form
        form={form}
        onSubmit={(event) => event.preventDefault()}
        className="form"
        aria-label="Filtrer par région"
      >
        <SelectField
          name="region"
          label="Région"
          optional
          placeholder="Toutes les régions"
          value={region}
          onChange={(value) =>
            navigate(withQuery('/admin/associations', { statut: status, region: value }), { replace: true })
          }
          options={regions.items.map((r) => ({ value: r.code, label: r.name }))}
        />
      </Form>
      {notice && <Notice>{notice}</Notice>}
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState>
          Aucune association « {LABEL_STATUS_LABELS[status].toLowerCase()} »
          {region ? ' dans cette région' : ''}.
        </EmptyState>
      ) : (
        <>
          <p className="results__count">{plural(list.total, 'association', 'associations')}</p>
          <ul className="results">
            {list.items.map((a) => (
              <AssociationRow
                key={a.id}
                association={a}
                onDecided={(updated, decision) => {
                  // It leaves this tab's list: say so, and where it went.
                  list.remove(a.id);
                  setNotice(`${updated.name} ${DONE[decision]}.`);
                }}
              />
            ))}
          </ul>
          <MoreButton list={list} noun="associations" />
        </>
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Email deliveries
 * --------------------------------------------------------------------------------------------- */

const DELIVERY_TABS: { value: Delivery['status']; label: string }[] = [
  { value: 'failed', label: 'En échec' },
  { value: 'pending', label: 'En attente' },
  { value: 'sent', label: 'Envoyés' },
];

function RetryButton({ delivery, onRetried }: { delivery: Delivery; onRetried: (d: Delivery) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button--small button--secondary"
        aria-disabled={busy || undefined}
        onClick={() => {
          if (busy) return;
          setBusy(true);
          setError(null);
          api
            .post<{ id: string; status: 'pending' }>(`/admin/deliveries/${delivery.id}/retry`)
            .then(() => onRetried({ ...delivery, status: 'pending' }))
            .catch((err: unknown) => setError(errorMessage(err)))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? 'Relance…' : 'Renvoyer'}
        <span className="visually-hidden"> l’e-mail à {delivery.recipientEmail ?? 'ce destinataire'}</span>
      </button>
      <ActionError message={error} />
    </>
  );
}

export function AdminDeliveriesPage() {
  const params = useSearchParams();
  const status = DELIVERY_TABS.some((t) => t.value === params.get('statut'))
    ? (params.get('statut') as Delivery['status'])
    : 'failed';
  const list = usePagedList<Delivery>('/admin/deliveries', { status });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Page
      title="Envois d’e-mails"
      intro="Les e-mails que le notificateur n’a pas pu remettre, à relancer une fois la cause corrigée."
      actions={<QueueDashboardLink />}
    >
      <StatusTabs
        label="Filtrer par statut d’envoi"
        tabs={DELIVERY_TABS.map((t) => ({
          key: String(t.value),
          label: t.label,
          to: withQuery('/admin/envois', { statut: t.value }),
          current: t.value === status,
        }))}
      />
      <div role="status">{notice && <Notice>{notice}</Notice>}</div>
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState>
          {status === 'failed' ? 'Aucun envoi en échec.' : 'Aucun envoi dans cet état.'}
        </EmptyState>
      ) : (
        <>
          <p className="results__count">{plural(list.total, 'envoi', 'envois')}</p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="table-wrap" aria-labelledby="deliveries-caption" tabIndex={0}>
            <table>
              <caption id="deliveries-caption">Envois, les plus récents d’abord</caption>
              <thead>
                <tr>
                  <th scope="col">Destinataire</th>
                  <th scope="col">Modèle</th>
                  <th scope="col" className="num">
                    Tentatives
                  </th>
                  <th scope="col">Dernière erreur</th>
                  <th scope="col">Date</th>
                  {status !== 'sent' && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {list.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.recipientEmail ?? '(compte supprimé)'}</th>
                    <td>{d.template}</td>
                    <td className="num">{d.attempts}</td>
                    <td>{d.lastError ?? '—'}</td>
                    <td>{formatDateTime(d.sentAt ?? d.updatedAt)}</td>
                    {status !== 'sent' && (
                      <td>
                        <RetryButton
                          delivery={d}
                          onRetried={(updated) => {
                            list.remove(updated.id);
                            setNotice(`L’e-mail à ${d.recipientEmail ?? 'ce destinataire'} est relancé.`);
                          }}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <MoreButton list={list} noun="envois" />
        </>
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * HR users and their scopes
 * --------------------------------------------------------------------------------------------- */

interface ScopeRow {
  regionCode: string;
  businessUnitId: string;
}

/** Rows of (région, business unit): an HR user sees the postiers of any row; a row needs one of the two. */
function ScopeEditor({
  name,
  rows,
  onChange,
}: {
  name: string;
  rows: ScopeRow[];
  onChange: (rows: ScopeRow[]) => void;
}) {
  const form = useFormContext();
  const regions = useRegions();
  const units = useAsync((signal) => api.get<ItemList<BusinessUnit>>('/business-units', { signal }), []);
  const id = form.fieldId(name);
  const error = form.errors[name];
  const set = (index: number, patch: Partial<ScopeRow>) => {
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
    if (error) form.clearField(name);
  };
  return (
    <fieldset className={`field fieldset ${error ? 'field--error' : ''}`} aria-describedby={`${id}-hint`}>
      <legend className="field__label">Périmètre</legend>
      <p id={`${id}-hint`} className="field__hint">
        Une région, une branche, ou les deux (la branche dans cette région). Plusieurs lignes s’additionnent.
      </p>
      <FieldMessage id={id} error={error} />
      {rows.map((row, index) => {
        const rowId = index === 0 ? id : `${id}-${index}`;
        return (
          <div key={index} className="scope-row">
            <div className="field">
              <label htmlFor={rowId} className="field__label">
                Région <span className="visually-hidden">de la ligne {index + 1}</span>
              </label>
              <select
                id={rowId}
                className="input select"
                value={row.regionCode}
                onChange={(event) => set(index, { regionCode: event.target.value })}
              >
                <option value="">Toutes</option>
                {regions.items.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${rowId}-unit`} className="field__label">
                Branche <span className="visually-hidden">de la ligne {index + 1}</span>
              </label>
              <select
                id={`${rowId}-unit`}
                className="input select"
                value={row.businessUnitId}
                onChange={(event) => set(index, { businessUnitId: event.target.value })}
              >
                <option value="">Toutes</option>
                {units.data?.items.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
            {rows.length > 1 && (
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                Retirer<span className="visually-hidden"> la ligne {index + 1}</span>
              </button>
            )}
          </div>
        );
      })}
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => onChange([...rows, { regionCode: '', businessUnitId: '' }])}
      >
        Ajouter une ligne
      </button>
    </fieldset>
  );
}

function scopesFromRows(rows: ScopeRow[]): { regionCode?: string; businessUnitId?: string }[] | null {
  const scopes = rows
    .filter((r) => r.regionCode || r.businessUnitId)
    .map((r) => ({
      ...(r.regionCode ? { regionCode: r.regionCode } : {}),
      ...(r.businessUnitId ? { businessUnitId: r.businessUnitId } : {}),
    }));
  return scopes.length > 0 ? scopes : null;
}

function ScopeSummary({ scopes }: { scopes: HrUser['scopes'] }) {
  const regions = useRegions();
  const units = useAsync((signal) => api.get<ItemList<BusinessUnit>>('/business-units', { signal }), []);
  const unitName = (id: string) => units.data?.items.find((u) => u.id === id)?.name ?? 'une branche';
  return (
    <ul>
      {scopes.map((s) => (
        <li key={`${s.regionCode ?? ''}-${s.businessUnitId ?? ''}`}>
          {s.regionCode && s.businessUnitId
            ? `${unitName(s.businessUnitId)} en ${regions.label(s.regionCode)}`
            : s.regionCode
              ? `Région ${regions.label(s.regionCode)}`
              : s.businessUnitId
                ? unitName(s.businessUnitId)
                : '—'}
        </li>
      ))}
    </ul>
  );
}

function EditScopes({ user, onSaved }: { user: HrUser; onSaved: (u: HrUser) => void }) {
  const [open, setOpen] = useState(false);
  const openerRef = useReturnFocus<HTMLButtonElement>(open);
  const form = useForm({ fields: ['scopes'] });
  const [rows, setRows] = useState<ScopeRow[]>(() =>
    user.scopes.map((s) => ({ regionCode: s.regionCode ?? '', businessUnitId: s.businessUnitId ?? '' })),
  );
  if (!open) {
    return (
      <button
        ref={openerRef}
        type="button"
        className="button button--small button--secondary"
        onClick={() => setOpen(true)}
      >
        Modifier le périmètre
        <span className="visually-hidden">
          {' '}
          de {user.firstName} {user.lastName}
        </span>
      </button>
    );
  }
  const onSubmit = form.handleSubmit(async () => {
    const input = form.validate(hrScopesBody, { scopes: scopesFromRows(rows) ?? [] });
    if (!input) return;
    onSaved(await api.put<HrUser>(`/admin/hr-users/${user.id}/scopes`, input));
    setOpen(false);
  });
  return (
    <div className="inline-form">
      <Form
        form={form}
        onSubmit={onSubmit}
        labels={{ scopes: 'Périmètre' }}
        aria-label={`Périmètre de ${user.firstName} ${user.lastName}`}
      >
        <ScopeEditor name="scopes" rows={rows} onChange={setRows} />
        <div className="actions">
          <SubmitButton busyLabel="Enregistrement…">Enregistrer le périmètre</SubmitButton>
          <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
            Annuler
          </button>
        </div>
      </Form>
    </div>
  );
}

const HR_LABELS = { firstName: 'Prénom', lastName: 'Nom', email: 'Adresse e-mail', scopes: 'Périmètre' };

function InviteHrUser({ onInvited }: { onInvited: (u: HrUser) => void }) {
  const form = useForm({ fields: Object.keys(HR_LABELS) });
  const [values, setValues] = useState({ firstName: '', lastName: '', email: '' });
  const [rows, setRows] = useState<ScopeRow[]>([{ regionCode: '', businessUnitId: '' }]);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const onSubmit = form.handleSubmit(async () => {
    const input = form.validate(hrUserBody, {
      ...values,
      // The shared schema checks the address before trimming it, as the api receives it trimmed.
      email: values.email.trim(),
      scopes: scopesFromRows(rows) ?? [],
    });
    if (!input) return;
    const created = await api.post<HrUser>('/admin/hr-users', input);
    onInvited(created);
    setValues({ firstName: '', lastName: '', email: '' });
    setRows([{ regionCode: '', businessUnitId: '' }]);
  });
  return (
    <Form form={form} onSubmit={onSubmit} labels={HR_LABELS} aria-labelledby="invite-hr-title">
      <div className="grid grid--2">
        <TextField name="firstName" label="Prénom" value={values.firstName} onChange={set('firstName')} />
        <TextField name="lastName" label="Nom" value={values.lastName} onChange={set('lastName')} />
      </div>
      <TextField
        name="email"
        label="Adresse e-mail"
        hint="Elle reçoit un lien pour choisir son mot de passe."
        type="email"
        autoComplete="off"
        value={values.email}
        onChange={set('email')}
      />
      <ScopeEditor name="scopes" rows={rows} onChange={setRows} />
      <div className="form__actions">
        <SubmitButton busyLabel="Envoi…">Créer le compte et envoyer l’invitation</SubmitButton>
      </div>
    </Form>
  );
}

export function AdminHrUsersPage() {
  const list = usePagedList<HrUser>('/admin/hr-users', {});
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Page
      title="Comptes RH"
      intro="Les équipes RH approuvent le temps de mission et valident les heures des postiers de leur périmètre."
    >
      <div role="status">{notice && <Notice>{notice}</Notice>}</div>
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState>Aucun compte RH pour l’instant.</EmptyState>
      ) : (
        <>
          <p className="results__count">{plural(list.total, 'compte RH', 'comptes RH')}</p>
          <ul className="results">
            {list.items.map((u) => (
              <li key={u.id} className="result">
                <h2 className="result__title">
                  {u.firstName} {u.lastName}
                </h2>
                <p className="actions">
                  <span>{u.email}</span>
                  {u.passwordSet ? (
                    <StatusBadge tone="success">Actif</StatusBadge>
                  ) : (
                    <StatusBadge tone="warning">Invitation envoyée</StatusBadge>
                  )}
                  {u.status !== 'active' && <StatusBadge tone="neutral">Désactivé</StatusBadge>}
                </p>
                <ScopeSummary scopes={u.scopes} />
                <EditScopes
                  user={u}
                  onSaved={(updated) => {
                    list.replace(updated);
                    setNotice(`Le périmètre de ${updated.firstName} ${updated.lastName} est enregistré.`);
                  }}
                />
              </li>
            ))}
          </ul>
          <MoreButton list={list} noun="comptes" />
        </>
      )}
      <section aria-labelledby="invite-hr-title">
        <h2 id="invite-hr-title">Ouvrir un compte RH</h2>
        <InviteHrUser
          onInvited={(created) => {
            list.reload();
            setNotice(
              `Le compte de ${created.firstName} ${created.lastName} est créé : l’invitation part par e-mail.`,
            );
          }}
        />
      </section>
    </Page>
  );
}
