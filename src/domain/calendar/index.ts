/**
 * The business calendar: contact hours, holidays and pauses turned into deadlines and
 * elapsed business time. Pure functions over UTC epoch milliseconds; the clock is an argument.
 */
export type {
  BusinessDuration,
  CalendarSpec,
  ContactHours,
  DailyInterval,
  DateRange,
  PauseInterval,
  Weekday,
} from "./calendar-spec.js";
export { type BusinessCalendar, compileCalendar } from "./business-calendar.js";
export { InvalidCalendarError, NoBusinessHoursError } from "./calendar-errors.js";
export { addBusinessTime, businessMinutesBetween } from "./business-time.js";
export { addBusinessDays } from "./business-days.js";
export { dueAfter } from "./due-date.js";
export { closeOfLocalDay, hasContactTimeBefore, isWithinContactHours, nextOpening } from "./contact-hours.js";
