import { LABEL_STATUS_LABELS, LABEL_STATUSES, type LabelStatus } from '@passerelle/domain';
import { useState } from 'react';
import { SelectField } from '../components/fields';
import { MoreButton } from '../components/more-button';
import { EmptyState, ErrorState, Loading, Notice, Page } from '../components/page';
import { ReasonAction } from '../components/reason-action';
import { LabelStatusBadge } from '../components/status';
import { api, errorMessage } from '../lib/api';
import { Form, useForm } from '../lib/form';
import { formatDate, formatDateTime, plural } from '../lib/format';
import { useDomains, useRegions } from '../lib/reference';
import { Link, navigate, useSearchParams, withQuery } from '../lib/router';
import type { AdminAssociation, Delivery } from '../lib/types';
import { usePagedList } from '../lib/use-paged-list';

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
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
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
      <nav aria-label="Filtrer par statut du label">
        <ul className="tabs">
          {LABEL_STATUSES.map((s) => (
            <li key={s}>
              <Link
                to={withQuery('/admin/associations', { statut: s, region })}
                aria-current={s === status ? 'page' : undefined}
              >
                {LABEL_STATUS_LABELS[s]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
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
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
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
    >
      <nav aria-label="Filtrer par statut d’envoi">
        <ul className="tabs">
          {DELIVERY_TABS.map((t) => (
            <li key={t.value}>
              <Link
                to={withQuery('/admin/envois', { statut: t.value })}
                aria-current={t.value === status ? 'page' : undefined}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
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
