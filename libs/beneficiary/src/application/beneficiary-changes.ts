import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
// The full metadata (as the SMS channel uses): a number is valid only if allocated, and its type is known.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { checkNir, Clock, maskNir, parisDateOf, Permission, receivesSms, type Actor } from '@rsa/kernel';
import { actorRef, type AccessPolicy, type CaseGrants, type GrantBasis } from '@rsa/access';
import { diffOf, inPgTransaction, type AuditTrail } from '@rsa/platform';
import { BeneficiaryError, BeneficiaryErrorCode } from '../domain/beneficiary-errors';
import { checkRequestedValue, type RectifiableField } from '../domain/rectification';
import type { NirVault } from '../infrastructure/nir-vault';
import type { ContactFollowers } from './contact-followers';
import type { PersonAccess } from './person-access';

export interface ContactPatch {
  /** A French or international number; null removes it (and the SMS consent with it). */
  phone?: string | null;
  email?: string | null;
  smsConsent?: boolean;
  emailConsent?: boolean;
}


export interface ShareRequest {
  professionalId?: string | null;
  structureId?: string | null;
  basis: GrantBasis;
  reasonCode?: string;
  validTo?: string | null;
}

/**
 * Changes to a beneficiary's file that are the product's own (the CAF data is only changed by the
 * CAF's files): contact details and consent, rectification requests to forward to the CAF, and who
 * the file is shared with. Each change is written with its audit entry (before/after) in one
 * transaction.
 */
export class BeneficiaryChanges {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly grants: CaseGrants,
    private readonly vault: NirVault,
    private readonly clock: Clock,
    private readonly followers: ContactFollowers,
  ) {}

  async updateContact(actor: Actor, personId: string, patch: ContactPatch) {
    const action = 'beneficiary.contact.update';
    const { anonymised } = await this.access.require(actor, Permission.BeneficiaryRectify, personId, action);
    if (anonymised) throw new BeneficiaryError(BeneficiaryErrorCode.Anonymised, 'This file was anonymised at the end of its retention period');
    const phone = patch.phone === undefined ? undefined : patch.phone === null ? null : normalisePhone(patch.phone);
    return inPgTransaction(this.pool, async (runner) => {
      const [before] = await runner.query<{ phone: string | null; email: string | null; smsConsent: boolean; emailConsent: boolean }>(
        `SELECT phone, email, sms_consent AS "smsConsent", email_consent AS "emailConsent" FROM beneficiary_contact WHERE person_id = $1 FOR UPDATE`,
        [personId],
      );
      const current = before ?? { phone: null, email: null, smsConsent: false, emailConsent: false };
      const nextPhone = phone === undefined ? current.phone : phone;
      const nextEmail = patch.email === undefined ? current.email : patch.email === null ? null : patch.email.trim().toLowerCase();
      // Consent is given for a number or an address: a new one needs it given again (in the same change, or later).
      const next = {
        phone: nextPhone,
        email: nextEmail,
        smsConsent: patch.smsConsent ?? (nextPhone === current.phone && current.smsConsent),
        emailConsent: patch.emailConsent ?? (nextEmail === current.email && current.emailConsent),
      };
      // Consent to a channel we have no address for means nothing: it goes with the address.
      if (next.phone === null) next.smsConsent = false;
      if (next.email === null) next.emailConsent = false;
      if (patch.smsConsent && next.phone === null) throw invalidContact('SMS consent needs a phone number');
      if (patch.emailConsent && next.email === null) throw invalidContact('Email consent needs an email address');
      if (patch.smsConsent && next.phone !== null && !receivesSms(next.phone)) throw invalidContact('SMS consent needs a mobile number: this one cannot receive SMS');
      // The moment of consent is the last time it was given or withdrawn: given for a new number or
      // address (while the old one had it) is a new consent, though the flag reads the same before and
      // after. A form that sends the flags again with nothing else changed re-dates nothing.
      const consentRenewed =
        (next.smsConsent && current.smsConsent && next.phone !== current.phone) || (next.emailConsent && current.emailConsent && next.email !== current.email);
      const consentChanged = next.smsConsent !== current.smsConsent || next.emailConsent !== current.emailConsent || consentRenewed;
      const [row] = await runner.query(
        `INSERT INTO beneficiary_contact (person_id, phone, email, sms_consent, email_consent, consent_at, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END, now(), $7)
         ON CONFLICT (person_id) DO UPDATE SET phone = EXCLUDED.phone, email = EXCLUDED.email, sms_consent = EXCLUDED.sms_consent,
           email_consent = EXCLUDED.email_consent, consent_at = CASE WHEN $6 THEN now() ELSE beneficiary_contact.consent_at END,
           updated_at = now(), updated_by = EXCLUDED.updated_by
         RETURNING phone, email, sms_consent AS "smsConsent", email_consent AS "emailConsent", consent_at AS "consentAt", updated_at AS "updatedAt"`,
        [personId, next.phone, next.email, next.smsConsent, next.emailConsent, consentChanged, actorRef(actor)],
      );
      await this.audit.record(
        {
          actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId], reasonCode: 'contact-update', diff: diffOf(current, next),
          // Consent given again for the new number or address: the flags read the same, the trail says so.
          ...(consentRenewed ? { detail: { consentRenewed: true } } : {}),
        },
        runner,
      );
      await this.followers.changed(runner, {
        personId,
        sms: { before: current.phone !== null && current.smsConsent, after: next.phone !== null && next.smsConsent },
        now: this.clock.now(),
      });
      return row;
    });
  }

  async requestRectification(actor: Actor, personId: string, request: { field: RectifiableField; requestedValue: string; reasonCode?: string }) {
    const action = 'beneficiary.rectification.request';
    const target = { type: 'person', id: personId };
    const { anonymised } = await this.access.require(actor, Permission.BeneficiaryRectify, personId, action);
    const reason = await this.policy.requireReason(actor, 'rectification', request.reasonCode, { action, target, subjectIds: [personId] });
    if (anonymised) throw new BeneficiaryError(BeneficiaryErrorCode.Anonymised, 'This file was anonymised at the end of its retention period');
    // A NIR is checked (13 characters, or 15 with the right key) and kept sealed like every NIR at
    // rest: the trail shows it masked.
    let nir13: string | null = null;
    let requestedValue = request.requestedValue;
    if (request.field === 'nir') {
      const check = checkNir(request.requestedValue);
      if (!check.valid || check.nir13 === null) throw new BeneficiaryError(BeneficiaryErrorCode.InvalidNir, 'The requested NIR is not valid: 13 characters, or 15 with the right key');
      nir13 = check.nir13;
    } else {
      const checked = checkRequestedValue(request.field, request.requestedValue, parisDateOf(this.clock.now()));
      if ('refusal' in checked) throw new BeneficiaryError(BeneficiaryErrorCode.InvalidRectification, checked.refusal, { field: request.field });
      requestedValue = checked.value;
    }
    return inPgTransaction(this.pool, async (runner) => {
      const id = randomUUID();
      const [row] = await runner.query(
        `INSERT INTO beneficiary_rectification (id, person_id, field, requested_value, requested_nir_encrypted, reason_code, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, field, reason_code AS "reasonCode", status, requested_at AS "requestedAt"`,
        [id, personId, request.field, nir13 === null ? requestedValue : null, nir13 === null ? null : this.vault.encrypt(nir13), reason, actorRef(actor)],
      );
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'rectification', id },
          subjectIds: [personId],
          reasonCode: reason,
          detail: { field: request.field },
          diff: { [request.field]: { before: null, after: nir13 === null ? requestedValue : maskNir(nir13) } },
        },
        runner,
      );
      return row;
    });
  }

  /** Shares the file with a professional or a structure (a coordinator, within their territory). */
  async share(actor: Actor, personId: string, request: ShareRequest) {
    const action = 'beneficiary.share';
    const target = { type: 'person', id: personId };
    await this.policy.require(actor, Permission.AccessGrant, { action, target, subjectIds: [personId] });
    const reason = await this.policy.requireReason(actor, 'grant', request.reasonCode, { action, target, subjectIds: [personId] });
    await this.access.require(actor, Permission.AccessGrant, personId, action);
    return inPgTransaction(this.pool, async (runner) => {
      const grant = await this.grants.insert(runner, actor, {
        personId,
        professionalId: request.professionalId ?? null,
        structureId: request.structureId ?? null,
        basis: request.basis,
        reasonCode: reason,
        validTo: request.validTo ? new Date(request.validTo) : null,
      });
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'case-grant', id: grant.id },
          subjectIds: [personId],
          reasonCode: reason,
          detail: { professionalId: grant.professionalId, structureId: grant.structureId, basis: grant.basis, validTo: grant.validTo },
        },
        runner,
      );
      return grant;
    });
  }

  async revokeShare(actor: Actor, personId: string, grantId: string, reasonCode: string | undefined) {
    const action = 'beneficiary.share.revoke';
    const target = { type: 'case-grant', id: grantId };
    await this.policy.require(actor, Permission.AccessGrant, { action, target, subjectIds: [personId] });
    const reason = await this.policy.requireReason(actor, 'grantRevoke', reasonCode, { action, target, subjectIds: [personId] });
    await this.access.require(actor, Permission.AccessGrant, personId, action);
    return inPgTransaction(this.pool, async (runner) => {
      const grant = await this.grants.revoke(runner, actor, personId, grantId);
      await this.audit.record({ actor, action, outcome: 'allowed', target, subjectIds: [personId], reasonCode: reason, detail: { professionalId: grant.professionalId, structureId: grant.structureId } }, runner);
      return { ...grant, active: false };
    });
  }
}

