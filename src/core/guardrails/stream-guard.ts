/**
 * Streams answer text to the customer a few words behind the model, checking everything received so
 * far before any of it is shown. Once a check fails nothing more is shown; the final, fully judged
 * message (or a handoff) replaces whatever was streamed.
 */
export function guardedStream(emit: (text: string) => void, isSafe: (soFar: string) => boolean, holdbackWords = 8) {
  let text = "";
  let shown = 0;
  let stopped = false;
  return {
    push(delta: string) {
      if (stopped) return;
      text += delta;
      // Judge only whole words: a figure cut mid-stream ("$25" of "$250") is not yet a fact.
      const whole = text.slice(0, Math.max(0, text.search(/\S*$/)));
      if (!isSafe(whole)) {
        stopped = true;
        return;
      }
      // Show up to the start of the last `holdbackWords` words.
      const boundaries = [...whole.matchAll(/\S+\s*/g)].map((m) => m.index ?? 0);
      const upTo = boundaries.length > holdbackWords ? boundaries[boundaries.length - holdbackWords]! : 0;
      if (upTo > shown) {
        emit(text.slice(shown, upTo));
        shown = upTo;
      }
    },
    /** The whole answer passed every check: show the words held back. */
    finish(finalText: string) {
      if (stopped || !finalText.startsWith(text.slice(0, shown))) return;
      if (finalText.length > shown) emit(finalText.slice(shown));
      shown = finalText.length;
      stopped = true;
    },
    get stopped() {
      return stopped;
    },
  };
}
