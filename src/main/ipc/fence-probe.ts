import { app } from 'electron';
export const probe = [app];
