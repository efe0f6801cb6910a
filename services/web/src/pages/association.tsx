import {
  MISSION_MODE_LABELS,
  MISSION_MODES,
  MISSION_STATUS_LABELS,
  MISSION_STATUSES,
  type MissionStatus,
  TIME_ENTRY_STATUSES,
  type TimeEntryStatus,
} from '@passerelle/domain';
import { type ReactNode, useEffect, useState } from 'react';
import { ActionError } from '../components/action-error';
import { BarChart } from '../components/bar-chart';
import { CommuneCombobox, type CommuneValue } from '../components/commune-combobox';
import {
  CheckboxGroup,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../components/fields';
import { MoreButton } from '../components/more-button';
import { EmptyState, ErrorState, Loading, Notice, Page } from '../components/page';
import { ReasonAction } from '../components/reason-action';
import { type PickedSkill, SkillsPicker } from '../components/skills-picker';
import {
  ApplicationStatusBadge,
  HrStatusBadge,
  LabelStatusBadge,
  MissionStatusBadge,
  modeLabel,
  TimeEntryStatusBadge,
} from '../components/status';
import { StatusTabs } from '../components/status-tabs';
import { YearPicker } from '../components/year-picker';
import { api, errorMessage, isApiError } from '../lib/api';
import { Form, useForm } from '../lib/form';
import { formatDate, formatHours, formatNumber, formatPeriod, plural, todayInParis } from '../lib/format';
import { useMe } from '../lib/me';
import { useDomains } from '../lib/reference';
import { Link, navigate, useSearchParams, withQuery } from '../lib/router';
import { addMemberBody, associationSchema, invitationsBody, missionSchema, toNumber } from '../lib/schemas';
import type {
  Applicant,
  Association,
  AssociationMission,
  AssociationStatement,
  AssociationTimeEntry,
  MissionDetail,
  MissionMatches,
  ScoreBand,
  TimeEntry,
} from '../lib/types';
import { useAsync } from '../lib/use-api';
import { usePagedList } from '../lib/use-paged-list';
import { useReturnFocus } from '../lib/use-return-focus';

/* ------------------------------------------------------------------------------------------------
 * My association
 * --------------------------------------------------------------------------------------------- */

const ASSOCIATION_LABELS: Record<string, string> = {
  name: 'Nom',
  rna: 'Numéro RNA',
  siret: 'SIRET',
  description: 'Présentation',
  communeCode: 'Commune du siège',
  domains: 'Domaines d’action',
};

interface AssociationDraft {
  name: string;
  rna: string;
  siret: string;
  description: string;
  commune: CommuneValue | null;
  domains: string[];
}

function AssociationForm({
  initial,
  association,
  onSaved,
  submitLabel,
}: {
  initial: AssociationDraft;
  association?: Association;
  onSaved: (a: Association) => void;
  submitLabel: string;
}) {
  const form = useForm({ fields: Object.keys(ASSOCIATION_LABELS) });
  const domains = useDomains();
  const [draft, setDraft] = useState(initial);
  const set =
    <K extends keyof AssociationDraft>(key: K) =>
    (value: AssociationDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  // RNA and SIRET are locked once the Alliance Dynamique has decided on the label.
  const identifiersLocked =
    association !== undefined &&
    association.labelStatus !== undefined &&
    association.labelStatus !== 'pending';

  const onSubmit = form.handleSubmit(async () => {
    const input = form.validate(associationSchema, {
      name: draft.name,
      rna: draft.rna,
      siret: draft.siret,
      description: draft.description,
      communeCode: draft.commune?.code ?? '',
      domains: draft.domains,
    });
    if (!input) return;
    const body = {
      name: input.name,
      description: input.description,
      communeCode: input.communeCode,
      domains: input.domains,
      ...(identifiersLocked ? {} : { rna: input.rna || null, siret: input.siret || null }),
    };
    const saved = association
      ? await api.patch<Association>(`/associations/${association.id}`, body)
      : await api.post<Association>('/associations', body);
    onSaved(saved);
  });

  return (
    <Form form={form} onSubmit={onSubmit} labels={ASSOCIATION_LABELS}>
      <TextField
        name="name"
        label="Nom de l’association"
        autoComplete="organization"
        value={draft.name}
        onChange={set('name')}
      />
      <fieldset className="fieldset field">
        <legend className="field__label">Identifiants officiels</legend>
        <p className="field__hint">
          Le numéro RNA ou le SIRET (au moins l’un des deux).
          {identifiersLocked &&
            ' Ils ne peuvent plus changer depuis la décision de label : contactez votre correspondant·e régional·e.'}
        </p>
        <div className="grid grid--2">
          <TextField
            name="rna"
            label="Numéro RNA"
            hint="W suivi de 9 chiffres, par exemple W751234567."
            optional
            spellCheck={false}
            autoCapitalize="characters"
            readOnly={identifiersLocked}
            value={draft.rna}
            onChange={set('rna')}
          />
          <TextField
            name="siret"
            label="SIRET"
            hint="14 chiffres, les espaces sont acceptés."
            optional
            inputMode="numeric"
            readOnly={identifiersLocked}
            value={draft.siret}
            onChange={set('siret')}
          />
        </div>
      </fieldset>
      <CommuneCombobox
        name="communeCode"
        label="Commune du siège"
        hint="Tapez au moins 2 lettres ou un code postal, puis choisissez dans la liste."
        value={draft.commune}
        onChange={set('commune')}
      />
      <TextArea
        name="description"
        label="Présentation de l’association"
        hint="Ce que fait l’association, pour qui, où. Les postiers la liront."
        optional
        rows={6}
        maxLength={5000}
        value={draft.description}
        onChange={set('description')}
      />
      {domains.loading ? (
        <Loading label="Chargement des domaines…" />
      ) : domains.error ? (
        <ErrorState error={domains.error} />
      ) : (
        <CheckboxGroup
          name="domains"
          legend="Domaines d’action de l’Alliance Dynamique"
          hint="Au moins un."
          className="choices--columns"
          values={draft.domains}
          onChange={set('domains')}
          options={domains.items.map((d) => ({ value: d.code, label: d.label }))}
        />
      )}
      <div className="form__actions">
        <SubmitButton busyLabel="Enregistrement…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}

function useMyAssociation() {
  const me = useMe();
  const associationId = me.data?.associationId ?? null;
  const association = useAsync(
    (signal) => api.get<Association>(`/associations/${associationId}`, { signal }),
    [associationId],
    { enabled: associationId !== null },
  );
  return {
    loading: me.loading || (associationId !== null && association.loading),
    error: me.error ?? association.error,
    associationId,
    association: association.data,
    setAssociation: association.setData,
    reload: () => {
      me.reload();
      association.reload();
    },
  };
}

/** Renders the page body once the member's association is known, or says how to register one. */
function WithAssociation({ children }: { children: (association: Association) => ReactNode }) {
  const mine = useMyAssociation();
  if (mine.loading) return <Loading />;
  if (mine.error) return <ErrorState error={mine.error} onRetry={mine.reload} />;
  if (!mine.association) {
    return (
      <EmptyState action={<Link to="/association">Enregistrer mon association</Link>}>
        Enregistrez d’abord votre association.
      </EmptyState>
    );
  }
  return <>{children(mine.association)}</>;
}

function LabelExplanation({ association }: { association: Association }) {
  switch (association.labelStatus) {
    case 'pending':
      return (
        <Notice kind="info">
          Votre demande de label est entre les mains de l’équipe Alliance Dynamique. Vous pouvez déjà préparer
          des missions en brouillon : vous les publierez dès le label obtenu.
        </Notice>
      );
    case 'labelled':
      return <Notice>Votre association est labellisée : vous pouvez publier des missions.</Notice>;
    case 'rejected':
      return (
        <Notice kind="warning">
          La demande de label a été refusée
          {association.labelReason ? ` : « ${association.labelReason} »` : '.'}
        </Notice>
      );
    case 'suspended':
      return (
        <Notice kind="warning">
          Le label est suspendu{association.labelReason ? ` : « ${association.labelReason} »` : '.'} Vos
          missions publiées restent visibles, mais vous ne pouvez plus en publier.
        </Notice>
      );
    default:
      return null;
  }
}

function Members({ associationId }: { associationId: string }) {
  const members = useAsync(
    (signal) =>
      api.get<{
        items: { id: string; firstName: string; lastName: string; email: string; memberSince: string }[];
      }>(`/associations/${associationId}/members`, { signal }),
    [associationId],
  );
  const form = useForm({ fields: ['email'] });
  const [email, setEmail] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async () => {
    setAdded(null);
    const input = form.validate(addMemberBody, { email });
    if (!input) return;
    const member = await api.post<{
      id: string;
      firstName: string;
      lastName: string;
      email: string;
      memberSince: string;
    }>(`/associations/${associationId}/members`, input);
    members.setData((prev) => ({ items: [...(prev?.items ?? []), member] }));
    setAdded(`${member.firstName} ${member.lastName}`);
    setEmail('');
  });
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Membres</h2>
      {members.loading ? (
        <Loading />
      ) : members.error ? (
        <ErrorState error={members.error} onRetry={members.reload} />
      ) : (
        <ul>
          {members.data?.items.map((m) => (
            <li key={m.id}>
              {m.firstName} {m.lastName} ({m.email}), depuis le {formatDate(m.memberSince)}
            </li>
          ))}
        </ul>
      )}
      <Form
        form={form}
        onSubmit={onSubmit}
        labels={{ email: 'Adresse e-mail' }}
        aria-labelledby="members-add-title"
      >
        <h3 id="members-add-title">Ajouter un·e collègue</h3>
        {added && <Notice>{added} fait maintenant partie de l’association.</Notice>}
        <TextField
          name="email"
          label="Adresse e-mail de son compte Passerelle"
          hint="Votre collègue crée d’abord un compte « Membre d’une association »."
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
        />
        <div className="form__actions">
          <SubmitButton busyLabel="Ajout…">Ajouter</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

export function AssociationHomePage() {
  const mine = useMyAssociation();
  const [justCreated, setJustCreated] = useState(false);
  const a = mine.association;

  return (
    <Page title={a ? a.name : 'Mon association'} documentTitle="Mon association">
      {mine.loading ? (
        <Loading />
      ) : mine.error ? (
        <ErrorState error={mine.error} onRetry={mine.reload} />
      ) : !a ? (
        <>
          <p className="lead">
            Enregistrez votre association pour demander le label Alliance Dynamique. L’équipe vérifie le
            numéro RNA ou le SIRET, puis vous prévient par e-mail.
          </p>
          <AssociationForm
            initial={{ name: '', rna: '', siret: '', description: '', commune: null, domains: [] }}
            submitLabel="Enregistrer l’association"
            onSaved={(created) => {
              setJustCreated(true);
              mine.setAssociation(created);
              mine.reload();
            }}
          />
        </>
      ) : (
        <div className="stack">
          {justCreated && (
            <Notice>Votre association est enregistrée. Votre demande de label est envoyée.</Notice>
          )}
          <p>
            Label Alliance Dynamique : {a.labelStatus ? <LabelStatusBadge status={a.labelStatus} /> : '—'}
            {a.labelDecidedAt && <span className="muted"> (décision du {formatDate(a.labelDecidedAt)})</span>}
          </p>
          <LabelExplanation association={a} />
          <p className="actions">
            <Link to="/association/missions" className="button button--primary">
              Mes missions
            </Link>
            <Link to="/association/missions/nouvelle" className="button button--secondary">
              Écrire une mission
            </Link>
            <Link to="/association/profil" className="button button--secondary">
              Modifier l’association
            </Link>
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
            <dd>
              <DomainList codes={a.domains} />
            </dd>
          </dl>
          {a.description && <p className="prewrap">{a.description}</p>}
          <Members associationId={a.id} />
        </div>
      )}
    </Page>
  );
}

function DomainList({ codes }: { codes: string[] }) {
  const domains = useDomains();
  return <>{codes.map((c) => domains.label(c)).join(', ')}</>;
}

export function AssociationProfilePage() {
  const mine = useMyAssociation();
  const [saved, setSaved] = useState(false);
  return (
    <Page title="Modifier l’association">
      {mine.loading ? (
        <Loading />
      ) : mine.error ? (
        <ErrorState error={mine.error} onRetry={mine.reload} />
      ) : !mine.association ? (
        <EmptyState action={<Link to="/association">Enregistrer mon association</Link>}>
          Vous n’avez pas encore enregistré d’association.
        </EmptyState>
      ) : (
        <>
          {saved && <Notice>Les modifications sont enregistrées.</Notice>}
          <AssociationForm
            association={mine.association}
            initial={{
              name: mine.association.name,
              rna: mine.association.rna ?? '',
              siret: mine.association.siret ?? '',
              description: mine.association.description,
              commune: {
                code: mine.association.communeCode,
                name: mine.association.communeName,
                departementCode: mine.association.departementCode,
              },
              domains: mine.association.domains,
            }}
            submitLabel="Enregistrer les modifications"
            onSaved={(updated) => {
              mine.setAssociation(updated);
              setSaved(true);
              window.scrollTo(0, 0);
            }}
          />
          <p>
            <Link to="/association">Retour à mon association</Link>
          </p>
        </>
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Missions
 * --------------------------------------------------------------------------------------------- */

function MissionActions({
  mission,
  canPublish,
  onChange,
  showEdit = true,
}: {
  mission: { id: string; title: string; status: MissionStatus };
  canPublish: boolean;
  /** False on the edit page itself. */
  showEdit?: boolean;
  onChange: (m: MissionDetail) => void;
}) {
  const [busy, setBusy] = useState<'publish' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const closeRef = useReturnFocus<HTMLButtonElement>(confirmClose);
  const run = (action: 'publish' | 'close') => {
    if (busy) return;
    setBusy(action);
    setError(null);
    api
      .post<MissionDetail>(`/missions/${mission.id}/${action}`)
      .then((m) => {
        setConfirmClose(false);
        onChange(m);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(null));
  };
  const context = <span className="visually-hidden"> « {mission.title} »</span>;
  return (
    <div>
      <div className="actions">
        {mission.status !== 'closed' && showEdit && (
          <Link
            to={`/association/missions/${mission.id}/modifier`}
            className="button button--small button--secondary"
          >
            Modifier{context}
          </Link>
        )}
        {mission.status !== 'draft' && (
          <Link
            to={`/association/missions/${mission.id}/candidatures`}
            className="button button--small button--secondary"
          >
            Candidatures{context}
          </Link>
        )}
        {mission.status === 'draft' && canPublish && (
          <button
            type="button"
            className="button button--small button--primary"
            aria-disabled={busy !== null || undefined}
            onClick={() => run('publish')}
          >
            {busy === 'publish' ? 'Publication…' : 'Publier'}
            {context}
          </button>
        )}
        {mission.status !== 'closed' && !confirmClose && (
          <button
            ref={closeRef}
            type="button"
            className="button button--small button--danger"
            onClick={() => setConfirmClose(true)}
          >
            Clôturer{context}
          </button>
        )}
      </div>
      {confirmClose && (
        <fieldset className="inline-form fieldset">
          <legend className="confirm__question">
            Clôturer « {mission.title} » ? Elle ne recevra plus de candidatures et restera consultable. C’est
            définitif.
          </legend>
          <div className="actions">
            <button
              type="button"
              className="button button--small button--danger"
              // biome-ignore lint/a11y/noAutofocus: the confirmation just opened on request; its button takes the focus
              autoFocus
              aria-disabled={busy !== null || undefined}
              onClick={() => run('close')}
            >
              {busy === 'close' ? 'Clôture…' : 'Oui, clôturer'}
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setConfirmClose(false)}
            >
              Annuler
            </button>
          </div>
        </fieldset>
      )}
      <ActionError message={error} />
    </div>
  );
}

export function AssociationMissionsPage() {
  const params = useSearchParams();
  const status = (MISSION_STATUSES as readonly string[]).includes(params.get('statut') ?? '')
    ? (params.get('statut') as MissionStatus)
    : undefined;
  return (
    <Page
      title="Mes missions"
      actions={
        <Link to="/association/missions/nouvelle" className="button button--primary">
          Écrire une mission
        </Link>
      }
    >
      <WithAssociation>
        {(association) => <MissionList association={association} status={status} />}
      </WithAssociation>
    </Page>
  );
}

function MissionList({
  association,
  status,
}: {
  association: Association;
  status: MissionStatus | undefined;
}) {
  const list = usePagedList<AssociationMission>(`/associations/${association.id}/missions`, { status });
  const canPublish = association.labelStatus === 'labelled';
  const tabs: { value: MissionStatus | undefined; label: string }[] = [
    { value: undefined, label: 'Toutes' },
    ...MISSION_STATUSES.map((s) => ({ value: s, label: `${MISSION_STATUS_LABELS[s]}s` })),
  ];
  return (
    <>
      {!canPublish && <LabelExplanation association={association} />}
      <StatusTabs
        label="Filtrer par statut"
        tabs={tabs.map((t) => ({
          key: t.label,
          label: t.label,
          to: withQuery('/association/missions', { statut: t.value }),
          current: t.value === status,
        }))}
      />
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState action={<Link to="/association/missions/nouvelle">Écrire une mission</Link>}>
          {status ? 'Aucune mission avec ce statut.' : 'Vous n’avez pas encore écrit de mission.'}
        </EmptyState>
      ) : (
        <>
          <p className="results__count">{plural(list.total, 'mission', 'missions')}</p>
          <ul className="results">
            {list.items.map((m) => (
              <li key={m.id} className="result">
                <h2 className="result__title">
                  <Link to={`/missions/${m.id}`}>{m.title}</Link>
                </h2>
                <p className="actions">
                  <MissionStatusBadge status={m.status} />
                  <span className="muted">
                    {modeLabel(m.mode)}
                    {m.communeName ? ` · ${m.communeName}` : ''} · {formatPeriod(m.startDate, m.endDate)} ·{' '}
                    {plural(m.seats, 'place', 'places')}
                  </span>
                </p>
                <MissionActions
                  mission={m}
                  canPublish={canPublish}
                  onChange={(updated) =>
                    list.replace({
                      ...m,
                      status: updated.status,
                      publishedAt: updated.publishedAt,
                      closedAt: updated.closedAt,
                    })
                  }
                />
              </li>
            ))}
          </ul>
          <MoreButton list={list} noun="missions" />
        </>
      )}
    </>
  );
}

const MISSION_LABELS: Record<string, string> = {
  title: 'Titre',
  description: 'Description',
  domainCode: 'Domaine d’action',
  skills: 'Compétences',
  mode: 'Modalité',
  communeCode: 'Commune',
  startDate: 'Date de début',
  endDate: 'Date de fin',
  hoursTotal: 'Heures',
  seats: 'Places',
};

interface MissionDraft {
  title: string;
  description: string;
  domainCode: string;
  skills: PickedSkill[];
  mode: string;
  commune: CommuneValue | null;
  startDate: string;
  endDate: string;
  hoursTotal: string;
  seats: string;
}

const EMPTY_MISSION: MissionDraft = {
  title: '',
  description: '',
  domainCode: '',
  skills: [],
  mode: 'onsite',
  commune: null,
  startDate: '',
  endDate: '',
  hoursTotal: '',
  seats: '1',
};

function missionDraftOf(m: MissionDetail): MissionDraft {
  return {
    title: m.title,
    description: m.description,
    domainCode: m.domain.code,
    skills: m.skills.map((s) => ({ code: s.code, level: s.level, required: s.required })),
    mode: m.mode,
    commune: m.commune
      ? { code: m.commune.code, name: m.commune.name, departementCode: m.commune.departement.code }
      : null,
    startDate: m.startDate,
    endDate: m.endDate,
    hoursTotal: String(m.hoursTotal),
    seats: String(m.seats),
  };
}

function MissionForm({ mission, onSaved }: { mission?: MissionDetail; onSaved: (m: MissionDetail) => void }) {
  const form = useForm({ fields: Object.keys(MISSION_LABELS) });
  const domains = useDomains();
  const [draft, setDraft] = useState<MissionDraft>(() => (mission ? missionDraftOf(mission) : EMPTY_MISSION));
  const set =
    <K extends keyof MissionDraft>(key: K) =>
    (value: MissionDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = form.handleSubmit(async () => {
    const input = form.validate(missionSchema, {
      title: draft.title,
      description: draft.description,
      domainCode: draft.domainCode,
      skills: draft.skills.map((s) => ({ code: s.code, level: s.level, required: s.required ?? true })),
      mode: draft.mode,
      communeCode: draft.commune?.code ?? null,
      startDate: draft.startDate,
      endDate: draft.endDate,
      hoursTotal: toNumber(draft.hoursTotal),
      seats: toNumber(draft.seats),
    });
    if (!input) return;
    if (!mission && input.endDate < todayInParis()) {
      form.fail({ endDate: 'Cette date est déjà passée.' });
      return;
    }
    const body = { ...input, communeCode: input.communeCode || null };
    if (mission) {
      // Only what changed: an unchanged end date in the past must not be judged again.
      const before = missionDraftOf(mission);
      const changes: Record<string, unknown> = {};
      if (body.title !== before.title) changes.title = body.title;
      if (body.description !== before.description) changes.description = body.description;
      if (body.domainCode !== before.domainCode) changes.domainCode = body.domainCode;
      if (
        JSON.stringify(body.skills) !==
        JSON.stringify(before.skills.map((s) => ({ code: s.code, level: s.level, required: s.required })))
      )
        changes.skills = body.skills;
      if (body.mode !== before.mode) changes.mode = body.mode;
      if (body.communeCode !== (before.commune?.code ?? null)) changes.communeCode = body.communeCode;
      if (body.startDate !== before.startDate) changes.startDate = body.startDate;
      if (body.endDate !== before.endDate) changes.endDate = body.endDate;
      if (String(body.hoursTotal) !== before.hoursTotal) changes.hoursTotal = body.hoursTotal;
      if (String(body.seats) !== before.seats) changes.seats = body.seats;
      if (Object.keys(changes).length === 0) {
        onSaved(mission);
        return;
      }
      onSaved(await api.patch<MissionDetail>(`/missions/${mission.id}`, changes));
    } else {
      onSaved(await api.post<MissionDetail>('/missions', body));
    }
  });

  return (
    <Form form={form} onSubmit={onSubmit} labels={MISSION_LABELS}>
      <p className="form__note">Les champs sans mention « facultatif » sont obligatoires.</p>
      <TextField
        name="title"
        label="Titre"
        hint="Court et concret, par exemple « Animer des ateliers numériques pour seniors »."
        maxLength={140}
        value={draft.title}
        onChange={set('title')}
      />
      <TextArea
        name="description"
        label="Description"
        hint="Le contexte, ce que fera le ou la bénévole, avec qui, le rythme. 20 caractères au moins."
        rows={8}
        maxLength={5000}
        value={draft.description}
        onChange={set('description')}
      />
      <SelectField
        name="domainCode"
        label="Domaine d’action"
        placeholder={domains.loading ? 'Chargement…' : 'Choisir…'}
        value={draft.domainCode}
        onChange={set('domainCode')}
        options={domains.items.map((d) => ({ value: d.code, label: d.label }))}
      />
      <SkillsPicker
        name="skills"
        legend="Compétences recherchées"
        hint="Entre 1 et 15. Décochez « Indispensable » pour une compétence qui serait un plus."
        withRequired
        levelLabel="Niveau attendu"
        value={draft.skills}
        onChange={set('skills')}
      />
      <RadioGroup
        name="mode"
        legend="Modalité"
        inline
        value={draft.mode}
        onChange={set('mode')}
        options={MISSION_MODES.map((m) => ({ value: m, label: MISSION_MODE_LABELS[m] }))}
      />
      <CommuneCombobox
        name="communeCode"
        label="Commune où se déroule la mission"
        hint="Tapez au moins 2 lettres ou un code postal, puis choisissez dans la liste."
        optional={draft.mode === 'remote'}
        value={draft.commune}
        onChange={set('commune')}
      />
      <div className="grid grid--2">
        <TextField
          name="startDate"
          label="Date de début"
          type="date"
          value={draft.startDate}
          onChange={set('startDate')}
        />
        <TextField
          name="endDate"
          label="Date de fin"
          type="date"
          value={draft.endDate}
          onChange={set('endDate')}
        />
      </div>
      <div className="grid grid--2">
        <TextField
          name="hoursTotal"
          label="Heures par participant·e, au total"
          hint="De 1 à 2 000 heures."
          type="number"
          inputMode="numeric"
          min={1}
          max={2000}
          value={draft.hoursTotal}
          onChange={set('hoursTotal')}
        />
        <TextField
          name="seats"
          label="Nombre de places"
          hint="Combien de postières et postiers vous accueillez."
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          value={draft.seats}
          onChange={set('seats')}
        />
      </div>
      <div className="form__actions">
        <SubmitButton busyLabel="Enregistrement…">
          {mission ? 'Enregistrer les modifications' : 'Enregistrer le brouillon'}
        </SubmitButton>
        <Link to="/association/missions">Annuler</Link>
      </div>
    </Form>
  );
}

export function NewMissionPage() {
  return (
    <Page
      title="Écrire une mission"
      intro="La mission reste un brouillon, visible de vous seul·e, jusqu’à sa publication."
    >
      <WithAssociation>
        {() => (
          <MissionForm
            onSaved={(m) =>
              navigate(withQuery(`/association/missions/${m.id}/modifier`, { cree: 1 }), { replace: true })
            }
          />
        )}
      </WithAssociation>
    </Page>
  );
}

export function EditMissionPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const search = useSearchParams();
  const mission = useAsync(
    (signal) => api.get<MissionDetail>(`/missions/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  const mine = useMyAssociation();
  const [notice, setNotice] = useState<string | null>(
    search.get('cree') ? 'Le brouillon est enregistré.' : null,
  );
  const m = mission.data;

  return (
    <Page title={m ? `Modifier « ${m.title} »` : 'Modifier la mission'} documentTitle="Modifier la mission">
      {mission.loading ? (
        <Loading />
      ) : mission.error || !m ? (
        <ErrorState
          error={mission.error}
          onRetry={isApiError(mission.error) && mission.error.status === 404 ? undefined : mission.reload}
        />
      ) : (
        <div className="stack">
          {notice && <Notice>{notice}</Notice>}
          <div className="card card--soft">
            <p>
              Statut : <MissionStatusBadge status={m.status} />{' '}
              {m.status !== 'draft' && (
                <span className="muted">
                  {plural(m.seatsTaken, 'place prise', 'places prises')} sur {m.seats}
                </span>
              )}
            </p>
            {m.status === 'draft' && mine.association?.labelStatus !== 'labelled' && !mine.loading && (
              <p>Vous pourrez publier cette mission quand votre association sera labellisée.</p>
            )}
            <MissionActions
              mission={m}
              showEdit={false}
              canPublish={mine.association?.labelStatus === 'labelled'}
              onChange={(updated) => {
                mission.setData(updated);
                setNotice(
                  updated.status === 'published'
                    ? 'La mission est publiée : les postiers peuvent la trouver et candidater.'
                    : updated.status === 'closed'
                      ? 'La mission est clôturée.'
                      : 'La mission est enregistrée.',
                );
              }}
            />
          </div>
          {m.status === 'closed' ? (
            <p>Une mission clôturée ne se modifie plus.</p>
          ) : (
            <MissionForm
              key={m.updatedAt}
              mission={m}
              onSaved={(updated) => {
                mission.setData(updated);
                setNotice('Les modifications sont enregistrées.');
                window.scrollTo(0, 0);
              }}
            />
          )}
        </div>
      )}
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Applicants
 * --------------------------------------------------------------------------------------------- */

function ApplicantRow({ applicant, onChange }: { applicant: Applicant; onChange: (a: Applicant) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `${applicant.applicant.firstName} ${applicant.applicant.lastName}`;
  const accept = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    api
      .post<Applicant>(`/applications/${applicant.id}/accept`)
      .then((updated) => onChange({ ...applicant, ...updated, applicant: applicant.applicant }))
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };
  return (
    <li className="result">
      <h3 className="result__title">{name}</h3>
      <p className="actions">
        <ApplicationStatusBadge status={applicant.status} />
        {applicant.hrStatus && <HrStatusBadge status={applicant.hrStatus} />}
        <span className="muted">Candidature du {formatDate(applicant.createdAt)}</span>
      </p>
      <p>
        <a href={`mailto:${applicant.applicant.email}`}>{applicant.applicant.email}</a>
      </p>
      <blockquote className="prewrap quote">{applicant.motivation}</blockquote>
      {applicant.decisionReason && (
        <p>
          <strong>Votre message :</strong> {applicant.decisionReason}
        </p>
      )}
      {applicant.status === 'submitted' && (
        <div className="actions">
          <button
            type="button"
            className="button button--small button--primary"
            aria-disabled={busy || undefined}
            onClick={accept}
          >
            {busy ? 'Acceptation…' : 'Accepter'}
            <span className="visually-hidden"> {name}</span>
          </button>
          <ReasonAction
            buttonLabel="Décliner"
            accessibleContext={name}
            confirmLabel="Décliner la candidature"
            fieldLabel="Message à la personne"
            hint={`${applicant.applicant.firstName} le recevra par e-mail. Restez bienveillant·e : merci, et pourquoi pas cette fois.`}
            onConfirm={async (reason) => {
              const updated = await api.post<Applicant>(`/applications/${applicant.id}/decline`, { reason });
              onChange({ ...applicant, ...updated, applicant: applicant.applicant });
            }}
          />
        </div>
      )}
      <ActionError message={error} />
    </li>
  );
}

const BAND_LABELS: Record<ScoreBand, string> = {
  '0.8-1': 'Très bonne (80 % et plus)',
  '0.6-0.8': 'Bonne (60 à 80 %)',
  '0.4-0.6': 'Moyenne (40 à 60 %)',
  '0-0.4': 'Faible (moins de 40 %)',
};

const REASON_COUNT_LABELS: Record<string, string> = {
  skill_match: 'ont une compétence demandée au niveau attendu',
  skill_partial: 'ont une compétence demandée, à un niveau moindre',
  skill_sibling: 'ont une compétence proche de celles demandées',
  distance: 'travaillent dans leur rayon de mobilité',
  same_departement: 'travaillent dans le département',
  remote: 'acceptent le travail à distance',
  domain_interest: 's’intéressent à ce domaine d’action',
  rarely_solicited: 'ont reçu peu de propositions récemment',
};

/**
 * The matched postiers of a published mission, anonymised: how many per score band and why, then
 * an invitation sent to the best ones not yet invited. Who they are shows only once they apply.
 */
function Invitations({ missionId }: { missionId: string }) {
  const matches = useAsync(
    (signal) => api.get<MissionMatches>(`/missions/${missionId}/matches`, { signal }),
    [missionId],
  );
  const form = useForm({ fields: ['count'] });
  const [count, setCount] = useState('10');
  const [sent, setSent] = useState<string | null>(null);
  const data = matches.data;
  const left = data ? Math.max(0, data.total - data.invited) : 0;

  const onSubmit = form.handleSubmit(async () => {
    setSent(null);
    const input = form.validate(invitationsBody, { count: toNumber(count) });
    if (!input) return;
    const result = await api.post<{ invited: number }>(`/missions/${missionId}/invitations`, input);
    setSent(
      result.invited === 0
        ? 'Aucune invitation envoyée : les postiers restants ont déjà reçu assez de propositions ce mois-ci.'
        : `${plural(result.invited, 'invitation envoyée', 'invitations envoyées')}.`,
    );
    matches.reload();
  });

  return (
    <section aria-labelledby="invite-title" className="card card--soft">
      <h2 id="invite-title">Postiers qui correspondent</h2>
      {matches.loading && !data ? (
        <Loading />
      ) : matches.error ? (
        <ErrorState error={matches.error} onRetry={matches.reload} />
      ) : !data || data.total === 0 ? (
        <p>
          Pas encore de postier correspondant : le classement se met à jour quelques instants après la
          publication.
        </p>
      ) : (
        <>
          <p>
            {plural(data.total, 'postier·ère correspond', 'postiers correspondent')} à cette mission ;{' '}
            {data.invited === 0
              ? 'aucun n’a encore été invité'
              : plural(data.invited, 'a déjà été invité·e', 'ont déjà été invités')}
            . Vous ne verrez leur nom que s’ils candidatent.
          </p>
          <BarChart
            caption="Postiers par niveau de correspondance"
            labelHeader="Correspondance"
            valueLabel="Postiers"
            data={data.bands.map((b) => ({
              key: b.band,
              label: BAND_LABELS[b.band] ?? b.band,
              value: b.count,
            }))}
          />
          {data.reasons.some((r) => REASON_COUNT_LABELS[r.kind]) && (
            <ul>
              {data.reasons
                .filter((r) => REASON_COUNT_LABELS[r.kind] && r.count > 0)
                .map((r) => (
                  <li key={r.kind}>
                    {formatNumber(r.count)} {REASON_COUNT_LABELS[r.kind]}
                  </li>
                ))}
            </ul>
          )}
          <div role="status">{sent && <Notice>{sent}</Notice>}</div>
          {left > 0 ? (
            <Form form={form} onSubmit={onSubmit} labels={{ count: 'Nombre' }} aria-labelledby="invite-title">
              <TextField
                name="count"
                label="Inviter les mieux classés, combien ?"
                hint={`Ils reçoivent un e-mail avec la mission. ${plural(left, 'postier·ère pas encore invité·e', 'postiers pas encore invités')}, 50 au plus à la fois.`}
                type="number"
                inputMode="numeric"
                min={1}
                max={50}
                className="input--short-field"
                value={count}
                onChange={setCount}
              />
              <div className="form__actions">
                <SubmitButton busyLabel="Envoi…">Envoyer les invitations</SubmitButton>
              </div>
            </Form>
          ) : (
            <p>Tous les postiers correspondants ont été invités.</p>
          )}
        </>
      )}
    </section>
  );
}

export function ApplicantsPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const mission = useAsync(
    (signal) => api.get<MissionDetail>(`/missions/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  const list = usePagedList<Applicant>(`/missions/${encodeURIComponent(id)}/applications`, {});
  const m = mission.data;
  return (
    <Page title={m ? `Candidatures · ${m.title}` : 'Candidatures'} documentTitle="Candidatures">
      {m && (
        <p className="lead">
          <MissionStatusBadge status={m.status} /> {formatPeriod(m.startDate, m.endDate)} ·{' '}
          {plural(m.seatsTaken, 'place prise', 'places prises')} sur {formatNumber(m.seats)}
        </p>
      )}
      {m?.status === 'published' && <Invitations missionId={m.id} />}
      <h2>Candidatures reçues</h2>
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState action={<Link to="/association/missions">Retour à mes missions</Link>}>
          Aucune candidature pour l’instant. Les postiers dont le profil correspond reçoivent la mission dans
          leurs recommandations.
        </EmptyState>
      ) : (
        <>
          <p className="results__count">{plural(list.total, 'candidature', 'candidatures')}</p>
          <ul className="results">
            {list.items.map((a) => (
              <ApplicantRow
                key={a.id}
                applicant={a}
                onChange={(updated) => {
                  list.replace(updated);
                  if (updated.status === 'accepted') mission.reload();
                }}
              />
            ))}
          </ul>
          <MoreButton list={list} noun="candidatures" />
        </>
      )}
      <p>
        <Link to="/association/missions">Retour à mes missions</Link>
      </p>
    </Page>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Hours
 * --------------------------------------------------------------------------------------------- */

function Statement({ association }: { association: Association }) {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const statement = useAsync(
    (signal) =>
      api.get<AssociationStatement>(`/associations/${association.id}/statement`, { signal, query: { year } }),
    [association.id, year],
  );
  return (
    <section aria-labelledby="statement-title">
      <h2 id="statement-title">Relevé annuel des heures reçues</h2>
      <p className="muted">
        Les heures validées par les RH de La Poste, par mission : de quoi rendre compte du mécénat reçu.
      </p>
      <YearPicker years={[thisYear, thisYear - 1, thisYear - 2]} value={year} onChange={setYear} />
      {statement.loading ? (
        <Loading />
      ) : statement.error ? (
        <ErrorState error={statement.error} onRetry={statement.reload} />
      ) : !statement.data || statement.data.missions.length === 0 ? (
        <EmptyState>Aucune heure validée en {year}.</EmptyState>
      ) : (
        <>
          <p>
            <strong>{formatHours(statement.data.hours)}</strong> données par{' '}
            {plural(statement.data.postiers, 'postière ou postier', 'postières et postiers')} en {year}.
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="table-wrap" aria-labelledby="statement-caption" tabIndex={0}>
            <table>
              <caption id="statement-caption">Heures validées par mission, {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Mission</th>
                  <th scope="col" className="num">
                    Heures
                  </th>
                  <th scope="col" className="num">
                    Postier·ères
                  </th>
                </tr>
              </thead>
              <tbody>
                {statement.data.missions.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Link to={`/missions/${m.id}`}>{m.title}</Link>
                    </th>
                    <td className="num">{formatHours(m.hours)}</td>
                    <td className="num">{formatNumber(m.postiers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}

const HOURS_TABS: { value: TimeEntryStatus; label: string; empty: string }[] = [
  {
    value: 'submitted',
    label: 'À confirmer',
    empty:
      'Aucune heure à confirmer pour l’instant. Les postiers déclarent leurs heures une fois leur participation approuvée par les RH de La Poste.',
  },
  {
    value: 'confirmed',
    label: 'Confirmées',
    empty: 'Aucune heure confirmée en attente de validation par les RH.',
  },
  { value: 'validated', label: 'Validées par les RH', empty: 'Aucune heure validée pour l’instant.' },
  { value: 'rejected', label: 'Contestées ou rejetées', empty: 'Aucune heure contestée ni rejetée.' },
];

const entryTitleId = (id: string) => `time-entry-${id}-title`;

function TimeEntryRow({
  entry,
  onDone,
}: {
  entry: AssociationTimeEntry;
  onDone: (entry: AssociationTimeEntry, outcome: 'confirmed' | 'disputed') => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = `${entry.postier.firstName} ${entry.postier.lastName}`;
  const context = `${who}, ${formatDate(entry.date)}`;
  const confirm = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    api
      .post<TimeEntry>(`/time-entries/${entry.id}/confirm`)
      .then((updated) => {
        setBusy(false);
        onDone({ ...entry, ...updated }, 'confirmed');
      })
      .catch((err: unknown) => {
        setBusy(false);
        setError(errorMessage(err));
      });
  };
  return (
    <li className="result">
      <h3 className="result__title" id={entryTitleId(entry.id)} tabIndex={-1}>
        {who} · {formatHours(entry.hours)} le {formatDate(entry.date)}
      </h3>
      <p className="actions">
        <TimeEntryStatusBadge status={entry.status} />
        <span className="muted">
          <Link to={`/missions/${entry.mission.id}`}>{entry.mission.title}</Link> · déclarées le{' '}
          {formatDate(entry.createdAt)}
        </span>
      </p>
      {entry.note && <blockquote className="prewrap quote">{entry.note}</blockquote>}
      {entry.rejectionReason && (
        <p>
          <strong>Raison :</strong> {entry.rejectionReason}
        </p>
      )}
      {entry.status === 'submitted' && (
        <div className="actions">
          <button
            type="button"
            className="button button--small button--primary"
            aria-disabled={busy || undefined}
            onClick={confirm}
          >
            {busy ? 'Confirmation…' : 'Confirmer'}
            <span className="visually-hidden"> les heures de {context}</span>
          </button>
          <ReasonAction
            buttonLabel="Contester"
            accessibleContext={`les heures de ${context}`}
            confirmLabel="Contester ces heures"
            fieldLabel="Raison de la contestation"
            hint={`${entry.postier.firstName} lira cette raison. Les heures contestées ne comptent pas.`}
            onConfirm={async (reason) => {
              const updated = await api.post<TimeEntry>(`/time-entries/${entry.id}/dispute`, { reason });
              onDone({ ...entry, ...updated }, 'disputed');
            }}
          />
        </div>
      )}
      <ActionError message={error} />
    </li>
  );
}

/** The hours logged on the association's missions in one status, oldest first. */
function TimeEntryList({
  association,
  status,
  onResult,
}: {
  association: Association;
  status: TimeEntryStatus;
  onResult: (text: string) => void;
}) {
  const list = usePagedList<AssociationTimeEntry>(`/associations/${association.id}/time-entries`, {
    status,
  });
  const [focusId, setFocusId] = useState<string | null>(null);
  // After an action the row leaves the list: the focus goes to the next one (or the section title),
  // never back to the top of the page.
  useEffect(() => {
    if (focusId === null) return;
    (document.getElementById(focusId) ?? document.getElementById('confirm-title'))?.focus();
    setFocusId(null);
  }, [focusId]);

  const done = (entry: AssociationTimeEntry, outcome: 'confirmed' | 'disputed') => {
    const index = list.items.findIndex((e) => e.id === entry.id);
    const next = list.items[index + 1] ?? list.items[index - 1];
    const wasLastLoaded = list.items.length === 1;
    list.remove(entry.id);
    if (wasLastLoaded && list.nextCursor) list.reload();
    setFocusId(next ? entryTitleId(next.id) : 'confirm-title');
    const what = `Heures de ${entry.postier.firstName} ${entry.postier.lastName} du ${formatDate(entry.date)} (${formatHours(entry.hours)})`;
    onResult(
      outcome === 'confirmed'
        ? `${what} confirmées : elles attendent maintenant la validation des RH de La Poste.`
        : `${what} contestées : elles ne seront pas comptées.`,
    );
  };

  if (list.loading && list.items.length === 0) return <Loading label="Chargement des heures…" />;
  if (list.error && list.items.length === 0) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (list.items.length === 0) {
    return <EmptyState>{HOURS_TABS.find((t) => t.value === status)?.empty}</EmptyState>;
  }
  return (
    <>
      <p className="results__count">
        {plural(list.total, 'déclaration', 'déclarations')}
        {status === 'submitted' ? ' à confirmer, les plus anciennes d’abord' : ', les plus anciennes d’abord'}
      </p>
      <ul className="results">
        {list.items.map((e) => (
          <TimeEntryRow key={e.id} entry={e} onDone={done} />
        ))}
      </ul>
      <MoreButton list={list} noun="déclarations" />
    </>
  );
}

function HoursToConfirm({ association }: { association: Association }) {
  const params = useSearchParams();
  const statut = params.get('statut') ?? '';
  const status = (TIME_ENTRY_STATUSES as readonly string[]).includes(statut)
    ? (statut as TimeEntryStatus)
    : 'submitted';
  const [result, setResult] = useState<{ status: TimeEntryStatus; text: string } | null>(null);
  return (
    <section aria-labelledby="confirm-title">
      <h2 id="confirm-title" tabIndex={-1}>
        Heures à confirmer
      </h2>
      <p className="muted">
        Confirmez les heures que les postiers ont données à vos missions, ou contestez-les en expliquant
        pourquoi. Les heures confirmées partent ensuite en validation auprès des RH de La Poste.
      </p>
      <StatusTabs
        label="Filtrer les heures par statut"
        tabs={HOURS_TABS.map((t) => ({
          key: String(t.value),
          label: t.label,
          to: withQuery('/association/heures', { statut: t.value }),
          current: t.value === status,
        }))}
      />
      <div role="status" aria-live="polite">
        {result && result.status === status && <p className="notice notice--success">{result.text}</p>}
      </div>
      <TimeEntryList
        key={status}
        association={association}
        status={status}
        onResult={(text) => setResult({ status, text })}
      />
    </section>
  );
}

export function AssociationHoursPage() {
  return (
    <Page title="Heures">
      <WithAssociation>
        {(association) => (
          <div className="stack">
            <HoursToConfirm association={association} />
            <Statement association={association} />
          </div>
        )}
      </WithAssociation>
    </Page>
  );
}
