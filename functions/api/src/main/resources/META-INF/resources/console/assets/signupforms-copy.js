// The sign-up forms page's copy button: copies the text of the field its data-copy names, and says so in
// its data-status element (a live region). A button, so Enter and Space work as a click.
document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.status);
  const say = (text) => { status.textContent = text; };
  const byCommand = () => {
    field.select();
    say(document.execCommand('copy') ? button.dataset.done : button.dataset.failed);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(() => say(button.dataset.done), byCommand);
  } else {
    byCommand();
  }
});
