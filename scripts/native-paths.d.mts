export declare function electronBindingDir(
  root: string,
  electronVersion: string,
  platform: string,
  arch: string,
): string;
