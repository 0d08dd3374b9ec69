/**
 * A button that opens the file chooser of a hidden file input and hands over the one file chosen. The input is
 * cleared before the file is read, so choosing the same file again fires again.
 */
import { type ReactNode, useRef } from 'react';

export function FilePickButton(props: { accept: string; testId: string; inputTestId: string; onFile: (f: File) => Promise<unknown>; children: ReactNode }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} data-testid={props.testId}>
        {props.children}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        data-testid={props.inputTestId}
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) await props.onFile(f);
        }}
      />
    </>
  );
}
