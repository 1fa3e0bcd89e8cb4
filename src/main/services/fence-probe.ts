import { dispatch } from '../ipc/dispatch';
import { createKeychainVault } from '../shell/keychain';
import { app } from 'electron';
export const probe = [dispatch, createKeychainVault, app];