/**
 * The overseas departments and collectivities whose numbers are written, in France, the national way
 * (ten digits from 0: `0692 12 34 56` is a Réunion mobile, `0269 61 23 45` a Mayotte landline) but
 * carry their own country code. Their ranges are carved out of the national plan, so a number one of
 * them finds valid is theirs, though mainland France's metadata may accept its shape too (0269…);
 * the others are mainland France's.
 */
const OVERSEAS_REGIONS = ['RE', 'YT', 'GP', 'MQ', 'GF', 'BL', 'MF', 'PM'] as const;
const OVERSEAS_TYPES: ReadonlySet<string> = new Set(['FIXED_LINE', 'MOBILE', 'FIXED_LINE_OR_MOBILE']);

function normalisePhone(raw: string): string {
  if (/^\s*(\+|00)/.test(raw)) {
    // Written with its country code: that is its reading.
    const parsed = parsePhoneNumberFromString(raw, 'FR');
    if (parsed?.isValid()) return parsed.number; // E.164
    throw invalidContact('This is not a valid phone number');
  }
  // A landline or a mobile of theirs; the national services (08 free or shared-cost numbers), which
  // their metadata accepts too, are mainland France's.
  for (const region of OVERSEAS_REGIONS) {
    const parsed = parsePhoneNumberFromString(raw, region);
    if (parsed?.isValid() && OVERSEAS_TYPES.has(parsed.getType() ?? '')) return parsed.number; // E.164
  }
  const mainland = parsePhoneNumberFromString(raw, 'FR');
  if (mainland?.isValid()) return mainland.number;
  throw invalidContact('This is not a valid phone number');
}

const invalidContact = (message: string) => new BeneficiaryError(BeneficiaryErrorCode.InvalidContact, message);
