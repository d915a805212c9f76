// Behaviour that used to be inline (the Content-Security-Policy allows no inline script): a form with
// data-confirm="question" asks before it is sent.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
