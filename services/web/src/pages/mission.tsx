import { SKILL_LEVEL_LABELS } from '@passerelle/domain';
import { useState } from 'react';
import { SubmitButton, TextArea } from '../components/fields';
import { ErrorState, Loading, Notice, Page } from '../components/page';
import { ReasonList, ScoreText } from '../components/reasons';
import { ApplicationStatusBadge, HrStatusBadge, MissionStatusBadge, modeLabel } from '../components/status';
import { api, errorMessage, isApiError } from '../lib/api';
import { useAuth } from '../lib/auth';
import { Form, useForm } from '../lib/form';
import { formatDate, formatNumber, formatPeriod, plural } from '../lib/format';
import { useMe } from '../lib/me';
import { Link, withQuery } from '../lib/router';
import { submitApplicationBody } from '../lib/schemas';
import type {
  Page as ApiPage,
  ApplicationItem,
  ApplicationResponse,
  MissionDetail,
  Recommendation,
} from '../lib/types';
import { useAsync } from '../lib/use-api';

/* ------------------------------------------------------------------------------------------------
 * Mission
 * --------------------------------------------------------------------------------------------- */

function ApplyForm({
  missionId,
  onApplied,
}: {
  missionId: string;
  onApplied: (a: ApplicationResponse) => void;
}) {
  const form = useForm({ fields: ['motivation'] });
  const [motivation, setMotivation] = useState('');
  const onSubmit = form.handleSubmit(async () => {
    const values = form.validate(submitApplicationBody, { motivation });
    if (!values) return;
    const created = await api.post<ApplicationResponse>(`/missions/${missionId}/applications`, values);
    onApplied(created);
  });
  return (
    <Form form={form} onSubmit={onSubmit} labels={{ motivation: 'Motivation' }} aria-labelledby="apply-title">
      <TextArea
        name="motivation"
        label="Votre motivation"
        hint="Ce qui vous donne envie, ce que vous pouvez apporter, vos disponibilités. L’association la lira avec votre nom."
        value={motivation}
        onChange={setMotivation}
        rows={6}
        maxLength={2000}
      />
      <div className="form__actions">
        <SubmitButton busyLabel="Envoi…">Envoyer ma candidature</SubmitButton>
      </div>
    </Form>
  );
}

function PostierCorner({ mission }: { mission: MissionDetail }) {
  const recommendation = useAsync(
    (signal) => api.get<ApiPage<Recommendation>>('/me/recommendations', { signal, query: { limit: 100 } }),
    [],
  );
  const applications = useAsync(
    (signal) => api.get<ApiPage<ApplicationItem>>('/me/applications', { signal, query: { limit: 100 } }),
    [],
  );
  const [applied, setApplied] = useState<ApplicationResponse | null>(null);
  const match = recommendation.data?.items.find((r) => r.mission.id === mission.id);
  const existing = applied ?? applications.data?.items.find((a) => a.missionId === mission.id) ?? null;

  return (
    <>
      {match && match.reasons.length > 0 && (
        <section className="card card--soft" aria-labelledby="why-title">
          <h2 id="why-title">Pourquoi cette mission vous correspond</h2>
          <p>
            <ScoreText score={match.score} />
          </p>
          <ReasonList reasons={match.reasons} />
          <p className="muted">
            D’après votre <Link to="/mon-compte/profil">profil</Link> : compétences, commune, disponibilités
            et domaines.
          </p>
        </section>
      )}
      <section aria-labelledby="apply-title">
        <h2 id="apply-title">Candidater</h2>
        {applications.loading ? (
          <Loading />
        ) : existing ? (
          <>
            {applied && (
              <Notice>Votre candidature est envoyée. L’association vous répondra par e-mail.</Notice>
            )}
            <p>
              Votre candidature : <ApplicationStatusBadge status={existing.status} />{' '}
              {existing.hrStatus && <HrStatusBadge status={existing.hrStatus} />}
            </p>
            <p>
              <Link to="/mes-candidatures">Suivre mes candidatures</Link>
            </p>
          </>
        ) : mission.status !== 'published' ? (
          <p>Cette mission n’accepte plus de candidatures.</p>
        ) : (
          <ApplyForm missionId={mission.id} onApplied={setApplied} />
        )}
      </section>
    </>
  );
}

