import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type UraRouteMatch, type UraRoutes, uraRoutesInputSchema } from '@receptivo/shared';
import type { z } from 'zod';
import { ApiException } from '../common/api-exception';

type ParsedRoutes = z.output<typeof uraRoutesInputSchema>;

type KeptRoute = UraRoutes['routes'][number];

/** Another node's change to the table reaches this one's pops at most this late. */
const STALE_AFTER_MS = 10_000;

/** The routes, in the admin's order; with `activeOnly`, those whose sessão is active (the ones a call may take). */
async function readRoutes(manager: EntityManager, activeOnly: boolean): Promise<KeptRoute[]> {
  const rows = await manager.query<{ ura_option: string | null; queue: string | null; category_id: string; category_name: string }[]>(
    `SELECT r.ura_option, r.queue, r.category_id, c.name AS category_name FROM ura_routes r JOIN categories c ON c.id = r.category_id
      ${activeOnly ? 'WHERE c.active' : ''} ORDER BY r.position`,
  );
  return rows.map((row) => ({ option: row.ura_option, queue: row.queue, categoryId: row.category_id, categoryName: row.category_name }));
}

/** The route of a call: the one naming both its URA option and its queue, else its option, else its queue. */
function pickUraRoute(routes: readonly KeptRoute[], option: string | null, queue: string | null): UraRouteMatch | null {
  if (!option && !queue) return null;
  const fits = (route: KeptRoute) => (route.option === null || route.option === option) && (route.queue === null || route.queue === queue);
  const rank = (route: KeptRoute) => (route.option !== null && route.queue !== null ? 2 : route.option !== null ? 1 : 0);
  const best = routes.filter(fits).sort((a, b) => rank(b) - rank(a))[0];
  if (!best) return null;
  const by = best.option !== null ? `Opção ${best.option}` : `Fila ${best.queue}`;
  return { categoryId: best.categoryId, categoryName: best.categoryName, label: `${by} — ${best.categoryName}` };
}

/** The route of an attendance's call as the table stands now (the desk's view; the table is a few rows). */
export async function uraRouteFor(manager: EntityManager, option: string | null, queue: string | null): Promise<UraRouteMatch | null> {
  return option || queue ? pickUraRoute(await readRoutes(manager, true), option, queue) : null;
}

/**
 * The URA routes table, administered on the Telefonia tab: replaced whole, in the admin's order.
 * The pop reads it from memory (no query on the call's path): loaded at start and after a change
 * here, and read again in the background when a pop finds it older than STALE_AFTER_MS (a change
 * made on another node).
 */
@Injectable()
export class UraRouteTable implements OnApplicationBootstrap {
  private kept: KeptRoute[] = [];
  private loadedAt = 0;
  private reloading: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): Promise<void> {
    return this.reload();
  }

  /** The call's route, from memory. */
  match(option: string | null, queue: string | null): UraRouteMatch | null {
    if (Date.now() - this.loadedAt > STALE_AFTER_MS) void this.reload().catch(() => undefined);
    return pickUraRoute(this.kept, option, queue);
  }

  async list(manager: EntityManager = this.dataSource.manager): Promise<UraRoutes> {
    return { routes: await readRoutes(manager, false) };
  }

  private reload(): Promise<void> {
    this.reloading ??= readRoutes(this.dataSource.manager, true)
      .then((routes) => {
        this.kept = routes;
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.reloading = null;
      });
    return this.reloading;
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
    // A read begun before the change would bring the old table back: after it, read again.
    await this.reloading?.catch(() => undefined);
    await this.reload();
    return saved;
  }
}
