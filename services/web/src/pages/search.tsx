import { MISSION_MODE_LABELS, MISSION_MODES } from '@passerelle/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CommuneCombobox, type CommuneValue, fetchCommune } from '../components/commune-combobox';
import { SelectField, SubmitButton, TextField } from '../components/fields';
import { MissionCard } from '../components/mission-card';
import { EmptyState, ErrorState, Loading, Page } from '../components/page';
import { api, isApiError } from '../lib/api';
import { Form, useForm } from '../lib/form';
import { formatNumber, plural } from '../lib/format';
import { useDepartements, useDomains, useRegions, useSkills } from '../lib/reference';
import { Link, navigate, useSearchParams, withQuery } from '../lib/router';
import type { Page as ApiPage, MissionSummary } from '../lib/types';

/* ------------------------------------------------------------------------------------------------
 * Search
 * --------------------------------------------------------------------------------------------- */

interface Filters {
  q: string;
  skills: string[];
  region: string;
  departement: string;
  mode: string;
  domain: string;
  from: string;
  to: string;
  near: string;
  radiusKm: string;
  sort: string;
}

const EMPTY_FILTERS: Filters = {
  q: '',
  skills: [],
  region: '',
  departement: '',
  mode: '',
  domain: '',
  from: '',
  to: '',
  near: '',
  radiusKm: '',
  sort: '',
};

const RADII = ['5', '10', '20', '30', '50', '100', '200'];
const PAGE_SIZE = 20;

function readFilters(params: URLSearchParams): Filters {
  const get = (key: string) => params.get(key)?.trim() ?? '';
  return {
    q: get('q'),
    skills: get('skills')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    region: get('region'),
    departement: get('departement'),
    mode: get('mode'),
    domain: get('domain'),
    from: get('from'),
    to: get('to'),
    near: get('near'),
    radiusKm: get('near') ? get('radiusKm') : '',
    sort: get('sort'),
  };
}

/** The api's query for these filters (also the page's own query string). */
function toQuery(f: Filters): Record<string, string | undefined> {
  const sort = f.sort === 'distance' && !f.near ? '' : f.sort === 'relevance' && !f.q ? '' : f.sort;
  return {
    q: f.q || undefined,
    skills: f.skills.length > 0 ? f.skills.join(',') : undefined,
    region: f.region || undefined,
    departement: f.departement || undefined,
    mode: f.mode || undefined,
    domain: f.domain || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
    near: f.near || undefined,
    radiusKm: f.near && f.radiusKm ? f.radiusKm : undefined,
    sort: sort || undefined,
  };
}

const FILTER_LABELS: Record<string, string> = {
  q: 'Mots-clés',
  skills: 'Compétences',
  region: 'Région',
  departement: 'Département',
  mode: 'Modalité',
  domain: 'Domaine d’action',
  from: 'Disponible à partir du',
  to: 'Jusqu’au',
  near: 'Près de',
  radiusKm: 'Rayon',
  sort: 'Tri',
};