/** For a member of the association that wrote the mission: where to manage it. */
function OwnerLinks({ mission }: { mission: MissionDetail }) {
  const me = useMe();
  if (me.data?.associationId !== mission.association.id) return null;
  return (
    <p className="actions">
      {mission.status !== 'closed' && (
        <Link to={`/association/missions/${mission.id}/modifier`}>Modifier la mission</Link>
      )}
      {mission.status !== 'draft' && (
        <Link to={`/association/missions/${mission.id}/candidatures`}>Voir les candidatures</Link>
      )}
    </p>
  );
}

export function MissionPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { status, user } = useAuth();
  // Waits for the session: a member sees their own drafts only with the token.
  const mission = useAsync(
    (signal) => api.get<MissionDetail>(`/missions/${encodeURIComponent(id)}`, { signal }),
    [id, status],
    {
      enabled: status !== 'loading',
    },
  );
  const m = mission.data;

  return (
    <Page
      title={m ? m.title : mission.error ? 'Mission introuvable' : 'Mission'}
      documentTitle={m?.title ?? 'Mission'}
    >
      {mission.loading || status === 'loading' ? (
        <Loading label="Chargement de la mission…" />
      ) : mission.error || !m ? (
        <>
          <ErrorState
            error={mission.error}
            onRetry={isApiError(mission.error) && mission.error.status === 404 ? undefined : mission.reload}
          >
            {isApiError(mission.error) && mission.error.status === 404
              ? 'Cette mission n’existe pas, ou n’est pas publiée.'
              : errorMessage(mission.error)}
          </ErrorState>
          <p>
            <Link to="/missions">Chercher d’autres missions</Link>
          </p>
        </>
      ) : (
        <div className="stack">
          <p className="lead">
            Proposée par <strong>{m.association.name}</strong>
            {m.status !== 'published' && (
              <>
                {' '}
                · <MissionStatusBadge status={m.status} />
              </>
            )}
          </p>
          <dl className="details">
            <dt>Domaine d’action</dt>
            <dd>{m.domain.label}</dd>
            <dt>Modalité</dt>
            <dd>{modeLabel(m.mode)}</dd>
            <dt>Lieu</dt>
            <dd>
              {m.commune
                ? `${m.commune.name} (${m.commune.departement.code}), ${m.commune.region.name}`
                : 'À distance, sans lieu fixe'}
            </dd>
            <dt>Dates</dt>
            <dd>{formatPeriod(m.startDate, m.endDate)}</dd>
            <dt>Temps demandé</dt>
            <dd>{formatNumber(m.hoursTotal)} heures au total par participant·e</dd>
            <dt>Places</dt>
            <dd>
              {plural(m.seats, 'place', 'places')}, {plural(m.seatsTaken, 'déjà prise', 'déjà prises')}
            </dd>
            {m.publishedAt && (
              <>
                <dt>Publiée le</dt>
                <dd>{formatDate(m.publishedAt)}</dd>
              </>
            )}
          </dl>

          <section aria-labelledby="description-title">
            <h2 id="description-title">La mission</h2>
            <p className="prewrap">{m.description}</p>
          </section>

          <section aria-labelledby="skills-title">
            <h2 id="skills-title">Compétences recherchées</h2>
            {m.skills.length === 0 ? (
              <p>Aucune compétence particulière.</p>
            ) : (
              <ul>
                {m.skills.map((s) => (
                  <li key={s.code}>
                    {s.label} : {SKILL_LEVEL_LABELS[s.level as 1 | 2 | 3 | 4] ?? s.level}
                    {s.required ? ' (indispensable)' : ' (un plus)'}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {user?.role === 'postier' ? (
            <PostierCorner mission={m} />
          ) : !user ? (
            <section aria-labelledby="apply-title" className="card card--soft">
              <h2 id="apply-title">Candidater</h2>
              <p>
                Vous travaillez à La Poste ? Connectez-vous pour proposer votre aide à {m.association.name}.
              </p>
              <p className="actions">
                <Link
                  to={withQuery('/connexion', { retour: `/missions/${m.id}` })}
                  className="button button--primary"
                >
                  Se connecter pour candidater
                </Link>
                <Link to="/inscription?role=postier">Créer un compte</Link>
              </p>
            </section>
          ) : user.role === 'association' ? (
            <OwnerLinks mission={m} />
          ) : null}
          <p>
            <Link to="/missions">Retour à la recherche</Link>
          </p>
        </div>
      )}
    </Page>
  );
}
