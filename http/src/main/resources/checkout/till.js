/*
 * till.js: Till's embeddable checkout. A merchant page includes
 *   <script src="https://YOUR-TILL/js/till.js"></script>
 * then calls Till.render({container, publishableKey, onToken, onError}) and Till.submit().
 * The card fields live in an iframe served by Till, so card data never touches the merchant's
 * page; only the single-use tok_ comes back, through onToken. See docs/till-js.md.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var tillOrigin = new URL(script.src).origin;
  var frame = null, options = null, ready = false, submitWhenReady = false;

  function fail(code, message) {
    if (options && options.onError) options.onError({ code: code, message: message });
  }

  window.addEventListener('message', function (event) {
    if (!frame || event.origin !== tillOrigin || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.type === 'till:ready') {
      ready = true;
      if (data.height) frame.style.height = (data.height + 8) + 'px';
      if (submitWhenReady) { submitWhenReady = false; Till.submit(); }
    }
    else if (data.type === 'till:token' && options.onToken) options.onToken(data.token);
    else if (data.type === 'till:error') fail(data.code, data.message);
  });

  window.Till = {
    render: function (opts) {
      options = opts || {};
      var container = typeof options.container === 'string' ? document.querySelector(options.container) : options.container;
      if (!container) throw new Error('Till.render: container not found');
      if (!/^pk_/.test(options.publishableKey || '')) throw new Error('Till.render: publishableKey must be a pk_ key');
      frame = document.createElement('iframe');
      frame.src = tillOrigin + '/checkout/card-fields?key=' + encodeURIComponent(options.publishableKey)
        + '&origin=' + encodeURIComponent(location.origin);
      frame.title = 'Card details';
      frame.style.cssText = 'width:100%;border:0;height:15rem;';
      container.appendChild(frame);
    },
    submit: function () {
      if (!frame) { fail('not_rendered', 'Call Till.render first.'); return; }
      if (!ready) { submitWhenReady = true; return; } // the iframe is still loading: submit once it is ready
      frame.contentWindow.postMessage({ type: 'till:submit' }, tillOrigin);
    }
  };
})();
