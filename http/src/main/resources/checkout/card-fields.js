// Runs inside the iframe that till.js draws. Talks only to the parent that created it (its
// origin is in the iframe URL and checked on every message) and only to Till's own /tokens.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var parentOrigin = params.get('origin');
  var key = params.get('key');
  var form = document.getElementById('card');

  function tell(message) { window.parent.postMessage(message, parentOrigin); }

  function tokenize() {
    var errors = TillCard.validate(form);
    TillCard.show(form, errors);
    if (errors.length) { tell({ type: 'till:error', code: 'card_details_invalid', message: errors[0].message }); return; }
    var expiry = TillCard.parseExpiry(form.querySelector('#expiry').value);
    fetch('/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + key },
      body: JSON.stringify({
        type: 'card', number: TillCard.digits(form.querySelector('#number').value),
        expiry_month: expiry.month, expiry_year: expiry.year, cvv: form.querySelector('#cvv').value.trim()
      })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (r) {
      if (r.ok && r.body.token) tell({ type: 'till:token', token: r.body.token });
      else tell({ type: 'till:error', code: (r.body.error_codes || ['tokenization_failed'])[0], message: r.body.message || 'The card could not be read.' });
    }).catch(function () {
      tell({ type: 'till:error', code: 'network_error', message: 'Till could not be reached.' });
    });
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== parentOrigin || event.source !== window.parent) return;
    if (event.data && event.data.type === 'till:submit') tokenize();
  });
  form.addEventListener('submit', function (event) { event.preventDefault(); tokenize(); });
  tell({ type: 'till:ready', height: document.body.scrollHeight });
})();
