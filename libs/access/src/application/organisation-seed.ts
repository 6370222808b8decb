import type { Pool } from 'pg';
import type { Actor, Role } from '@rsa/kernel';
import type { StructureKind } from '../domain/structure-kind';
import type { Organisation } from './organisation';

/** An organisation to load: territories with their communes, structures, professionals and habilitations. */
export interface OrganisationData {
  territories: { id: string; name: string; communes: { insee: string; name: string }[] }[];
  /** `code` identifies a structure across loads. */
  structures: { code: string; kind: StructureKind; name: string; territoryId: string | null }[];
  professionals: {
    subject: string;
    displayName: string;
    email?: string;
    habilitations: { role: Role; structureCode: string; territoryId?: string; validFrom: string; validTo?: string; extraPermissions?: string[] }[];
  }[];
}

export interface SeedResult {
  territories: number;
  structures: { created: number; existing: number };
  professionals: { created: number; existing: number };
  habilitations: { created: number; existing: number };
  /** Structure code -> id, subject -> professional id (for what the caller does next). */
  structureIds: Record<string, string>;
  professionalIds: Record<string, string>;
}

/**
 * Loads an organisation through the same commands an administrator uses (so every change is checked
 * and audited), and can run again: what already exists (structure by code, professional by subject,
 * habilitation by professional + role + structure) is left as it is.
 */
export class OrganisationSeed {
  constructor(
    private readonly pool: Pool,
    private readonly organisation: Organisation,
  ) {}

  async load(actor: Actor, data: OrganisationData): Promise<SeedResult> {
    const result: SeedResult = {
      territories: 0,
      structures: { created: 0, existing: 0 },
      professionals: { created: 0, existing: 0 },
      habilitations: { created: 0, existing: 0 },
      structureIds: {},
      professionalIds: {},
    };
    for (const t of data.territories) {
      await this.organisation.saveTerritory(actor, t.id, { name: t.name, communes: t.communes });
      result.territories++;
    }
    for (const s of data.structures) {
      const { rows } = await this.pool.query<{ id: string }>(`SELECT id FROM access_structure WHERE code = $1`, [s.code]);
      if (rows[0]) {
        result.structureIds[s.code] = rows[0].id;
        result.structures.existing++;
      } else {
        result.structureIds[s.code] = ((await this.organisation.createStructure(actor, s)) as { id: string }).id;
        result.structures.created++;
      }
    }
    for (const p of data.professionals) {
      const { rows } = await this.pool.query<{ id: string }>(`SELECT id FROM access_professional WHERE subject = $1`, [p.subject]);
      let id = rows[0]?.id;
      if (id) result.professionals.existing++;
      else {
        id = (await this.organisation.createProfessional(actor, { subject: p.subject, displayName: p.displayName, email: p.email ?? null })).id;
        result.professionals.created++;
      }
      result.professionalIds[p.subject] = id;
      for (const h of p.habilitations) {
        const structureId = result.structureIds[h.structureCode];
        if (!structureId) throw new Error(`Habilitation of ${p.subject}: no structure with code ${h.structureCode} in the data`);
        const existing = await this.pool.query(`SELECT 1 FROM access_habilitation WHERE professional_id = $1 AND role = $2 AND structure_id = $3`, [id, h.role, structureId]);
        if (existing.rowCount) {
          result.habilitations.existing++;
          continue;
        }
        await this.organisation.addHabilitation(actor, id, { ...h, structureId });
        result.habilitations.created++;
      }
    }
    return result;
  }
}
