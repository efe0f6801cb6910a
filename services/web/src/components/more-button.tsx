import { ErrorState } from './page';

interface MoreState {
  nextCursor: string | null;
  error: unknown;
  loading: boolean;
  items: readonly unknown[];
  loadMore: () => void;
}

/** "Afficher plus" under a cursor-paginated list, with its own error and retry. */
export function MoreButton({ list, noun }: { list: MoreState; noun: string }) {
  if (!list.nextCursor && !list.error) return null;
  return (
    <>
      {list.error && list.items.length > 0 ? <ErrorState error={list.error} onRetry={list.loadMore} /> : null}
      {list.nextCursor && (
        <p className="more">
          <button
            type="button"
            className="button button--secondary"
            onClick={list.loadMore}
            aria-disabled={list.loading || undefined}
          >
            {list.loading ? 'Chargement…' : `Afficher plus de ${noun}`}
          </button>
        </p>
      )}
    </>
  );
}
