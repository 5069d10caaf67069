import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type UraRouteMatch, type UraRoutes, uraRoutesInputSchema } from '@receptivo/shared';
import type { z } from 'zod';
import { ApiException } from '../common/api-exception';

type ParsedRoutes = z.output<typeof uraRoutesInputSchema>;

/**
 * The route of a call: the one naming both its URA option and its queue, else its option, else its
 * queue. Read where the call is looked up (the pop) and where its attendance is shown (the desk).
 */
export async function uraRouteFor(manager: EntityManager, option: string | null, queue: string | null): Promise<UraRouteMatch | null> {
  if (!option && !queue) return null;
  const [row] = await manager.query<{ ura_option: string | null; queue: string | null; category_id: string; category_name: string }[]>(
    `SELECT r.ura_option, r.queue, r.category_id, c.name AS category_name
       FROM ura_routes r JOIN categories c ON c.id = r.category_id
      WHERE c.active AND (r.ura_option = $1 OR r.ura_option IS NULL) AND (r.queue = $2 OR r.queue IS NULL)
      ORDER BY (r.ura_option IS NOT NULL AND r.queue IS NOT NULL) DESC, (r.ura_option IS NOT NULL) DESC
      LIMIT 1`,
    [option, queue],
  );
  if (!row) return null;
  const by = row.ura_option !== null ? `Opção ${row.ura_option}` : `Fila ${row.queue}`;
  return { categoryId: row.category_id, categoryName: row.category_name, label: `${by} — ${row.category_name}` };
}

type KeptRoute = { option: string | null; queue: string | null; categoryId: string; categoryName: string };

/** Another node's change to the table reaches this one's pops within this long. */
const RELOAD_EVERY_MS = 10_000;

/** The route naming both the call's option and queue, else its option, else its queue (as uraRouteFor ranks them). */
export function pickUraRoute(routes: readonly KeptRoute[], option: string | null, queue: string | null): UraRouteMatch | null {
  const fits = (route: KeptRoute) => (route.option === null || route.option === option) && (route.queue === null || route.queue === queue);
  const rank = (route: KeptRoute) => (route.option !== null && route.queue !== null ? 2 : route.option !== null ? 1 : 0);
  const best = routes.filter(fits).sort((a, b) => rank(b) - rank(a))[0];
  if (!best || (!option && !queue)) return null;
  const by = best.option !== null ? `Opção ${best.option}` : `Fila ${best.queue}`;
  return { categoryId: best.categoryId, categoryName: best.categoryName, label: `${by} — ${best.categoryName}` };
}

/**
 * The URA routes table, administered on the Telefonia tab: replaced whole, in the admin's order.
 * The pop reads it from memory (no query on the call's path): reloaded at start, after a change
 * here, and every RELOAD_EVERY_MS for changes made on another node.
 */
@Injectable()
export class UraRouteTable implements OnApplicationBootstrap, OnApplicationShutdown {
  private kept: KeptRoute[] = [];
  private reloads: NodeJS.Timeout | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    this.reloads = setInterval(() => void this.reload().catch(() => undefined), RELOAD_EVERY_MS);
    this.reloads.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.reloads);
  }

  /** The call's route, from memory. */
  match(option: string | null, queue: string | null): UraRouteMatch | null {
    return pickUraRoute(this.kept, option, queue);
  }

  private async reload(): Promise<void> {
    const rows = await this.dataSource.query<{ ura_option: string | null; queue: string | null; category_id: string; category_name: string }[]>(
      'SELECT r.ura_option, r.queue, r.category_id, c.name AS category_name FROM ura_routes r JOIN categories c ON c.id = r.category_id WHERE c.active',
    );
    this.kept = rows.map((row) => ({ option: row.ura_option, queue: row.queue, categoryId: row.category_id, categoryName: row.category_name }));
  }

  async list(manager: EntityManager = this.dataSource.manager): Promise<UraRoutes> {
    const rows = await manager.query<{ ura_option: string | null; queue: string | null; category_id: string; category_name: string }[]>(
      'SELECT r.ura_option, r.queue, r.category_id, c.name AS category_name FROM ura_routes r JOIN categories c ON c.id = r.category_id ORDER BY r.position',
    );
    return { routes: rows.map((row) => ({ option: row.ura_option, queue: row.queue, categoryId: row.category_id, categoryName: row.category_name })) };
  }

  async replace({ routes }: ParsedRoutes): Promise<UraRoutes> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const ids = [...new Set(routes.map((route) => route.categoryId))];
      const known = new Set((await manager.query<{ id: string }[]>('SELECT id FROM categories WHERE id = ANY($1)', [ids])).map((row) => row.id));
      const unknown = Object.fromEntries(
        routes.flatMap((route, index) => (known.has(route.categoryId) ? [] : [[`routes.${index}.categoryId`, 'Sessão não encontrada.']])),
      );
      if (Object.keys(unknown).length) throw new ApiException(400, 'VALIDATION_FAILED', 'Corrija as rotas indicadas.', unknown);
      await manager.query('DELETE FROM ura_routes');
      if (routes.length) {
        await manager.query(
          'INSERT INTO ura_routes (ura_option, queue, category_id, position) SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::int[])',
          [routes.map((route) => route.option), routes.map((route) => route.queue), routes.map((route) => route.categoryId), routes.map((_, index) => index)],
        );
      }
      return this.list(manager);
    });
    await this.reload();
    return saved;
  }
}
