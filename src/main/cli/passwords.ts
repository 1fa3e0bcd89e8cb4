/**
 * Where the command line takes account passwords from: `--password-env VAR` (one password,
 * for one account), `--password-env ACCOUNT_ID=VAR` (repeatable, one per account), or the
 * terminal, asked without echo. One password is never handed to several accounts: each
 * account's server would receive it, and only one of them is the server it belongs to.
 */
import { UsageError } from './usage-error';

export interface PasswordOptions {
  /** Every `--password-env` given, in order. */
  entries: readonly string[];
  env: Record<string, string | undefined>;
  askPassword?: (question: string) => Promise<string>;
}

export interface Passwords {
  /** The one password for a command about one account (add, test). */
  single(): Promise<string>;
  /**
   * A password for each account to sync. `chosen` is true when the user named the account
   * (`--account`): then a plain `--password-env VAR` is for that one.
   */
  forAccounts(
    accounts: readonly { id: string; label: string; email: string }[],
    chosen: boolean,
  ): Promise<Map<string, string>>;
}

const PER_ACCOUNT = /^([^=\s]+)=([^=\s]+)$/;

export function passwordsFrom(options: PasswordOptions): Passwords {
  const plain: string[] = [];
  const perAccount = new Map<string, string>();
  for (const entry of options.entries) {
    const match = PER_ACCOUNT.exec(entry);
    if (match) perAccount.set(match[1]!, match[2]!);
    else plain.push(entry);
  }
  if (plain.length > 1) {
    throw new UsageError(
      'give --password-env VAR once, or once per account as --password-env ACCOUNT_ID=VAR',
    );
  }

  const read = (name: string): string => {
    const value = options.env[name];
    if (!value) throw new UsageError(`the environment variable ${name} is empty or not set`);
    return value;
  };
  const ask = async (question: string): Promise<string> => {
    if (!options.askPassword) {
      throw new UsageError('give the password through an environment variable: --password-env VAR');
    }
    const typed = await options.askPassword(question);
    if (!typed) throw new UsageError('no password entered');
    return typed;
  };

  return {
    async single() {
      if (plain[0] !== undefined) return read(plain[0]);
      if (perAccount.size > 0) {
        throw new UsageError('this command takes one password: --password-env VAR');
      }
      return ask('Password: ');
    },

    async forAccounts(accounts, chosen) {
      const ids = new Set(accounts.map((a) => a.id));
      for (const id of perAccount.keys()) {
        if (!ids.has(id) && !chosen) {
          throw new UsageError(
            `--password-env ${id}=…: there is no account ${id} (see followthrough account list)`,
          );
        }
      }
      const single = accounts.length === 1 && (chosen || perAccount.size === 0);
      if (plain[0] !== undefined && !single) {
        throw new UsageError(
          `there are ${accounts.length} accounts, and one password would go to every one of their servers. ` +
            'Sync one account with --account ID --password-env VAR, or give one variable per account: ' +
            accounts.map((a) => `--password-env ${a.id}=VAR`).join(' ') +
            ' (ids from followthrough account list)',
        );
      }
      const out = new Map<string, string>();
      for (const account of accounts) {
        const name = perAccount.get(account.id) ?? (single ? plain[0] : undefined);
        if (name !== undefined) out.set(account.id, read(name));
        else if (perAccount.size > 0) {
          throw new UsageError(
            `no password for account ${account.id} (${account.label}): add --password-env ${account.id}=VAR`,
          );
        } else {
          out.set(
            account.id,
            await ask(single ? 'Password: ' : `Password for ${account.label} (${account.email}): `),
          );
        }
      }
      return out;
    },
  };
}
