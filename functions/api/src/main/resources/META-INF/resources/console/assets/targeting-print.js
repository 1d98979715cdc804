// The walk list's print button opens the browser's print dialog: a file, as the console's pages run no inline script.
document.addEventListener('click', function (event) {
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});
