// Calendar days in Türkiye (UTC+3 all year) for the KVKK desk's dates, shown as dd.MM.yyyy.
import { displayDate } from '../../../../shared/domain';

export const TURKEY_OFFSET_MS = 3 * 60 * 60 * 1000;

/** The Turkish calendar day of a moment, in the display format (dd.MM.yyyy). */
export const day = (ms: number) => displayDate(new Date(ms + TURKEY_OFFSET_MS).toISOString().slice(0, 10));

/** Today in Türkiye as yyyy-mm-dd (a date input's value). */
export const todayIso = () => new Date(Date.now() + TURKEY_OFFSET_MS).toISOString().slice(0, 10);
