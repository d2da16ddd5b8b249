/**
 * Interrupt Kernel (SIGINT) in a notebook cell: the work is asked to stop through an AbortSignal, and the
 * kernel's own error message is replaced by one line saying what finished.
 */

/** Until `dispose()`, SIGINT aborts `signal` and the cell's error reads `recourse: <stopped()>`. */
export function onInterrupt(stopped: () => string): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = () => {
    controller.abort();
    replaceInterruptMessage(`recourse: ${stopped()}`);
  };
  process.on('SIGINT', handler);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', handler) };
}

/**
 * tslab answers Interrupt Kernel by writing its "Interrupted asynchronously" error, stack trace and all, to the
 * cell's stderr (with a console.error it captured at start-up) and leaving the work running. This writes `line`
 * in its place, once; the stream is restored at that write, or after 5 s if none comes (the run itself stops at
 * its next unit).
 */
function replaceInterruptMessage(line: string): void {
  const stderr = process.stderr;
  const original = stderr.write;
  const restore = () => {
    if (stderr.write === patched) stderr.write = original;
  };
  const patched = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    if (String(chunk).includes('Interrupted asynchronously')) {
      restore();
      return original.call(stderr, line + '\n');
    }
    return (original as (...a: unknown[]) => boolean).call(stderr, chunk, ...rest);
  } as typeof stderr.write;
  stderr.write = patched;
  setTimeout(restore, 5000).unref();
}
