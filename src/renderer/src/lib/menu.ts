/** One entry of a row's "More" menu. */
export interface MenuItem {
  label: string;
  /** A longer name for screen readers, starting with the visible label. */
  ariaLabel?: string;
  run: () => void;
}
