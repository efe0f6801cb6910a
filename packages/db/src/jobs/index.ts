export * from './close-expired-missions';
