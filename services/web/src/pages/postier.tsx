import { useState } from 'react';
import { ActionError } from '../components/action-error';
import { CommuneCombobox, type CommuneValue } from '../components/commune-combobox';
import { CheckboxField, CheckboxGroup, SelectField, SubmitButton, TextField } from '../components/fields';
import { MoreButton } from '../components/more-button';
import { EmptyState, ErrorState, Loading, Notice, Page } from '../components/page';
import { ReasonList, ScoreText } from '../components/reasons';
import { type PickedSkill, SkillsPicker } from '../components/skills-picker';
import {
  ApplicationStatusBadge,
  HrStatusBadge,
  MissionStatusBadge,
  modeLabel,
  TimeEntryStatusBadge,
} from '../components/status';
import { YearPicker } from '../components/year-picker';
import { api, errorMessage, isMissingRoute } from '../lib/api';
import { Form, useForm } from '../lib/form';
import { formatDate, formatHours, formatPeriod, plural, todayInParis } from '../lib/format';
import { useMe } from '../lib/me';
import { useDomains } from '../lib/reference';
import { Link } from '../lib/router';
import { profileSchema, timeEntrySchema, toNumber } from '../lib/schemas';
import type {
  Page as ApiPage,
  ApplicationItem,
  BusinessUnit,
  ItemList,
  Me,
  MyTimeEntries,
  Recommendation,
  TimeEntry,
} from '../lib/types';
import { useAsync } from '../lib/use-api';
import { usePagedList } from '../lib/use-paged-list';
import { useReturnFocus } from '../lib/use-return-focus';

/* ------------------------------------------------------------------------------------------------
 * Profile
 * --------------------------------------------------------------------------------------------- */

const PROFILE_LABELS: Record<string, string> = {
  businessUnitId: 'Branche',
  communeCode: 'Commune de travail',
  mobilityRadiusKm: 'Rayon de mobilité',
  remoteOk: 'À distance',
  availableFrom: 'Disponible à partir du',
  availableTo: 'Disponible jusqu’au',
  matchingOptIn: 'Propositions de missions',
  skills: 'Compétences',
  domains: 'Domaines d’action',
};

interface ProfileDraft {
  businessUnitId: string;
  commune: CommuneValue | null;
  mobilityRadiusKm: string;
  remoteOk: boolean;
  availableFrom: string;
  availableTo: string;
  matchingOptIn: boolean;
  skills: PickedSkill[];
  domains: string[];
}

function draftOf(me: Me): ProfileDraft {
  const p = me.profile;
  return {
    businessUnitId: p?.businessUnitId ?? '',
    commune: p?.communeCode ? { code: p.communeCode, name: p.communeName ?? p.communeCode } : null,
    mobilityRadiusKm: String(p?.mobilityRadiusKm ?? 20),
    remoteOk: p?.remoteOk ?? true,
    availableFrom: p?.availableFrom ?? '',
    availableTo: p?.availableTo ?? '',
    matchingOptIn: p?.matchingOptIn ?? false,
    skills: (p?.skills ?? []).map((s) => ({ code: s.code, level: s.level })),
    domains: p?.domains ?? [],
  };
}

