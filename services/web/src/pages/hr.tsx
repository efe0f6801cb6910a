import { useMemo, useState } from 'react';
import { BarChart, type BarDatum } from '../components/bar-chart';
import { SelectField } from '../components/fields';
import { MoreButton } from '../components/more-button';
import { EmptyState, ErrorState, Loading, Notice, Page } from '../components/page';
import { ReasonAction } from '../components/reason-action';
import { ApplicationStatusBadge, HrStatusBadge, TimeEntryStatusBadge } from '../components/status';
import { api, downloadFile, errorMessage } from '../lib/api';
import { Form, useForm } from '../lib/form';
import { formatDate, formatEuros, formatHours, formatNumber, formatPeriod, plural } from '../lib/format';
import { Link } from '../lib/router';
import type { HrApproval, TimeEntry } from '../lib/types';
import { useAsync } from '../lib/use-api';
import { usePagedList } from '../lib/use-paged-list';

/* ------------------------------------------------------------------------------------------------
 * Approvals: the work time of accepted participations
 * --------------------------------------------------------------------------------------------- */

function personName(p: { firstName: string; lastName: string } | undefined): string {
  return p ? `${p.firstName} ${p.lastName}` : 'Postier·ère';
}

function ApprovalRow({ item, onDecided }: { item: HrApproval; onDecided: (item: HrApproval) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = personName(item.postier);
  const decide = async (decision: 'approved' | 'refused', comment?: string) => {
    const updated = await api.post<Partial<HrApproval>>(`/applications/${item.id}/hr-decision`, {
      decision,
      ...(comment ? { comment } : {}),
    });
    onDecided({
      ...item,
      ...updated,
      hrStatus: updated?.hrStatus ?? decision,
      postier: item.postier,
      mission: item.mission,
    });
  };
  return (
    <li className="result">
      <h2 className="result__title">{name}</h2>
      <p className="muted">
        {[item.postier.businessUnitName, item.postier.regionName].filter(Boolean).join(' · ')}
      </p>
      <p>
        Mission : <Link to={`/missions/${item.mission.id}`}>{item.mission.title}</Link>
        {item.mission.associationName ? ` · ${item.mission.associationName}` : ''}
      </p>
      <ul className="meta">
        {item.mission.startDate && item.mission.endDate && (
          <li>{formatPeriod(item.mission.startDate, item.mission.endDate)}</li>
        )}
        {item.mission.hoursTotal !== undefined && <li>{formatHours(item.mission.hoursTotal)} demandées</li>}
        {item.decidedAt && <li>Acceptée par l’association le {formatDate(item.decidedAt)}</li>}
      </ul>
      <p className="actions">
        <ApplicationStatusBadge status={item.status} />
        {item.hrStatus && <HrStatusBadge status={item.hrStatus} />}
      </p>
      {item.hrStatus === 'pending' && (
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
            {busy ? 'Approbation…' : 'Approuver le temps'}
            <span className="visually-hidden"> de {name}</span>
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
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function ApprovalsPage() {
  const list = usePagedList<HrApproval>('/hr/approvals', {});
  const [decided, setDecided] = useState<string | null>(null);
  return (
    <Page
      title="Approbations du temps de mission"
      documentTitle="Approbations"
      intro="Les participations acceptées par une association attendent votre accord pour être réalisées sur le temps de travail."
    >
      {decided && <Notice>{decided}</Notice>}
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState>Aucune demande en attente dans votre périmètre. Bravo !</EmptyState>
      ) : (
        <>
          <p className="results__count">{plural(list.total, 'demande', 'demandes')}</p>
          <ul className="results">
            {list.items.map((item) => (
              <ApprovalRow
                key={item.id}
                item={item}
                onDecided={(updated) => {
                  list.replace(updated);
                  setDecided(
                    `${personName(updated.postier)} : ${updated.hrStatus === 'approved' ? 'temps approuvé' : 'temps refusé'}.`,
                  );
                }}
              />
            ))}
          </ul>
          <MoreButton list={list} noun="demandes" />
        </>
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Hours to validate, with bulk selection
 * --------------------------------------------------------------------------------------------- */

export function HrHoursPage() {
  const list = usePagedList<TimeEntry>('/hr/time-entries', {}, { limit: 50 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: number; failed: string[] } | null>(null);
  const validatable = list.items.filter((e) => e.status === 'confirmed' || e.status === 'submitted');
  const allSelected = validatable.length > 0 && validatable.every((e) => selected.has(e.id));

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const validateSelected = async () => {
    if (busy || selected.size === 0) return;
    setBusy(true);
    setResult(null);
    let ok = 0;
    const failed: string[] = [];
    // One request per entry: a refused one (already validated by a colleague) does not block the rest.
    for (const id of selected) {
      const entry = list.items.find((e) => e.id === id);
      try {
        const updated = await api.post<TimeEntry>(`/time-entries/${id}/validate`);
        if (entry) list.replace({ ...entry, ...updated, status: updated?.status ?? 'validated' });
        ok++;
      } catch (err) {
        failed.push(
          `${entry ? `${personName(entry.postier)}, ${formatDate(entry.date)}` : id} : ${errorMessage(err)}`,
        );
      }
    }
    setSelected(new Set());
    setResult({ ok, failed });
    setBusy(false);
  };

  return (
    <Page
      title="Heures à valider"
      intro="Les heures déclarées par les postiers et confirmées par les associations."
    >
      <div role="status">
        {result && (
          <Notice kind={result.failed.length > 0 ? 'warning' : 'success'}>
            {plural(result.ok, 'déclaration validée', 'déclarations validées')}.
            {result.failed.length > 0 && (
              <>
                {' '}
                Non validées :
                <ul>
                  {result.failed.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              </>
            )}
          </Notice>
        )}
      </div>
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState>Aucune heure à valider dans votre périmètre.</EmptyState>
      ) : (
        <>
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              aria-disabled={busy || selected.size === 0 || undefined}
              onClick={() => void validateSelected()}
            >
              {busy ? 'Validation…' : `Valider la sélection (${selected.size})`}
            </button>
            <span className="muted">{plural(list.total, 'déclaration', 'déclarations')}</span>
          </div>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="table-wrap" aria-labelledby="hours-caption" tabIndex={0}>
            <table>
              <caption id="hours-caption">Déclarations d’heures</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Tout sélectionner"
                      checked={allSelected}
                      onChange={(event) =>
                        setSelected(event.target.checked ? new Set(validatable.map((e) => e.id)) : new Set())
                      }
                    />
                  </th>
                  <th scope="col">Postier·ère</th>
                  <th scope="col">Mission</th>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">
                    Heures
                  </th>
                  <th scope="col">Statut</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((e) => {
                  const who = personName(e.postier);
                  const canAct = e.status === 'confirmed' || e.status === 'submitted';
                  return (
                    <tr key={e.id}>
                      <td>
                        {canAct && (
                          <input
                            type="checkbox"
                            aria-label={`Sélectionner ${who}, ${formatDate(e.date)}`}
                            checked={selected.has(e.id)}
                            onChange={(event) => toggle(e.id, event.target.checked)}
                          />
                        )}
                      </td>
                      <th scope="row">{who}</th>
                      <td>
                        {e.mission ? <Link to={`/missions/${e.mission.id}`}>{e.mission.title}</Link> : '—'}
                        {e.note && <div className="muted">{e.note}</div>}
                      </td>
                      <td>{formatDate(e.date)}</td>
                      <td className="num">{formatHours(e.hours)}</td>
                      <td>
                        <TimeEntryStatusBadge status={e.status} />
                        {e.rejectionReason && <div className="muted">{e.rejectionReason}</div>}
                      </td>
                      <td>
                        {canAct && (
                          <ReasonAction
                            buttonLabel="Rejeter"
                            accessibleContext={`${who}, ${formatDate(e.date)}`}
                            confirmLabel="Rejeter ces heures"
                            fieldLabel="Raison du rejet"
                            onConfirm={async (reason) => {
                              const updated = await api.post<TimeEntry>(`/time-entries/${e.id}/reject`, {
                                reason,
                              });
                              list.replace({
                                ...e,
                                ...updated,
                                status: updated?.status ?? 'rejected',
                                rejectionReason: reason,
                              });
                              toggle(e.id, false);
                            }}
                          />
                        )}
                      </td>
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

const GROUPS = [
  { value: 'region', label: 'Région' },
  { value: 'month', label: 'Mois' },
  { value: 'domain', label: 'Domaine d’action' },
  { value: 'businessUnit', label: 'Branche' },
  { value: 'association', label: 'Association' },
] as const;

interface ReportRowIn {
  key?: string;
  code?: string;
  label?: string;
  name?: string;
  hours?: number | string;
  validatedHours?: number | string;
  valuation?: number | string | null;
  taxReduction?: number | string | null;
  participants?: number;
}

interface ReportIn {
  rows?: ReportRowIn[];
  items?: ReportRowIn[];
  totals?: {
    hours?: number | string;
    valuation?: number | string | null;
    taxReduction?: number | string | null;
    participants?: number;
  };
}

const MONTHS = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];

function rowLabel(row: ReportRowIn, groupBy: string): string {
  const key = row.key ?? row.code ?? '';
  if (row.label ?? row.name) return String(row.label ?? row.name);
  if (groupBy === 'month' && /^\d{4}-\d{2}$/.test(key))
    return `${MONTHS[Number(key.slice(5)) - 1]} ${key.slice(0, 4)}`;
  return key || '—';
}

const num = (v: number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

export function ReportsPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [groupBy, setGroupBy] = useState<string>('region');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const form = useForm();
  const report = useAsync(
    (signal) => api.get<ReportIn>('/hr/reports/hours', { signal, query: { year, groupBy } }),
    [year, groupBy],
  );

  const rows = useMemo(() => {
    const raw = report.data?.rows ?? report.data?.items ?? [];
    return raw.map((r, i) => ({
      key: r.key ?? r.code ?? String(i),
      label: rowLabel(r, groupBy),
      hours: num(r.hours ?? r.validatedHours) ?? 0,
      valuation: num(r.valuation),
      taxReduction: num(r.taxReduction),
      participants: r.participants,
    }));
  }, [report.data, groupBy]);

  const totals = {
    hours: num(report.data?.totals?.hours) ?? rows.reduce((s, r) => s + r.hours, 0),
    valuation:
      num(report.data?.totals?.valuation) ??
      (rows.some((r) => r.valuation !== null) ? rows.reduce((s, r) => s + (r.valuation ?? 0), 0) : null),
    taxReduction:
      num(report.data?.totals?.taxReduction) ??
      (rows.some((r) => r.taxReduction !== null)
        ? rows.reduce((s, r) => s + (r.taxReduction ?? 0), 0)
        : null),
    participants: report.data?.totals?.participants,
  };

  const groupLabel = GROUPS.find((g) => g.value === groupBy)?.label ?? groupBy;
  const hoursData: BarDatum[] = rows.map((r) => ({
    key: r.key,
    label: r.label,
    value: r.hours,
    display: formatHours(r.hours),
  }));
  const valuationData: BarDatum[] = rows
    .filter((r) => r.valuation !== null)
    .map((r) => ({ key: r.key, label: r.label, value: r.valuation ?? 0, display: formatEuros(r.valuation) }));

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
    <Page title="Rapports" intro="Les heures validées par les RH, et leur valorisation, sur votre périmètre.">
      <Form
        form={form}
        onSubmit={(event) => event.preventDefault()}
        className="form form--wide"
        aria-label="Paramètres du rapport"
      >
        <div className="grid grid--3">
          <SelectField
            name="year"
            label="Année"
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: y }))}
          />
          <SelectField
            name="groupBy"
            label="Regrouper par"
            value={groupBy}
            onChange={setGroupBy}
            options={GROUPS}
          />
        </div>
      </Form>
      <p className="actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={exportCsv}
          aria-disabled={exporting || undefined}
        >
          {exporting ? 'Export…' : 'Exporter en CSV'}
        </button>
      </p>
      {exportError && (
        <p className="field__error" role="alert">
          {exportError}
        </p>
      )}
      {report.loading ? (
        <Loading label="Calcul du rapport…" />
      ) : report.error ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : rows.length === 0 ? (
        <EmptyState>Aucune heure validée en {year} sur votre périmètre.</EmptyState>
      ) : (
        <div className="stack">
          <dl className="kpis">
            <div className="kpi">
              <dt className="kpi__label">Heures validées</dt>
              <dd className="kpi__value">{formatHours(totals.hours)}</dd>
            </div>
            {totals.participants !== undefined && (
              <div className="kpi">
                <dt className="kpi__label">Participant·es</dt>
                <dd className="kpi__value">{formatNumber(totals.participants)}</dd>
              </div>
            )}
            <div className="kpi">
              <dt className="kpi__label">Valorisation</dt>
              <dd className="kpi__value">{formatEuros(totals.valuation)}</dd>
            </div>
            <div className="kpi">
              <dt className="kpi__label">Réduction d’impôt estimée</dt>
              <dd className="kpi__value">{formatEuros(totals.taxReduction)}</dd>
            </div>
          </dl>
          <BarChart
            caption={`Heures validées par ${groupLabel.toLowerCase()}, ${year}`}
            valueLabel="Heures"
            data={hoursData}
          />
          {valuationData.length > 0 && (
            <BarChart
              caption={`Valorisation par ${groupLabel.toLowerCase()}, ${year}`}
              valueLabel="Valorisation"
              data={valuationData}
              alt
            />
          )}
          <p className="muted">
            Valorisation : heures × coût horaire chargé, plafonnée à 3 fois le plafond annuel de la Sécurité
            sociale par salarié·e. La réduction d’impôt est une estimation : le calcul fiscal définitif se
            fait par entité juridique.
          </p>
        </div>
      )}
    </Page>
  );
}
