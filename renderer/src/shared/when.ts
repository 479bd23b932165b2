import { format } from 'date-fns';

/**
 * An instant (ISO, UTC) as this laptop's time, yyyy-MM-dd HH:mm in every language and whatever
 * the browser's locale; what is not a time is shown as it is.
 */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : format(at, 'yyyy-MM-dd HH:mm');
}
