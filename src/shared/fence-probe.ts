import { statusAt } from '../main/domain/obligations';
import { ipcRenderer } from 'electron';
export const probe = [statusAt, ipcRenderer];
export const cwd = process.cwd();
