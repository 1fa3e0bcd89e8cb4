import { openDatabase } from '../store/database';
import { createServices } from '../services';
import { parseIcs } from '../calendar/ics';
import { readFileSync } from 'node:fs';
export const probe = [openDatabase, createServices, parseIcs, readFileSync];
export const env = process.env.HOME;
export const bytes = Buffer.from('x');
