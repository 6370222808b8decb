/**
 * What a message to a beneficiary says, whatever the channel (letter, email, SMS): who, which
 * appointment, what to bring, how to move it. Built by the convocation context from its rows, handed
 * to the channels, which render and send it. No NIR, ever.
 */
export type NoticeKind =
  /** You are convened: date, time, place. */
  | 'convocation'
  /** Reminder before the appointment (SMS, 2 working days before). */
  | 'reminder'
  /** Invite-first territories: please book an appointment before a date. */
  | 'invitation'
  /** Reminder of an invitation not answered yet. */
  | 'invitation-reminder'
  /** The invitation to book no longer stands (no need to book; a letter follows if one is needed). */
  | 'invitation-withdrawn'
  /** Your appointment moved: the new date, time, place. */
  | 'moved'
  /** Your appointment is cancelled (a new one will follow, or none is needed any more). */
  | 'cancelled'
  /** You missed your appointment: a new convocation (the Nth). */
  | 'relance';

export interface PostalAddress {
  /** Lines above the postcode line, as the CAF wrote them (building, number and street, locality). */
  lines: string[];
  postcode: string;
  city: string;
}

export interface NoticeRecipient {
  civility: 'M.' | 'Mme' | null;
  firstName: string;
  lastName: string;
  /** Where the letter goes; null when the CAF has no usable address (the letter cannot be sent). */
  address: PostalAddress | null;
}

export interface NoticeAppointment {
  /** The instant it starts; channels print it in Europe/Paris. */
  startsAt: Date;
  durationMinutes: number;
  reception: 'individual' | 'collective';
  /** What it is for, in the person's words: "un entretien d'orientation". */
  purpose: string;
  placeName: string;
  placeAddress: PostalAddress;
  /** Access, floor, public transport…, when known. */
  accessInformation: string | null;
}

export interface Notice {
  /** Unique and stable for this message: idempotency key, Message-ID, letter file name. */
  messageKey: string;
  kind: NoticeKind;
  /** The day the message is issued (YYYY-MM-DD, Paris). */
  issuedOn: string;
  /** The Maison Nord Emploi that signs it. */
  territoryName: string;
  recipient: NoticeRecipient;
  /** Null for an invitation (there is no appointment yet). */
  appointment: NoticeAppointment | null;
  /** A moved appointment: when it was. */
  previousStartsAt: Date | null;
  /** An invitation: book before this day (YYYY-MM-DD). */
  bookBy: string | null;
  /** A relance: which one (1, 2…). */
  relanceNumber: number | null;
  /** Whom to call to move the appointment or ask a question. */
  contact: { phone: string; hours: string };
  /** "Votre pièce d'identité", "Votre attestation CAF"… */
  bring: string[];
  /** Attendance is mandatory (rights and duties of the RSA, CASF L.262-28): printed on convocations. */
  mandatory: boolean;
}
