import { ROLE_LABELS } from '@passerelle/domain';
import { Notice, Page } from '../components/page';
import { homeFor, useAuth } from '../lib/auth';
import { Link, useSearchParams } from '../lib/router';

export function HomePage() {
  const { status, user } = useAuth();
  const params = useSearchParams();
  return (
    <Page title="Donnez de votre temps, partagez vos compétences" documentTitle="Accueil">
      {params.get('compte-supprime') && <Notice>Votre compte est supprimé. Merci d’avoir participé.</Notice>}
      <p className="lead">
        Passerelle met en relation les postières et postiers qui veulent s’engager avec les associations
        labellisées de l’Alliance Dynamique, sur leur temps de travail.
      </p>
      {status === 'authenticated' && user ? (
        <div className="card">
          <h2>Bonjour {user.firstName}</h2>
          <p>Vous êtes connecté·e avec le rôle « {ROLE_LABELS[user.role]} ».</p>
          <p>
            <Link to={homeFor(user.role)} className="button button--primary">
              Aller à mon espace
            </Link>
          </p>
        </div>
      ) : (
        <div className="grid grid--2">
          <section className="card" aria-labelledby="home-postier">
            <h2 id="home-postier">Vous travaillez à La Poste</h2>
            <p>
              Trouvez une mission près de chez vous ou à distance, recevez des propositions adaptées à vos
              compétences et faites valider vos heures par les RH.
            </p>
            <p className="actions">
              <Link to="/missions" className="button button--primary">
                Trouver une mission
              </Link>
              <Link to="/inscription?role=postier" className="button button--secondary">
                Créer mon compte postier
              </Link>
            </p>
          </section>
          <section className="card" aria-labelledby="home-association">
            <h2 id="home-association">Vous représentez une association</h2>
            <p>
              Enregistrez votre association, obtenez le label Alliance Dynamique et publiez des missions de
              mécénat de compétences.
            </p>
            <p className="actions">
              <Link to="/inscription?role=association" className="button button--primary">
                Inscrire mon association
              </Link>
            </p>
          </section>
        </div>
      )}
    </Page>
  );
}
