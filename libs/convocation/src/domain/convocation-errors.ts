import { CodedError } from '@rsa/kernel';

export enum ConvocationErrorCode {
  PlaceNotFound = 'CONVOCATION_PLACE_NOT_FOUND',
  AgendaNotFound = 'CONVOCATION_AGENDA_NOT_FOUND',
  SlotNotFound = 'CONVOCATION_SLOT_NOT_FOUND',
  SlotFull = 'CONVOCATION_SLOT_FULL',
  SlotBooked = 'CONVOCATION_SLOT_BOOKED',
  AppointmentNotFound = 'CONVOCATION_APPOINTMENT_NOT_FOUND',
  AppointmentNotActive = 'CONVOCATION_APPOINTMENT_NOT_ACTIVE',
  AttendanceTooEarly = 'CONVOCATION_ATTENDANCE_TOO_EARLY',
  AppointmentBegun = 'CONVOCATION_APPOINTMENT_BEGUN',
  NothingToBook = 'CONVOCATION_NOTHING_TO_BOOK',
  InvalidSchedule = 'CONVOCATION_INVALID_SCHEDULE',
  AlertNotFound = 'CONVOCATION_ALERT_NOT_FOUND',
  CampaignNotFound = 'CONVOCATION_CAMPAIGN_NOT_FOUND',
  TerritoryNotFound = 'CONVOCATION_TERRITORY_NOT_FOUND',
}

export class ConvocationError extends CodedError<ConvocationErrorCode> {}

export const CONVOCATION_ERROR_STATUS: Record<ConvocationErrorCode, number> = {
  [ConvocationErrorCode.PlaceNotFound]: 404,
  [ConvocationErrorCode.AgendaNotFound]: 404,
  [ConvocationErrorCode.SlotNotFound]: 404,
  [ConvocationErrorCode.SlotFull]: 409,
  [ConvocationErrorCode.SlotBooked]: 409,
  [ConvocationErrorCode.AppointmentNotFound]: 404,
  [ConvocationErrorCode.AppointmentNotActive]: 409,
  [ConvocationErrorCode.AttendanceTooEarly]: 409,
  [ConvocationErrorCode.AppointmentBegun]: 409,
  [ConvocationErrorCode.NothingToBook]: 409,
  [ConvocationErrorCode.InvalidSchedule]: 422,
  [ConvocationErrorCode.AlertNotFound]: 404,
  [ConvocationErrorCode.CampaignNotFound]: 404,
  [ConvocationErrorCode.TerritoryNotFound]: 404,
};