function SkillFilter({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  const skills = useSkills();
  const form = useForm();
  const groups = useMemo(() => {
    const map = new Map<string, { label: string; items: { code: string; label: string }[] }>();
    for (const s of skills.items) {
      const g = map.get(s.categoryCode) ?? { label: s.categoryLabel, items: [] };
      g.items.push({ code: s.code, label: s.label });
      map.set(s.categoryCode, g);
    }
    return [...map.values()].sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  }, [skills.items]);
  const id = `${form.idPrefix}-skill-filter`;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        Compétences
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Les missions qui demandent toutes les compétences choisies.
      </p>
      {value.length > 0 && (
        <ul className="tags" aria-label="Compétences choisies">
          {value.map((code) => (
            <li key={code} className="tag">
              {skills.label(code)}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => onChange(value.filter((c) => c !== code))}
              >
                Retirer<span className="visually-hidden"> la compétence {skills.label(code)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <select
        id={id}
        className="input select"
        aria-describedby={`${id}-hint`}
        value=""
        onChange={(event) => {
          const code = event.target.value;
          if (code && !value.includes(code)) onChange([...value, code]);
        }}
      >
        <option value="">{skills.loading ? 'Chargement…' : 'Ajouter une compétence…'}</option>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.items.map((s) => (
              <option key={s.code} value={s.code} disabled={value.includes(s.code)}>
                {s.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function SearchPage() {
  const params = useSearchParams();
  const applied = useMemo(() => readFilters(params), [params]);
  const appliedKey = JSON.stringify(toQuery(applied));
  const [draft, setDraft] = useState<Filters>(applied);
  const [nearCommune, setNearCommune] = useState<CommuneValue | null>(null);
  const form = useForm({ fields: Object.keys(FILTER_LABELS) });
  const regions = useRegions();
  const departements = useDepartements();
  const domains = useDomains();
  const [filtersOpen] = useState(
    () => typeof window === 'undefined' || window.matchMedia('(min-width: 60rem)').matches,
  );

  // Back and forward restore the filters of that search.
  useEffect(() => {
    setDraft(applied);
  }, [appliedKey]);

  // The commune of a shared or restored search: its name, from its code.
  useEffect(() => {
    if (!applied.near) {
      setNearCommune(null);
      return;
    }
    if (nearCommune?.code === applied.near) return;
    let live = true;
    void fetchCommune(applied.near).then((c) => {
      if (live) setNearCommune(c ?? { code: applied.near, name: applied.near });
    });
    return () => {
      live = false;
    };
  }, [applied.near, nearCommune?.code]);

  // Results: the first page follows the address; "Afficher plus" appends the next ones.
  const [items, setItems] = useState<MissionSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [moreState, setMoreState] = useState<{ loading: boolean; error: unknown }>({
    loading: false,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const firstNewRef = useRef<HTMLAnchorElement | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setStatus('loading');
    setError(null);
    setMoreState({ loading: false, error: null });
    api
      .get<ApiPage<MissionSummary>>('/missions', {
        query: { ...toQuery(applied), limit: PAGE_SIZE },
        signal: controller.signal,
      })
      .then((page) => {
        setItems(page.items);
        setTotal(page.total);
        setNextCursor(page.nextCursor);
        setStatus('ready');
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setStatus('error');
        if (isApiError(err) && err.fieldErrors.length > 0) form.failFromApi(err);
      });
    return () => controller.abort();
  }, [appliedKey, attempt]);

  useEffect(() => {
    if (focusIndex !== null) {
      firstNewRef.current?.focus();
      setFocusIndex(null);
    }
  }, [focusIndex]);

  const loadMore = () => {
    if (!nextCursor || moreState.loading) return;
    setMoreState({ loading: true, error: null });
    api
      .get<ApiPage<MissionSummary>>('/missions', {
        query: { ...toQuery(applied), limit: PAGE_SIZE, cursor: nextCursor },
      })
      .then((page) => {
        setFocusIndex(items.length);
        setItems((prev) => [...prev, ...page.items]);
        setNextCursor(page.nextCursor);
        setTotal(page.total);
        setMoreState({ loading: false, error: null });
      })
      .catch((err: unknown) => setMoreState({ loading: false, error: err }));
  };

  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = form.handleSubmit(() => {
    if (draft.from && draft.to && draft.from > draft.to) {
      form.fail({ to: 'La date de fin doit suivre la date de début.' });
      return;
    }
    form.clear();
    navigate(withQuery('/missions', toQuery(draft)));
  });

  const visibleDepartements = draft.region
    ? departements.items.filter((d) => d.regionCode === draft.region)
    : departements.items;
  const activeCount = Object.entries(toQuery(applied)).filter(
    ([k, v]) => v !== undefined && k !== 'q' && k !== 'sort',
  ).length;

  return (
    <Page
      title="Trouver une mission"
      intro="Des missions de mécénat de compétences proposées par les associations labellisées de l’Alliance Dynamique."
    >
      <Form
        form={form}
        onSubmit={onSubmit}
        labels={FILTER_LABELS}
        className="form form--wide"
        aria-label="Recherche de missions"
      >
        <div className="search__query">
          <TextField
            name="q"
            label="Mots-clés"
            hint="Par exemple « numérique », « comptabilité », « tri des déchets »."
            type="search"
            optional
            value={draft.q}
            onChange={set('q')}
          />
          <SubmitButton busyLabel="Recherche…">Rechercher</SubmitButton>
        </div>

        <div className="search">
          <details className="filters" open={filtersOpen}>
            <summary>
              <h2 className="filters__title">
                Filtres{activeCount > 0 ? ` (${activeCount} actif${activeCount > 1 ? 's' : ''})` : ''}
              </h2>
            </summary>
            <SkillFilter value={draft.skills} onChange={set('skills')} />
            <SelectField
              name="region"
              label="Région"
              optional
              placeholder="Toutes les régions"
              value={draft.region}
              onChange={(region) =>
                setDraft((d) => ({
                  ...d,
                  region,
                  departement:
                    region && departements.items.find((x) => x.code === d.departement)?.regionCode !== region
                      ? ''
                      : d.departement,
                }))
              }
              options={regions.items.map((r) => ({ value: r.code, label: r.name }))}
            />
            <SelectField
              name="departement"
              label="Département"
              optional
              placeholder="Tous les départements"
              value={draft.departement}
              onChange={set('departement')}
              options={visibleDepartements.map((d) => ({ value: d.code, label: `${d.code} · ${d.name}` }))}
            />
            <SelectField
              name="mode"
              label="Modalité"
              optional
              placeholder="Toutes"
              value={draft.mode}
              onChange={set('mode')}
              options={MISSION_MODES.map((m) => ({ value: m, label: MISSION_MODE_LABELS[m] }))}
            />
            <SelectField
              name="domain"
              label="Domaine d’action"
              optional
              placeholder="Tous les domaines"
              value={draft.domain}
              onChange={set('domain')}
              options={domains.items.map((d) => ({ value: d.code, label: d.label }))}
            />
            <TextField
              name="from"
              label="Disponible à partir du"
              type="date"
              optional
              value={draft.from}
              onChange={set('from')}
            />
            <TextField
              name="to"
              label="Jusqu’au"
              type="date"
              optional
              value={draft.to}
              onChange={set('to')}
            />
            <CommuneCombobox
              name="near"
              label="Près de la commune"
              hint="Tapez au moins 2 lettres ou un code postal."
              optional
              value={
                draft.near
                  ? nearCommune?.code === draft.near
                    ? nearCommune
                    : { code: draft.near, name: draft.near }
                  : null
              }
              onChange={(c) => {
                setNearCommune(c);
                setDraft((d) => ({ ...d, near: c?.code ?? '', radiusKm: c ? d.radiusKm || '20' : '' }));
              }}
            />
            {draft.near && (
              <SelectField
                name="radiusKm"
                label="Dans un rayon de"
                value={draft.radiusKm || '20'}
                onChange={set('radiusKm')}
                options={RADII.map((r) => ({ value: r, label: `${r} km` }))}
              />
            )}
            {(draft.q || draft.near) && (
              <SelectField
                name="sort"
                label="Trier par"
                optional
                placeholder={draft.q ? 'Pertinence' : 'Date de publication'}
                value={draft.sort}
                onChange={set('sort')}
                options={[
                  ...(draft.q ? [{ value: 'date', label: 'Date de publication' }] : []),
                  ...(draft.near ? [{ value: 'distance', label: 'Distance' }] : []),
                ]}
              />
            )}
            <div className="actions">
              <button type="submit" className="button button--primary">
                Appliquer les filtres
              </button>
              <Link
                to="/missions"
                className="button button--secondary"
                onClick={() => setDraft(EMPTY_FILTERS)}
              >
                Effacer
              </Link>
            </div>
          </details>

          <section aria-labelledby="results-title">
            <h2 id="results-title" className="visually-hidden">
              Résultats
            </h2>
            <p className="results__count" role="status">
              {status === 'ready'
                ? total === 0
                  ? 'Aucune mission trouvée'
                  : `${plural(total, 'mission trouvée', 'missions trouvées')}`
                : status === 'loading'
                  ? 'Recherche en cours…'
                  : ''}
            </p>
            {status === 'loading' ? (
              <Loading label="Chargement des missions…" />
            ) : status === 'error' ? (
              <ErrorState error={error} onRetry={() => setAttempt((n) => n + 1)} />
            ) : items.length === 0 ? (
              <EmptyState action={<Link to="/missions">Voir toutes les missions</Link>}>
                Aucune mission ne correspond à ces critères. Essayez d’élargir le rayon, de retirer un filtre
                ou d’autres mots-clés.
              </EmptyState>
            ) : (
              <>
                <ul className="results">
                  {items.map((m, index) => (
                    <li key={m.id}>
                      <MissionCard mission={m} linkRef={index === focusIndex ? firstNewRef : undefined} />
                    </li>
                  ))}
                </ul>
                {moreState.error ? <ErrorState error={moreState.error} onRetry={loadMore} /> : null}
                {nextCursor && (
                  <p className="more">
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={loadMore}
                      aria-disabled={moreState.loading || undefined}
                    >
                      {moreState.loading
                        ? 'Chargement…'
                        : `Afficher plus de missions (${formatNumber(Math.max(0, total - items.length))} restantes)`}
                    </button>
                  </p>
                )}
              </>
            )}
          </section>
        </div>
      </Form>
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Accessibility statement
 * --------------------------------------------------------------------------------------------- */

export function AccessibilityPage() {
  return (
    <Page title="Accessibilité">
      <p>
        Passerelle vise la conformité au référentiel général d’amélioration de l’accessibilité (RGAA 4.1), qui
        reprend les critères WCAG 2.1 de niveau AA.
      </p>
      <h2>État de conformité</h2>
      <p>Passerelle est partiellement conforme : l’audit complet n’a pas encore été réalisé.</p>
      <h2>Ce que nous avons fait</h2>
      <ul>
        <li>Toutes les pages se parcourent et s’utilisent au clavier ; le focus reste visible.</li>
        <li>
          Chaque champ de formulaire a une étiquette ; les erreurs sont écrites à côté du champ et résumées en
          haut.
        </li>
        <li>
          Les contrastes de couleurs respectent le niveau AA ; le jaune ne sert que de fond, sous du texte
          foncé.
        </li>
        <li>Les graphiques sont doublés de tableaux de données.</li>
        <li>Les pages restent utilisables sur un écran de 320 pixels de large et avec un zoom à 200 %.</li>
      </ul>
      <h2>Signaler un problème</h2>
      <p>
        Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez à votre correspondant·e
        régional·e de l’Alliance Dynamique : nous vous répondrons et vous proposerons une alternative.
      </p>
    </Page>
  );
}
