import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Convocation context: places, closures, agendas and their slots (capacity checked in the row), the
 * appointments (a partial unique index: one appointment still expecting the person per path and kind)
 * and their events, the per-path convocation track the planner works from, the outbox of messages and
 * their receipts, coordinators' alerts, territory policies, stock reprise campaigns. Generated from
 * the entities, then reviewed.
 */
export class Convocations1796110000000 implements MigrationInterface {
    name = 'Convocations1796110000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "convocation_track" (
                "path_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "territory_id" character varying(40),
                "state" character varying(10) NOT NULL,
                "deadline" date NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "excused" integer NOT NULL DEFAULT '0',
                "last_outcome" character varying(8),
                "appointment_id" uuid,
                "invited_on" date,
                "invitation_expires_on" date,
                "next_action_at" TIMESTAMP WITH TIME ZONE,
                "origin" character varying(5) NOT NULL,
                "campaign_id" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_convocation_track" PRIMARY KEY ("path_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_track_territory" ON "convocation_track" ("territory_id", "state")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_track_due" ON "convocation_track" ("next_action_at")
            WHERE next_action_at IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_slot" (
                "id" uuid NOT NULL,
                "agenda_id" uuid NOT NULL,
                "place_id" uuid NOT NULL,
                "territory_id" character varying(40) NOT NULL,
                "kind" character varying(24) NOT NULL,
                "reception" character varying(12) NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "duration_minutes" integer NOT NULL,
                "capacity" integer NOT NULL,
                "booked" integer NOT NULL DEFAULT '0',
                "expected_roles" text array NOT NULL DEFAULT '{}',
                "professional_ids" uuid array NOT NULL DEFAULT '{}',
                "status" character varying(10) NOT NULL DEFAULT 'open',
                CONSTRAINT "ck_convocation_slot_capacity" CHECK (
                    booked >= 0
                    AND booked <= capacity
                ),
                CONSTRAINT "pk_convocation_slot" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_slot_agenda" ON "convocation_slot" ("agenda_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_slot_open" ON "convocation_slot" ("kind", "starts_at")
            WHERE status = 'open'
        `);
        await queryRunner.query(`
            CREATE TABLE "notification_receipt" (
                "id" BIGSERIAL NOT NULL,
                "message_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "channel" character varying(6) NOT NULL,
                "provider" character varying(40) NOT NULL,
                "provider_message_id" character varying(120),
                "status" character varying(16) NOT NULL,
                "error" character varying(300),
                CONSTRAINT "pk_notification_receipt" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_receipt_message" ON "notification_receipt" ("message_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_policy" (
                "territory_id" character varying(40) NOT NULL,
                "invite_first" boolean NOT NULL DEFAULT false,
                "invitation_reminder_days" integer NOT NULL DEFAULT '3',
                "invitation_expiry_days" integer NOT NULL DEFAULT '6',
                "relance_within_days" integer NOT NULL DEFAULT '10',
                "max_relances" integer NOT NULL DEFAULT '2',
                "min_lead_working_days" integer NOT NULL DEFAULT '2',
                "reminder_working_days_before" integer NOT NULL DEFAULT '2',
                "send_from" character varying(5) NOT NULL DEFAULT '09:00',
                "send_until" character varying(5) NOT NULL DEFAULT '19:00',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_by" character varying(200) NOT NULL,
                CONSTRAINT "pk_convocation_policy" PRIMARY KEY ("territory_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "notification_message" (
                "id" uuid NOT NULL,
                "dedupe_key" character varying(160) NOT NULL,
                "person_id" uuid NOT NULL,
                "path_id" uuid NOT NULL,
                "appointment_id" uuid,
                "appointment_version" integer,
                "channel" character varying(6) NOT NULL,
                "kind" character varying(20) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "not_after" TIMESTAMP WITH TIME ZONE,
                "status" character varying(9) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "outcome" character varying(80),
                "context" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_notification_message" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_message_dedupe" ON "notification_message" ("dedupe_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_message_person" ON "notification_message" ("person_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_message_appointment" ON "notification_message" ("appointment_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_message_due" ON "notification_message" ("due_at")
            WHERE status = 'pending'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_message_claimed" ON "notification_message" ("claimed_at")
            WHERE status = 'sending'
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_place" (
                "id" uuid NOT NULL,
                "territory_id" character varying(40) NOT NULL,
                "structure_id" uuid,
                "name" character varying(160) NOT NULL,
                "address_lines" text array NOT NULL,
                "postcode" character varying(5) NOT NULL,
                "city" character varying(80) NOT NULL,
                "access_information" character varying(300),
                "contact_phone" character varying(20) NOT NULL,
                "contact_hours" character varying(120) NOT NULL,
                "opening_hours" jsonb NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_convocation_place" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_place_territory" ON "convocation_place" ("territory_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_closure" (
                "id" uuid NOT NULL,
                "place_id" uuid NOT NULL,
                "from_day" date NOT NULL,
                "to_day" date NOT NULL,
                "reason" character varying(120) NOT NULL,
                CONSTRAINT "pk_convocation_closure" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_closure_place" ON "convocation_closure" ("place_id", "from_day")
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_campaign" (
                "id" uuid NOT NULL,
                "territory_id" character varying(40) NOT NULL,
                "name" character varying(120) NOT NULL,
                "segment" character varying(20) NOT NULL,
                "priority" character varying(20) NOT NULL,
                "monthly_pace" integer NOT NULL,
                "from_month" character varying(7) NOT NULL,
                "to_month" character varying(7) NOT NULL,
                "status" character varying(8) NOT NULL DEFAULT 'active',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" character varying(200) NOT NULL,
                CONSTRAINT "pk_convocation_campaign" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_campaign_territory" ON "convocation_campaign" ("territory_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_campaign_member" (
                "campaign_id" uuid NOT NULL,
                "path_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "rank" integer NOT NULL,
                "released_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_convocation_campaign_member" PRIMARY KEY ("campaign_id", "path_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_campaign_member_rank" ON "convocation_campaign_member" ("campaign_id", "rank")
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_appointment" (
                "id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "path_id" uuid NOT NULL,
                "slot_id" uuid NOT NULL,
                "place_id" uuid NOT NULL,
                "kind" character varying(24) NOT NULL,
                "status" character varying(10) NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "attempt" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_convocation_appointment" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_appointment_slot" ON "convocation_appointment" ("slot_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_appointment_person" ON "convocation_appointment" ("person_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_convocation_appointment_active" ON "convocation_appointment" ("path_id", "kind")
            WHERE status IN ('planned', 'confirmed', 'moved')
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_appointment_event" (
                "id" BIGSERIAL NOT NULL,
                "appointment_id" uuid NOT NULL,
                "status_from" character varying(10),
                "status_to" character varying(10) NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "by" character varying(200) NOT NULL,
                "reason" character varying(60),
                "detail" jsonb,
                CONSTRAINT "pk_convocation_appointment_event" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_appointment_event_appointment" ON "convocation_appointment_event" ("appointment_id", "at")
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_alert" (
                "id" uuid NOT NULL,
                "territory_id" character varying(40),
                "kind" character varying(12) NOT NULL,
                "path_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "detail" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by" character varying(200),
                CONSTRAINT "pk_convocation_alert" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_alert_territory" ON "convocation_alert" ("territory_id", "kind")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_convocation_alert_open" ON "convocation_alert" ("path_id", "kind")
            WHERE resolved_at IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "convocation_agenda" (
                "id" uuid NOT NULL,
                "place_id" uuid NOT NULL,
                "name" character varying(120) NOT NULL,
                "kind" character varying(24) NOT NULL,
                "reception" character varying(12) NOT NULL,
                "duration_minutes" integer NOT NULL,
                "capacity" integer NOT NULL,
                "expected_roles" text array NOT NULL DEFAULT '{}',
                "active" boolean NOT NULL DEFAULT true,
                CONSTRAINT "pk_convocation_agenda" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_convocation_agenda_place" ON "convocation_agenda" ("place_id", "kind")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_agenda_place"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_agenda"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_convocation_alert_open"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_alert_territory"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_alert"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_appointment_event_appointment"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_appointment_event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_convocation_appointment_active"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_appointment_person"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_appointment_slot"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_appointment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_campaign_member_rank"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_campaign_member"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_campaign_territory"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_campaign"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_closure_place"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_closure"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_place_territory"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_place"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_message_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_message_claimed"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_message_appointment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_message_person"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_notification_message_dedupe"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_message"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_policy"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_receipt_message"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_receipt"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_slot_open"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_slot_agenda"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_slot"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_track_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_convocation_track_territory"
        `);
        await queryRunner.query(`
            DROP TABLE "convocation_track"
        `);
    }

}
