import type { PersonDataSection } from '@rsa/beneficiary';

/** The convocation's part of a data-subject export: tracks, appointments and their history, the messages sent, alerts. */
export const convocationPersonData: PersonDataSection = async (runner, personId) => {
  const q = (sql: string) => runner.query(sql, [personId]);
  return {
    tracks: await q(`SELECT * FROM convocation_track WHERE person_id = $1 ORDER BY updated_at`),
    appointments: await q(`SELECT * FROM convocation_appointment WHERE person_id = $1 ORDER BY created_at`),
    appointmentEvents: await q(`SELECT * FROM convocation_appointment_event WHERE appointment_id IN (SELECT id FROM convocation_appointment WHERE person_id = $1) ORDER BY id`),
    messages: await q(`SELECT * FROM notification_message WHERE person_id = $1 ORDER BY created_at`),
    campaigns: await q(`SELECT * FROM convocation_campaign_member WHERE person_id = $1`),
    alerts: await q(`SELECT * FROM convocation_alert WHERE person_id = $1 ORDER BY created_at`),
  };
};
