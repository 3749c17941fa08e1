// Placements as ops and compliance read them (every agency's) and as an agency reads them (its own
// only: another's is answered as though it did not exist).
import { Injectable } from '@nestjs/common';
import type { PlacementView } from '../../../db/repositories/agency-placement.repository.js';
import type { Principal } from '../auth/principal.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { agencyOf, agencyToRead, placementFor } from './agency-scope.js';

@Injectable()
export class ReadPlacementsUseCase {
  constructor(private readonly db: Database) {}

  async list(caller: Principal, agency: string | undefined, limit: number): Promise<PlacementView[]> {
    return (await this.db.agencyPlacements().list({ agencyId: agencyToRead(caller, agency), limit })).map((p) => placementFor(caller, p));
  }

  async get(caller: Principal, placementId: string): Promise<PlacementView> {
    const placement = await this.db.agencyPlacements().get(placementId, agencyOf(caller));
    if (!placement) throw new ProblemException('placementNotFound', `there is no placement ${placementId}`);
    return placementFor(caller, placement);
  }
}
