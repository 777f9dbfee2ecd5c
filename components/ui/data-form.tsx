import type { FormHTMLAttributes, Ref } from "react";

/**
 * A form the page handles itself: the browser's own validation and submission are off (the server
 * names the fields), and the handler gets the form's data and element.
 */
export function DataForm({
  onData,
  ref,
  children,
  ...props
}: Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit"> & { onData: (data: FormData, form: HTMLFormElement) => void; ref?: Ref<HTMLFormElement> }) {
  return (
    <form
      {...props}
      ref={ref}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onData(new FormData(event.currentTarget), event.currentTarget);
      }}
    >
      {children}
    </form>
  );
}
