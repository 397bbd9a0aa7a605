// Extension points of the page, so that its parts (the person questions, the
// needs, the results, the printout, the caseworker view, the person's own
// words, the embedding) live in their own files and none of them imports
// app.js, which imports them all.
//
// app.js owns the rendering and calls `runRender()` at the end of every
// render; a part registers with `onRender()` and draws from what it is
// given (a part loaded later, with import(), registers when it arrives and
// draws from the next render on). A part that changes the case calls
// `update()`, which goes through app.js's own update (so the engine runs and
// the whole page redraws); `redraw()` draws it again without a change.

const renderers = [];
let updater = null;

/** Registers `fn(state, assessment)`, called after each render of the page. */
export function onRender(fn) {
  renderers.push(fn);
}

/** Called by app.js at the end of render(): draws every registered part. */
export function runRender(state, assessment) {
  for (const fn of renderers) fn(state, assessment);
}

/** Called once by app.js with its `update(change)`. */
export function setUpdater(fn) {
  updater = fn;
}

/** Changes the case (`change(state)` edits it in place) and redraws the page. */
export function update(change) {
  if (updater) updater(change);
}

/** Redraws the page from the case as it is (the engine runs again). */
export function redraw() {
  update(() => {});
}
