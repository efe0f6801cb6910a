import { TIME_ENTRY_STATUSES, type TimeEntryStatus } from '@passerelle/domain';
import { useState } from 'react';
import { ActionError } from '../components/action-error';
import { BarChart, type BarDatum } from '../components/bar-chart';
import { SelectField } from '../components/fields';
import { MoreButton } from '../components/more-button';
import { EmptyState, ErrorState, Loading, Notice, Page } from '../components/page';
import { ReasonAction } from '../components/reason-action';
import { TimeEntryStatusBadge } from '../components/status';
import { StatusTabs } from '../components/status-tabs';
import { api, downloadFile, errorMessage } from '../lib/api';
import { Form, useForm } from '../lib/form';
import { formatDate, formatEuros, formatHours, formatNumber, formatPeriod, plural } from '../lib/format';
import { Link, useSearchParams, withQuery } from '../lib/router';
import type {
  BulkValidateResponse,
  HoursReport,
  HrApproval,
  HrDecisionResponse,
  HrTimeEntry,
  ReportGroup,
} from '../lib/types';
import { useAsync } from '../lib/use-api';
import { usePagedList } from '../lib/use-paged-list';

const personName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;

/* ------------------------------------------------------------------------------------------------
 * Approvals: the work time of accepted participations
 * --------------------------------------------------------------------------------------------- */

