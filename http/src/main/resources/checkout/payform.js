// Card-field helpers shared by the payform and the till.js card fields. No dependencies, no
// network calls: the payform posts to Till itself, and card-fields.js calls Till's /tokens.
(function () {
  'use strict';

  function digits(s) { return (s || '').replace(/\D/g, ''); }

  function luhn(number) {
    var sum = 0, double = false;
    for (var i = number.length - 1; i >= 0; i--) {
      var d = number.charCodeAt(i) - 48;
      if (double) { d *= 2; if (d > 9) d -= 9; }
      sum += d; double = !double;
    }
    return sum % 10 === 0;
  }

  function parseExpiry(text) {
    var m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(text || '');
    if (!m) return null;
    var month = parseInt(m[1], 10), year = parseInt(m[2], 10);
    if (year < 100) year += 2000;
    if (month < 1 || month > 12) return null;
    return { month: month, year: year };
  }

  // Returns [{field, message}] for the fields found in the form.
  function validate(form) {
    var errors = [];
    var number = digits(form.querySelector('#number').value);
    if (number.length < 12 || number.length > 19 || !luhn(number)) errors.push({ field: 'number', message: 'Enter a valid card number.' });
    var expiry = parseExpiry(form.querySelector('#expiry').value);
    var now = new Date();
    if (!expiry || expiry.year < now.getFullYear() || (expiry.year === now.getFullYear() && expiry.month < now.getMonth() + 1)) {
      errors.push({ field: 'expiry', message: 'Enter the expiry date as MM/YY.' });
    }
    if (!/^\d{3,4}$/.test(form.querySelector('#cvv').value.trim())) errors.push({ field: 'cvv', message: 'Enter the 3 or 4 digit security code.' });
    return errors;
  }

  // Shows errors next to their fields, announces a summary and moves focus to the first one.
  function show(form, errors) {
    ['number', 'expiry', 'cvv'].forEach(function (f) {
      var input = form.querySelector('#' + f), note = document.getElementById(f + '-error');
      var e = errors.filter(function (x) { return x.field === f; })[0];
      input.setAttribute('aria-invalid', e ? 'true' : 'false');
      if (note) note.textContent = e ? e.message : '';
    });
    var summary = document.getElementById('errors');
    if (errors.length) {
      summary.hidden = false;
      summary.textContent = errors.map(function (e) { return e.message; }).join(' ');
      form.querySelector('#' + errors[0].field).focus();
    }
  }

  function formatNumber(input) {
    input.addEventListener('input', function () {
      var d = digits(input.value).slice(0, 19);
      input.value = d.replace(/(\d{4})(?=\d)/g, '$1 ');
    });
  }

  window.TillCard = { digits: digits, parseExpiry: parseExpiry, validate: validate, show: show };

  var pay = document.getElementById('pay');
  if (pay) {
    formatNumber(pay.querySelector('#number'));
    pay.addEventListener('submit', function (event) {
      var errors = validate(pay);
      if (errors.length) { event.preventDefault(); show(pay, errors); return; }
      var button = document.getElementById('pay-button');
      button.disabled = true; // one click, one attempt
      button.textContent = 'Paying…';
    });
  }
  var card = document.getElementById('card');
  if (card) formatNumber(card.querySelector('#number'));
})();
