import type { Request } from 'express';
import type { IocContainer, IocContainerFactory, ServiceIdentifier } from '@tsoa/runtime';
import { CasesController } from './cases/cases.controller';
import { DirectUploadsController } from './documents/direct-uploads.controller';
import { DocumentsController } from './documents/documents.controller';
import { DocumentEvidenceController } from './cases/evidence.controller';
import { HealthController } from './health/health.controller';
import { MonitorsController } from './monitors/monitors.controller';
import { ProgressController } from './progress/progress.controller';
import { ListsController } from './lists/lists.controller';
import { ReviewsController } from './reviews/reviews.controller';
import type { AppServices } from './services';
import { VerificationController } from './documents/verification.controller';

type Factory = (services: AppServices) => object;

const controllers = new Map<unknown, Factory>([
  [DocumentsController, (s) => new DocumentsController(s.documents)],
  [VerificationController, (s) => new VerificationController(s.documents)],
  [DirectUploadsController, (s) => new DirectUploadsController(s.directUploads)],
  [ProgressController, (s) => new ProgressController(s.progress)],
  [HealthController, (s) => new HealthController(s.health)],
  [CasesController, (s) => new CasesController(s.cases)],
  [DocumentEvidenceController, (s) => new DocumentEvidenceController(s.replay)],
  [MonitorsController, (s) => new MonitorsController(s.monitors)],
  [ListsController, (s) => new ListsController(s.lists)],
  [ReviewsController, (s) => new ReviewsController(s.reviews)],
]);

/** tsoa asks this for each controller; the services come from the app the request arrived at. */
export const iocContainer: IocContainerFactory<Request> = (req): IocContainer => ({
  get<T>(controller: ServiceIdentifier<T>): T {
    const factory = controllers.get(controller);
    if (!factory) throw new Error('Controller not registered in service/ioc.ts');
    return factory(req.app.locals.services as AppServices) as T;
  },
});