function ApprovalRow({
  item,
  onDecided,
}: {
  item: HrApproval;
  onDecided: (item: HrApproval, decision: HrDecisionResponse) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = personName(item.postier);
  const decide = async (decision: 'approved' | 'refused', comment?: string) => {
    const result = await api.post<HrDecisionResponse>(`/applications/${item.applicationId}/hr-decision`, {
      decision,
      ...(comment ? { comment } : {}),
    });
    onDecided(item, result);
  };
  const quotaShort = item.remainingQuotaHours < item.mission.hoursTotal;
  return (
    <li className="result">
      <h2 className="result__title">{name}</h2>
      <p>
        <Link to={`/missions/${item.mission.id}`}>{item.mission.title}</Link> · {item.association.name}
      </p>
      <ul className="meta">
        <li>{formatPeriod(item.mission.startDate, item.mission.endDate)}</li>
        <li>{formatHours(item.mission.hoursTotal)} demandées</li>
        {item.acceptedAt && <li>Acceptée par l’association le {formatDate(item.acceptedAt)}</li>}
      </ul>
      <p className={quotaShort ? 'notice notice--warning' : undefined}>
        Quota restant cette année : <strong>{formatHours(item.remainingQuotaHours)}</strong>
        {quotaShort && ' : moins que les heures de la mission.'}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button--small button--primary"
          aria-disabled={busy || undefined}
          onClick={() => {
            if (busy) return;
            setBusy(true);
            setError(null);
            decide('approved')
              .catch((err: unknown) => setError(errorMessage(err)))
              .finally(() => setBusy(false));
          }}
        >
          {busy ? 'Approbation…' : 'Approuver'}
          <span className="visually-hidden"> le temps de {name}</span>
        </button>
        <ReasonAction
          buttonLabel="Refuser"
          accessibleContext={`le temps de ${name}`}
          confirmLabel="Refuser le temps de mission"
          fieldLabel="Commentaire pour la personne"
          hint="Il lui est transmis par e-mail, ainsi qu’à l’association."
          onConfirm={(comment) => decide('refused', comment)}
        />
      </div>
      <ActionError message={error} />
    </li>
  );
}

export function ApprovalsPage() {
  const list = usePagedList<HrApproval>('/hr/approvals', {}, { idOf: (a) => a.applicationId });
  const [decided, setDecided] = useState<string | null>(null);
  return (
    <Page
      title="Approbations du temps de mission"
      documentTitle="Approbations"
      intro="Les participations acceptées par une association attendent votre accord pour se faire sur le temps de travail."
    >
      <div role="status">{decided && <Notice>{decided}</Notice>}</div>
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState>Aucune participation en attente dans votre périmètre.</EmptyState>
      ) : (
        <>
          <p className="results__count">
            {plural(list.total, 'participation en attente', 'participations en attente')}
          </p>
          <ul className="results">
            {list.items.map((item) => (
              <ApprovalRow
                key={item.applicationId}
                item={item}
                onDecided={(done, result) => {
                  // Decided: it leaves the queue.
                  list.remove(done.applicationId);
                  setDecided(
                    `${personName(done.postier)}, « ${done.mission.title} » : ${result.hrStatus === 'approved' ? 'temps approuvé' : 'temps refusé'}.`,
                  );
                }}
              />
            ))}
          </ul>
          <MoreButton list={list} noun="participations" />
        </>
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Hours to validate, with bulk selection
 * --------------------------------------------------------------------------------------------- */

const ENTRY_TABS: { value: TimeEntryStatus; label: string }[] = [
  { value: 'confirmed', label: 'À valider' },
  { value: 'submitted', label: 'En attente de l’association' },
  { value: 'validated', label: 'Validées' },
  { value: 'rejected', label: 'Rejetées' },
];

export function HrHoursPage() {
  const params = useSearchParams();
  const status = (TIME_ENTRY_STATUSES as readonly string[]).includes(params.get('statut') ?? '')
    ? (params.get('statut') as TimeEntryStatus)
    : 'confirmed';
  const list = usePagedList<HrTimeEntry>('/hr/time-entries', { status }, { limit: 50 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'success' | 'warning'; text: string } | null>(null);
  const selectable = list.items.filter((e) => e.status === 'confirmed');
  const allSelected = selectable.length > 0 && selectable.every((e) => selected.has(e.id));
  const selectedHours = selectable.filter((e) => selected.has(e.id)).reduce((sum, e) => sum + e.hours, 0);

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const validateSelected = () => {
    if (busy || selected.size === 0) return;
    setBusy(true);
    setResult(null);
    api
      .post<BulkValidateResponse>('/hr/time-entries/validate', { ids: [...selected] })
      .then((r) => {
        for (const id of r.validated) list.remove(id);
        setSelected(new Set());
        setResult({
          kind: r.skipped.length > 0 ? 'warning' : 'success',
          text:
            `${plural(r.validated.length, 'déclaration validée', 'déclarations validées')}.` +
            (r.skipped.length > 0
              ? ` ${plural(r.skipped.length, 'déclaration ignorée', 'déclarations ignorées')} : déjà traitée(s) ou hors de votre périmètre. Rechargez la page.`
              : ''),
        });
      })
      .catch((err: unknown) => setResult({ kind: 'warning', text: errorMessage(err) }))
      .finally(() => setBusy(false));
  };

  return (
    <Page
      title="Heures à valider"
      intro="Les heures déclarées par les postiers, une fois confirmées par l’association, attendent votre validation."
    >
      <StatusTabs
        label="Filtrer par statut"
        tabs={ENTRY_TABS.map((t) => ({
          key: String(t.value),
          label: t.label,
          to: withQuery('/rh/heures', { statut: t.value }),
          current: t.value === status,
        }))}
      />
      <div role="status">{result && <Notice kind={result.kind}>{result.text}</Notice>}</div>
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState>Aucune déclaration dans cet état sur votre périmètre.</EmptyState>
      ) : (
        <>
          {status === 'confirmed' && (
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                aria-disabled={busy || selected.size === 0 || undefined}
                onClick={validateSelected}
              >
                {busy
                  ? 'Validation…'
                  : selected.size === 0
                    ? 'Valider la sélection'
                    : `Valider ${plural(selected.size, 'déclaration', 'déclarations')} (${formatHours(selectedHours)})`}
              </button>
              {selected.size === 0 && <span className="muted">Cochez les déclarations à valider.</span>}
            </div>
          )}
          <p className="results__count">{plural(list.total, 'déclaration', 'déclarations')}</p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="table-wrap" aria-labelledby="hours-caption" tabIndex={0}>
            <table>
              <caption id="hours-caption">Déclarations d’heures, les plus anciennes d’abord</caption>
              <thead>
                <tr>
                  {status === 'confirmed' && (
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label="Tout sélectionner"
                        checked={allSelected}
                        onChange={(event) =>
                          setSelected(event.target.checked ? new Set(selectable.map((e) => e.id)) : new Set())
                        }
                      />
                    </th>
                  )}
                  <th scope="col">Postier·ère</th>
                  <th scope="col">Mission</th>
                  <th scope="col">Jour</th>
                  <th scope="col" className="num">
                    Heures
                  </th>
                  <th scope="col">Statut</th>
                  {(status === 'confirmed' || status === 'submitted') && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {list.items.map((e) => {
                  const who = personName(e.postier);
                  return (
                    <tr key={e.id}>
                      {status === 'confirmed' && (
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Sélectionner : ${who}, ${formatDate(e.date)}, ${formatHours(e.hours)}`}
                            checked={selected.has(e.id)}
                            onChange={(event) => toggle(e.id, event.target.checked)}
                          />
                        </td>
                      )}
                      <th scope="row">{who}</th>
                      <td>
                        <Link to={`/missions/${e.mission.id}`}>{e.mission.title}</Link>
                        {e.note && <div className="muted">{e.note}</div>}
                      </td>
                      <td>{formatDate(e.date)}</td>
                      <td className="num">{formatHours(e.hours)}</td>
                      <td>
                        <TimeEntryStatusBadge status={e.status} />
                        {e.rejectionReason && <div className="muted">{e.rejectionReason}</div>}
                      </td>
                      {(status === 'confirmed' || status === 'submitted') && (
                        <td>
                          <ReasonAction
                            buttonLabel="Rejeter"
                            accessibleContext={`${who}, ${formatDate(e.date)}`}
                            confirmLabel="Rejeter ces heures"
                            fieldLabel="Raison du rejet"
                            hint="La personne la recevra par e-mail."
                            onConfirm={async (reason) => {
                              await api.post(`/time-entries/${e.id}/reject`, { reason });
                              list.remove(e.id);
                              toggle(e.id, false);
                              setResult({
                                kind: 'success',
                                text: `Heures de ${who} du ${formatDate(e.date)} rejetées.`,
                              });
                            }}
                          />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <MoreButton list={list} noun="déclarations" />
        </>
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Reports
 * --------------------------------------------------------------------------------------------- */

const GROUPS: { value: ReportGroup; label: string; of: string }[] = [
  { value: 'region', label: 'Région', of: 'par région' },
  { value: 'month', label: 'Mois', of: 'par mois' },
  { value: 'domain', label: 'Domaine d’action', of: 'par domaine d’action' },
  { value: 'businessUnit', label: 'Branche', of: 'par branche' },
  { value: 'association', label: 'Association', of: 'par association' },
];

function useReport(year: string, groupBy: ReportGroup) {
  return useAsync(
    (signal) => api.get<HoursReport>('/hr/reports/hours', { signal, query: { year, groupBy } }),
    [year, groupBy],
  );
}

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-11` → "novembre 2026"; other labels as the api gives them. */
function rowLabel(label: string): string {
  return /^\d{4}-\d{2}$/.test(label) ? monthFormat.format(new Date(`${label}-01T00:00:00Z`)) : label;
}

const hoursBars = (report: HoursReport | undefined): BarDatum[] =>
  (report?.rows ?? []).map((r) => ({
    key: r.key || r.label,
    label: rowLabel(r.label),
    value: r.hours,
    display: formatHours(r.hours),
  }));

function ChartCard({
  title,
  state,
  labelHeader,
}: {
  title: string;
  state: ReturnType<typeof useReport>;
  labelHeader: string;
}) {
  return (
    <div className="card">
      {state.loading ? (
        <Loading />
      ) : state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : !state.data || state.data.rows.length === 0 ? (
        <EmptyState>{title} : aucune heure validée.</EmptyState>
      ) : (
        <BarChart
          caption={title}
          labelHeader={labelHeader}
          valueLabel="Heures"
          data={hoursBars(state.data)}
        />
      )}
    </div>
  );
}

export function ReportsPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [groupBy, setGroupBy] = useState<ReportGroup>('association');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const form = useForm();
  const byRegion = useReport(year, 'region');
  const byMonth = useReport(year, 'month');
  const byDomain = useReport(year, 'domain');
  const detail = useReport(year, groupBy);
  const group = GROUPS.find((g) => g.value === groupBy) ?? { value: groupBy, label: groupBy, of: '' };
  const totals = byRegion.data?.totals;

  const exportCsv = () => {
    if (exporting) return;
    setExporting(true);
    setExportError(null);
    downloadFile(
      '/hr/reports/hours',
      { year, groupBy },
      'text/csv',
      `passerelle-heures-${year}-${groupBy}.csv`,
    )
      .catch((err: unknown) => setExportError(errorMessage(err)))
      .finally(() => setExporting(false));
  };

  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));

  return (
    <Page title="Rapports" intro="Les heures validées et leur valorisation, sur votre périmètre.">
      <Form
        form={form}
        onSubmit={(event) => event.preventDefault()}
        className="form"
        aria-label="Année du rapport"
      >
        <SelectField
          name="year"
          label="Année"
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: y }))}
        />
      </Form>

      {byRegion.loading ? (
        <Loading label="Calcul des totaux…" />
      ) : byRegion.error ? (
        <ErrorState error={byRegion.error} onRetry={byRegion.reload} />
      ) : totals ? (
        <dl className="kpis">
          <div className="kpi">
            <dt className="kpi__label">Heures validées</dt>
            <dd className="kpi__value">{formatHours(totals.hours)}</dd>
          </div>
          <div className="kpi">
            <dt className="kpi__label">Postières et postiers engagés</dt>
            <dd className="kpi__value">{formatNumber(totals.postiers)}</dd>
          </div>
          <div className="kpi">
            <dt className="kpi__label">Valorisation</dt>
            <dd className="kpi__value">{formatEuros(totals.valuation)}</dd>
          </div>
          <div className="kpi">
            <dt className="kpi__label">Réduction d’impôt estimée</dt>
            <dd className="kpi__value">{formatEuros(totals.taxReductionEstimate)}</dd>
          </div>
        </dl>
      ) : null}

      <div className="grid grid--2 charts">
        <ChartCard title={`Heures validées par région, ${year}`} labelHeader="Région" state={byRegion} />
        <ChartCard title={`Heures validées par mois, ${year}`} labelHeader="Mois" state={byMonth} />
        <ChartCard
          title={`Heures validées par domaine d’action, ${year}`}
          labelHeader="Domaine d’action"
          state={byDomain}
        />
      </div>

      <section aria-labelledby="detail-title">
        <h2 id="detail-title">Détail et export</h2>
        <div className="actions">
          <Form
            form={form}
            onSubmit={(event) => event.preventDefault()}
            className="form"
            aria-label="Regroupement du détail"
          >
            <SelectField
              name="groupBy"
              label="Regrouper par"
              className="field--compact"
              value={groupBy}
              onChange={(v) => setGroupBy(v as ReportGroup)}
              options={GROUPS}
            />
          </Form>
          <button
            type="button"
            className="button button--secondary"
            onClick={exportCsv}
            aria-disabled={exporting || undefined}
          >
            {exporting ? 'Export…' : `Exporter en CSV (${group.of})`}
          </button>
        </div>
        <ActionError message={exportError} />
        {detail.loading ? (
          <Loading />
        ) : detail.error ? (
          <ErrorState error={detail.error} onRetry={detail.reload} />
        ) : !detail.data || detail.data.rows.length === 0 ? (
          <EmptyState>Aucune heure validée en {year} sur votre périmètre.</EmptyState>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
          <section className="table-wrap" aria-labelledby="detail-caption" tabIndex={0}>
            <table>
              <caption id="detail-caption">
                Heures et valorisation {group.of}, {year}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{group.label}</th>
                  <th scope="col" className="num">
                    Heures
                  </th>
                  <th scope="col" className="num">
                    Postier·ères
                  </th>
                  <th scope="col" className="num">
                    Valorisation
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.data.rows.map((r) => (
                  <tr key={r.key || r.label}>
                    <th scope="row">{rowLabel(r.label)}</th>
                    <td className="num">{formatHours(r.hours)}</td>
                    <td className="num">{formatNumber(r.postiers)}</td>
                    <td className="num">{formatEuros(r.valuation)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td className="num">{formatHours(detail.data.totals.hours)}</td>
                  <td className="num">{formatNumber(detail.data.totals.postiers)}</td>
                  <td className="num">{formatEuros(detail.data.totals.valuation)}</td>
                </tr>
              </tfoot>
            </table>
          </section>
        )}
      </section>
      <p className="muted">
        Valorisation : heures × coût horaire chargé de la branche à la date des heures, plafonnée par
        salarié·e à 3 fois le plafond annuel de la Sécurité sociale. La réduction d’impôt est une estimation
        (60 %, ou 40 % au-delà de 2 M€ sauf pour les associations venant en aide aux personnes en difficulté)
        : le calcul fiscal définitif se fait par entité juridique.
      </p>
    </Page>
  );
}
