// The UI's words in the active language (only English so far; a Korean module will have the same shape).
import { en, type UiText } from './en.ts';

export const t: UiText = en;
export { formatMs } from './en.ts';
