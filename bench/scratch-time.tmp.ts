import { createDb } from '@passerelle/db';
import { hoursReport, hoursReportFromEntries } from '../services/api/src/features/hr/reports';
const { pool, db, close } = createDb('postgres://passerelle:passerelle@127.0.0.1:55432/bench_reports', { max: 2 });
const { rows } = await pool.query<{ id: string; role: 'admin' | 'hr' }>("select id, role from users where role in ('admin','hr')");
for (const r of rows) for (const groupBy of ['region', 'month'] as const) {
  const t = performance.now();
  const a = await hoursReport(db, { userId: r.id, role: r.role }, { year: 2025, groupBy });
  const ms = performance.now() - t;
  const b = process.env.CMP ? await hoursReportFromEntries(db, { userId: r.id, role: r.role }, { year: 2025, groupBy }) : a;
  console.log(r.role, groupBy, ms.toFixed(1), JSON.stringify(a) === JSON.stringify(b), JSON.stringify(a.totals));
}
await close();
