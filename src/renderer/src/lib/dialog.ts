/**
 * Keeps a modal `<dialog>` in step with the state that says it is open: shown (after
 * `prepare` has reset its fields) when `open` turns true, closed when it turns false.
 * Call it from an `$effect`.
 */
export function syncModal(
  dialog: HTMLDialogElement | undefined,
  open: boolean,
  prepare?: () => void,
): void {
  if (!dialog) return;
  if (open && !dialog.open) {
    prepare?.();
    dialog.showModal();
  } else if (!open && dialog.open) {
    dialog.close();
  }
}
