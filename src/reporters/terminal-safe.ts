import { stripVTControlCharacters } from 'node:util';

// C0 controls but tab, DEL and C1 controls: what a terminal may act on even outside an escape sequence.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from a repository made harmless for a terminal: escape sequences (colours, cursor moves,
 * OSC 8 links, title changes) are removed, and other control characters (carriage return,
 * backspace, bell) shown as U+FFFD, so file content can neither repaint nor hide lines.
 */
export function terminalSafe(text: string): string {
  return stripVTControlCharacters(text).replace(/\r?\n/g, ' ').replace(CONTROLS, '\uFFFD');
}
