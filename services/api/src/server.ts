import { loadConfigOrExit } from '@passerelle/config';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ensureAdmin } from './features/auth/service';

const config = loadConfigOrExit();
const app = await buildApp(config);
if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD)
  await ensureAdmin(app.db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'closing');
  await app.close();
});

app.server.requestTimeout = 30_000;
app.server.headersTimeout = 35_000;
app.server.keepAliveTimeout = 65_000;

await app.listen({ port: config.PORT, host: config.HOST });
