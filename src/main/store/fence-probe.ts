import { parseHeaderBlock } from '../mail/headers';
export const probe = [parseHeaderBlock];
