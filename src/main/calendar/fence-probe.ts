import { SqliteMailStore } from '../store/mail-store';
import { parseHeaderBlock } from '../mail/headers';
export const probe = [SqliteMailStore, parseHeaderBlock];
