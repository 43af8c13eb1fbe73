/**
 * `/` focuses the search box on every page (the search page's own box there, else the
 * header's), unless the reader is typing somewhere or holds a modifier key.
 */
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) {
    return;
  }
  const box =
    document.querySelector<HTMLInputElement>('#search-q') ??
    document.querySelector<HTMLInputElement>('#site-search');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});
