// Two-factor settings page: once a passkey is registered, reload the page so that it lists the
// new passkey (and shows the recovery codes made with the first factor).
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const url = event.target.dataset.twofactorReload;
  window.location.assign(url || window.location.href);
});