function ProfileForm({ me, onSaved }: { me: Me; onSaved: (me: Me) => void }) {
  const form = useForm({ fields: Object.keys(PROFILE_LABELS) });
  const domains = useDomains();
  const units = useAsync((signal) => api.get<ItemList<BusinessUnit>>('/business-units', { signal }), []);
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(me));
  const [saved, setSaved] = useState(false);
  const set =
    <K extends keyof ProfileDraft>(key: K) =>
    (value: ProfileDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = form.handleSubmit(async () => {
    setSaved(false);
    const input = form.validate(profileSchema, {
      communeCode: draft.commune?.code ?? null,
      mobilityRadiusKm: toNumber(draft.mobilityRadiusKm),
      remoteOk: draft.remoteOk,
      availableFrom: draft.availableFrom,
      availableTo: draft.availableTo,
      matchingOptIn: draft.matchingOptIn,
      skills: draft.skills.map((s) => ({ code: s.code, level: s.level })),
      domains: draft.domains,
    });
    if (!input) return;
    const updated = await api.patch<Me>('/me', {
      businessUnitId: draft.businessUnitId || null,
      communeCode: input.communeCode || null,
      mobilityRadiusKm: input.mobilityRadiusKm,
      remoteOk: input.remoteOk,
      availableFrom: input.availableFrom || null,
      availableTo: input.availableTo || null,
      matchingOptIn: input.matchingOptIn,
      skills: input.skills,
      domains: input.domains,
    });
    onSaved(updated);
    setSaved(true);
    document.getElementById(form.fieldId('saved'))?.focus();
  });

  return (
    <Form form={form} onSubmit={onSubmit} labels={PROFILE_LABELS}>
      <div id={form.fieldId('saved')} tabIndex={-1}>
        {saved && (
          <Notice>
            Votre profil est enregistré. Vos <Link to="/recommandations">recommandations</Link> seront mises à
            jour dans quelques instants.
          </Notice>
        )}
      </div>

      <section aria-labelledby="p-matching">
        <h2 id="p-matching">Propositions de missions</h2>
        <CheckboxField
          name="matchingOptIn"
          label="Je souhaite recevoir des propositions de missions adaptées à mon profil"
          hint="Les associations ne voient ni votre nom ni votre adresse tant que vous n’avez pas candidaté."
          checked={draft.matchingOptIn}
          onChange={set('matchingOptIn')}
        />
      </section>

      <section aria-labelledby="p-where">
        <h2 id="p-where">Où et quand</h2>
        {units.data && units.data.items.length > 0 && (
          <SelectField
            name="businessUnitId"
            label="Ma branche"
            hint="Elle détermine votre quota annuel d’heures et les RH qui valident vos heures."
            optional
            placeholder="Non renseignée"
            value={draft.businessUnitId}
            onChange={set('businessUnitId')}
            options={units.data.items.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <CommuneCombobox
          name="communeCode"
          label="Ma commune de travail"
          hint="Tapez au moins 2 lettres ou un code postal, puis choisissez dans la liste."
          optional
          value={draft.commune}
          onChange={set('commune')}
        />
        <TextField
          name="mobilityRadiusKm"
          label="Je peux me déplacer jusqu’à (en km)"
          hint="Autour de ma commune de travail, de 0 à 300 km."
          type="number"
          inputMode="numeric"
          min={0}
          max={300}
          step={5}
          className="input--short-field"
          value={draft.mobilityRadiusKm}
          onChange={set('mobilityRadiusKm')}
        />
        <CheckboxField
          name="remoteOk"
          label="J’accepte les missions à distance"
          checked={draft.remoteOk}
          onChange={set('remoteOk')}
        />
        <div className="grid grid--2">
          <TextField
            name="availableFrom"
            label="Disponible à partir du"
            type="date"
            optional
            value={draft.availableFrom}
            onChange={set('availableFrom')}
          />
          <TextField
            name="availableTo"
            label="Disponible jusqu’au"
            type="date"
            optional
            value={draft.availableTo}
            onChange={set('availableTo')}
          />
        </div>
      </section>

      <section aria-labelledby="p-skills">
        <h2 id="p-skills">Mes compétences</h2>
        <SkillsPicker
          name="skills"
          legend="Compétences et niveaux"
          hint="Niveaux : 1 Notions, 2 Pratique, 3 Maîtrise, 4 Expertise. 30 compétences au plus."
          value={draft.skills}
          onChange={set('skills')}
        />
      </section>

      <section aria-labelledby="p-domains">
        <h2 id="p-domains">Ce qui m’intéresse</h2>
        {domains.loading ? (
          <Loading label="Chargement des domaines…" />
        ) : domains.error ? (
          <ErrorState error={domains.error} />
        ) : (
          <CheckboxGroup
            name="domains"
            legend="Domaines d’action de l’Alliance Dynamique"
            optional
            className="choices--columns"
            values={draft.domains}
            onChange={set('domains')}
            options={domains.items.map((d) => ({ value: d.code, label: d.label }))}
          />
        )}
      </section>

      <div className="form__actions">
        <SubmitButton busyLabel="Enregistrement…">Enregistrer mon profil</SubmitButton>
      </div>
    </Form>
  );
}

export function ProfilePage() {
  const me = useMe();
  return (
    <Page
      title="Mon profil"
      intro="Votre profil sert à vous proposer des missions qui vous correspondent. Seul·e vous le voyez en entier."
    >
      {me.loading ? (
        <Loading />
      ) : me.error || !me.data ? (
        <ErrorState error={me.error} onRetry={me.reload} />
      ) : (
        <ProfileForm me={me.data} onSaved={(updated) => me.setData(updated)} />
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Recommendations
 * --------------------------------------------------------------------------------------------- */

function RecommendationCard({ recommendation }: { recommendation: Recommendation }) {
  const domains = useDomains();
  const m = recommendation.mission;
  return (
    <article className="result">
      <h2 className="result__title">
        <Link to={`/missions/${m.id}`}>{m.title}</Link>
      </h2>
      <p className="muted">{m.association.name}</p>
      <ul className="meta">
        <li>{modeLabel(m.mode)}</li>
        <li>{domains.label(m.domainCode)}</li>
        <li>{formatPeriod(m.startDate, m.endDate)}</li>
        <li>{formatHours(m.hoursTotal)} au total</li>
      </ul>
      <p>
        <ScoreText score={recommendation.score} />
      </p>
      <details>
        <summary>
          Pourquoi cette mission vous correspond<span className="visually-hidden"> : {m.title}</span>
        </summary>
        <ReasonList reasons={recommendation.reasons} />
      </details>
    </article>
  );
}

export function RecommendationsPage() {
  const me = useMe();
  const recs = usePagedList<Recommendation>('/me/recommendations', {}, { idOf: (r) => r.mission.id });
  const optedIn = me.data?.profile?.matchingOptIn;

  return (
    <Page
      title="Missions pour moi"
      documentTitle="Recommandations"
      intro="Les missions publiées qui correspondent le mieux à votre profil, et pourquoi."
    >
      {me.data && optedIn === false && (
        <Notice kind="info">
          Vous ne recevez pas de propositions de missions.{' '}
          <Link to="/mon-compte/profil">Activez-les dans votre profil</Link> pour que Passerelle vous en
          recommande.
        </Notice>
      )}
      {recs.loading && recs.items.length === 0 ? (
        <Loading label="Chargement des recommandations…" />
      ) : isMissingRoute(recs.error) ? (
        <EmptyState action={<Link to="/missions">Chercher parmi toutes les missions</Link>}>
          Les recommandations personnalisées sont bientôt disponibles. Complétez dès maintenant votre{' '}
          <Link to="/mon-compte/profil">profil</Link> : elles en tiendront compte.
        </EmptyState>
      ) : recs.error && recs.items.length === 0 ? (
        <ErrorState error={recs.error} onRetry={recs.reload} />
      ) : recs.items.length === 0 ? (
        <EmptyState action={<Link to="/missions">Chercher parmi toutes les missions</Link>}>
          Aucune recommandation pour l’instant. Complétez votre <Link to="/mon-compte/profil">profil</Link>{' '}
          (compétences, commune, disponibilités) : les recommandations se mettent à jour quelques instants
          après.
        </EmptyState>
      ) : (
        <>
          <p className="results__count">
            {plural(recs.total, 'mission recommandée', 'missions recommandées')}
          </p>
          <ul className="results">
            {recs.items.map((r) => (
              <li key={r.mission.id}>
                <RecommendationCard recommendation={r} />
              </li>
            ))}
          </ul>
          <MoreButton list={recs} noun="recommandations" />
        </>
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * My applications
 * --------------------------------------------------------------------------------------------- */

function WithdrawButton({
  application,
  onDone,
}: {
  application: ApplicationItem;
  onDone: (a: ApplicationItem) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const openerRef = useReturnFocus<HTMLButtonElement>(confirming);
  if (!confirming) {
    return (
      <button
        ref={openerRef}
        type="button"
        className="button button--small button--secondary"
        onClick={() => setConfirming(true)}
      >
        Retirer ma candidature<span className="visually-hidden"> à « {application.mission.title} »</span>
      </button>
    );
  }
  return (
    <fieldset className="inline-form fieldset">
      <legend className="confirm__question">
        {application.status === 'accepted'
          ? `Retirer votre candidature à « ${application.mission.title} » ? Vous avez été accepté·e : vous libérez votre place.`
          : `Retirer votre candidature à « ${application.mission.title} » ?`}
      </legend>
      <ActionError message={error} />
      <div className="actions">
        <button
          type="button"
          className="button button--small button--danger"
          aria-disabled={busy || undefined}
          // biome-ignore lint/a11y/noAutofocus: the confirmation just opened on request; its button takes the focus
          autoFocus
          onClick={() => {
            if (busy) return;
            setBusy(true);
            setError(null);
            api
              .post<ApplicationItem>(`/applications/${application.id}/withdraw`)
              .then((updated) =>
                onDone({
                  ...application,
                  ...updated,
                  mission: application.mission,
                  association: application.association,
                }),
              )
              .catch((err: unknown) => setError(errorMessage(err)))
              .finally(() => setBusy(false));
          }}
        >
          {busy ? 'Retrait…' : 'Oui, retirer'}
        </button>
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => setConfirming(false)}
        >
          Non, garder
        </button>
      </div>
    </fieldset>
  );
}

export function ApplicationsPage() {
  const list = usePagedList<ApplicationItem>('/me/applications', {});
  return (
    <Page title="Mes candidatures">
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState action={<Link to="/missions">Trouver une mission</Link>}>
          Vous n’avez pas encore candidaté.
        </EmptyState>
      ) : (
        <>
          <p className="results__count">{plural(list.total, 'candidature', 'candidatures')}</p>
          <ul className="results">
            {list.items.map((a) => (
              <li key={a.id} className="result">
                <h2 className="result__title">
                  <Link to={`/missions/${a.mission.id}`}>{a.mission.title}</Link>
                </h2>
                <p className="muted">
                  {a.association.name} · {formatPeriod(a.mission.startDate, a.mission.endDate)}
                  {a.mission.status !== 'published' && (
                    <>
                      {' '}
                      · mission <MissionStatusBadge status={a.mission.status} />
                    </>
                  )}
                </p>
                <p className="actions">
                  <ApplicationStatusBadge status={a.status} />
                  {a.hrStatus && <HrStatusBadge status={a.hrStatus} />}
                  <span className="muted">Envoyée le {formatDate(a.createdAt)}</span>
                </p>
                {a.decisionReason && (
                  <p>
                    <strong>Message de l’association :</strong> {a.decisionReason}
                  </p>
                )}
                {a.status === 'accepted' && a.hrStatus === 'pending' && (
                  <p className="muted">
                    Votre participation attend l’accord des RH pour le temps de travail.
                  </p>
                )}
                {a.status === 'accepted' && a.hrStatus === 'approved' && (
                  <p>
                    <Link to="/mes-heures">Déclarer mes heures</Link>
                  </p>
                )}
                {(a.status === 'submitted' || a.status === 'accepted') && (
                  <WithdrawButton application={a} onDone={list.replace} />
                )}
              </li>
            ))}
          </ul>
          <MoreButton list={list} noun="candidatures" />
        </>
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * My hours
 * --------------------------------------------------------------------------------------------- */

const ENTRY_LABELS = { applicationId: 'Mission', date: 'Jour', hours: 'Heures', note: 'Note' };

function LogHoursForm({
  participations,
  onLogged,
}: {
  participations: ApplicationItem[];
  onLogged: (entry: TimeEntry, missionTitle: string) => void;
}) {
  const form = useForm({ fields: Object.keys(ENTRY_LABELS) });
  const [values, setValues] = useState({
    applicationId: participations.length === 1 ? (participations[0]?.id ?? '') : '',
    date: todayInParis(),
    hours: '',
    note: '',
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const chosen = participations.find((p) => p.id === values.applicationId);

  const onSubmit = form.handleSubmit(async () => {
    const input = form.validate(timeEntrySchema, { ...values, hours: toNumber(values.hours) });
    if (!input) return;
    if (input.date > todayInParis()) {
      form.fail({ date: 'On ne déclare pas d’heures pour un jour à venir.' });
      return;
    }
    if (chosen && (input.date < chosen.mission.startDate || input.date > chosen.mission.endDate)) {
      form.fail({
        date: `Le jour doit être compris dans la mission, ${formatPeriod(chosen.mission.startDate, chosen.mission.endDate)}.`,
      });
      return;
    }
    const entry = await api.post<TimeEntry>(`/applications/${input.applicationId}/time-entries`, {
      date: input.date,
      hours: input.hours,
      note: input.note,
    });
    onLogged(entry, chosen?.mission.title ?? '');
    setValues((v) => ({ ...v, hours: '', note: '' }));
  });

  return (
    <Form form={form} onSubmit={onSubmit} labels={ENTRY_LABELS} aria-labelledby="log-title">
      <SelectField
        name="applicationId"
        label="Mission"
        placeholder="Choisir…"
        value={values.applicationId}
        onChange={set('applicationId')}
        options={participations.map((p) => ({
          value: p.id,
          label: `${p.mission.title} (${p.association.name})`,
        }))}
      />
      <div className="grid grid--3">
        <TextField
          name="date"
          label="Jour"
          type="date"
          hint={
            chosen ? `Mission ${formatPeriod(chosen.mission.startDate, chosen.mission.endDate)}.` : undefined
          }
          max={todayInParis()}
          value={values.date}
          onChange={set('date')}
        />
        <TextField
          name="hours"
          label="Heures"
          hint="Par quarts d’heure, 10 h par jour au plus. Par exemple 2,5."
          inputMode="decimal"
          value={values.hours}
          onChange={set('hours')}
        />
      </div>
      <TextField
        name="note"
        label="Ce que vous avez fait"
        optional
        maxLength={1000}
        value={values.note}
        onChange={set('note')}
      />
      <div className="form__actions">
        <SubmitButton busyLabel="Envoi…">Déclarer ces heures</SubmitButton>
      </div>
    </Form>
  );
}

export function HoursPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const entries = useAsync(
    (signal) => api.get<MyTimeEntries>('/me/time-entries', { signal, query: { year } }),
    [year],
  );
  const participations = useAsync(
    (signal) =>
      api.get<ApiPage<ApplicationItem>>('/me/applications', {
        signal,
        query: { status: 'accepted', limit: 100 },
      }),
    [],
  );
  const [logged, setLogged] = useState<string | null>(null);
  const approved = participations.data?.items.filter((a) => a.hrStatus === 'approved') ?? [];
  const waiting = participations.data?.items.filter((a) => a.hrStatus === 'pending') ?? [];
  const quota = entries.data?.quota;

  return (
    <Page title="Mes heures">
      {entries.loading && !entries.data ? (
        <Loading />
      ) : entries.error && isMissingRoute(entries.error) ? (
        <Notice kind="info">La déclaration des heures est bientôt disponible.</Notice>
      ) : entries.error ? (
        <ErrorState error={entries.error} onRetry={entries.reload} />
      ) : quota ? (
        <section className="card card--soft" aria-labelledby="quota-title">
          <h2 id="quota-title">Mon quota {quota.year}</h2>
          <p>
            <strong>{formatHours(quota.remaining)}</strong> restantes sur {formatHours(quota.quota)} :{' '}
            {formatHours(quota.validated)} validées par les RH, {formatHours(quota.pending)} en cours de
            validation.
          </p>
          <div className="progress" aria-hidden="true">
            <div
              className="progress__bar"
              style={{
                width: `${quota.quota > 0 ? Math.min(100, ((quota.validated + quota.pending) / quota.quota) * 100) : 0}%`,
              }}
            />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="log-title">
        <h2 id="log-title">Déclarer des heures</h2>
        <div role="status">{logged && <Notice>{logged}</Notice>}</div>
        {participations.loading ? (
          <Loading />
        ) : participations.error ? (
          <ErrorState error={participations.error} onRetry={participations.reload} />
        ) : approved.length === 0 ? (
          <EmptyState action={<Link to="/mes-candidatures">Voir mes candidatures</Link>}>
            {waiting.length > 0
              ? `Votre participation à « ${waiting[0]?.mission.title} » attend l’accord des RH : vous pourrez déclarer vos heures ensuite.`
              : 'Les heures se déclarent sur une mission où l’association vous a accepté·e et dont les RH ont approuvé le temps.'}
          </EmptyState>
        ) : (
          <LogHoursForm
            participations={approved}
            onLogged={(entry, title) => {
              setLogged(
                `${formatHours(entry.hours)} déclarées pour « ${title} » le ${formatDate(entry.date)}. L’association va les confirmer.`,
              );
              if (Number(entry.date.slice(0, 4)) === year) entries.reload();
              else setYear(Number(entry.date.slice(0, 4)));
            }}
          />
        )}
      </section>

      <section aria-labelledby="entries-title">
        <h2 id="entries-title">Mes déclarations</h2>
        <YearPicker years={[thisYear, thisYear - 1]} value={year} onChange={setYear} />
        {entries.loading ? (
          <Loading />
        ) : entries.error ? null : !entries.data || entries.data.items.length === 0 ? (
          <EmptyState>Aucune heure déclarée en {year}.</EmptyState>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
          <section className="table-wrap" aria-labelledby="entries-caption" tabIndex={0}>
            <table>
              <caption id="entries-caption">Heures déclarées en {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Jour</th>
                  <th scope="col">Mission</th>
                  <th scope="col" className="num">
                    Heures
                  </th>
                  <th scope="col">Statut</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">{formatDate(e.date)}</th>
                    <td>
                      <Link to={`/missions/${e.mission.id}`}>{e.mission.title}</Link>
                      {e.note && <div className="muted">{e.note}</div>}
                    </td>
                    <td className="num">{formatHours(e.hours)}</td>
                    <td>
                      <TimeEntryStatusBadge status={e.status} />
                      {e.rejectionReason && <div className="muted">Motif : {e.rejectionReason}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </Page>
  );
}
