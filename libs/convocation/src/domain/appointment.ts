/** What an appointment is for (issue "Convocations": orientation/co-diagnostic, accompaniment, jalon, EP). */
export const APPOINTMENT_KINDS = ['orientation', 'accompaniment-first', 'accompaniment', 'jalon', 'ep'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const RECEPTIONS = ['individual', 'collective'] as const;
export type Reception = (typeof RECEPTIONS)[number];

/**
 * planned -> confirmed (the person said they will come) -> honoured | absent | excused; moved keeps
 * the appointment (its slot and version change); cancelled ends it. Each change is an event.
 */
export const APPOINTMENT_STATUSES = ['planned', 'confirmed', 'moved', 'honoured', 'absent', 'excused', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Statuses in which the person is still expected. */
export const ACTIVE_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['planned', 'confirmed', 'moved'];

/** Attendance, recorded by the professional once the appointment has started. */
export type Attendance = 'honoured' | 'absent' | 'excused';

/** In the person's words, on letters and SMS. */
export const PURPOSE: Record<AppointmentKind, string> = {
  orientation: "un entretien d'orientation",
  'accompaniment-first': "un premier rendez-vous d'accompagnement",
  accompaniment: "un rendez-vous d'accompagnement",
  jalon: 'un entretien de suivi de votre parcours',
  ep: "un passage en équipe pluridisciplinaire",
};
