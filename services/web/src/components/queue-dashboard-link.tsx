import { useState } from 'react';
import { api, errorMessage } from '../lib/api';
import { ActionError } from './action-error';

const DASHBOARD_URL = '/admin/queues';

/**
 * Opens the queue dashboard (bull-board, served by the api). The access token lives in this tab's
 * memory and a navigation cannot carry it, so the api first trades it for a 10-minute cookie
 * scoped to the dashboard's path; a plain link would land on "session expirée".
 */
export function QueueDashboardLink() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    api
      .post<void>('/admin/queue-dashboard/session')
      .then(() => window.location.assign(DASHBOARD_URL))
      .catch((err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      });
  };

  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={open}
        aria-disabled={busy || undefined}
      >
        Tableau de bord des files d’attente
      </button>
      <ActionError message={error} />
    </>
  );
}
