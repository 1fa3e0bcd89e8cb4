import { SqliteMailStore } from '../store/mail-store';
import { ServiceError } from '../services/errors';
export const probe = [SqliteMailStore, ServiceError];
