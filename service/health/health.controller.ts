import { Controller, Example, Get, Response, Route, Tags } from '@tsoa/runtime';
import type { HealthService, Readiness } from './health.service';

export interface Liveness {
  status: 'ok';
}

@Route('')
@Tags('health')
export class HealthController extends Controller {
  constructor(private readonly health: HealthService) {
    super();
  }

  /**
   * Answers at once without touching any dependency: the load balancer's liveness check.
   * @summary Liveness
   */
  @Get('health')
  @Example<Liveness>({ status: 'ok' })
  public getHealth(): Liveness {
    return { status: 'ok' };
  }

  /**
   * Checks the database, document storage and the queue; 503 names what is down.
   * @summary Readiness
   */
  @Get('ready')
  @Response<Readiness>(503, 'A dependency is down')
  @Example<Readiness>({ status: 'ready', checks: { database: 'up', storage: 'up', queue: 'up' }, problems: [] })
  public async getReady(): Promise<Readiness> {
    const readiness = await this.health.readiness();
    if (readiness.status !== 'ready') this.setStatus(503);
    return readiness;
  }
}
