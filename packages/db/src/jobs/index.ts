export * from './close-expired-missions';
export * from './purge-inactive-accounts';
