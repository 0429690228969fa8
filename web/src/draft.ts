/**
 * The two hooks a page hands to its form: a change is merged into the page's draft and the page drawn again; a
 * submit goes to the page's own flow (whose promise the form does not wait for).
 */
export interface DraftHooks<T> {
  onChange: (patch: Partial<T>) => void;
  onSubmit: (form: HTMLFormElement) => void;
}

export function draftHooks<T extends object>(
  draft: T,
  keep: (next: T) => void,
  update: () => void,
  submit: (form: HTMLFormElement) => unknown,
): DraftHooks<T> {
  return {
    onChange: (patch) => {
      keep({ ...draft, ...patch });
      update();
    },
    onSubmit: (form) => void submit(form),
  };
}
