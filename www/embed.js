// embed.js: put BPA-kalkulator on a municipality's page in one step.
//
// Either an <iframe> (works without this script too, at a fixed height):
//
//   <iframe data-bpa-kalkulator src="https://KALKULATOR/index.html?kommune=oslo"
//           title="BPA-kalkulator" height="900"></iframe>
//   <script src="https://KALKULATOR/embed.js" defer></script>
//
// or the element, which makes that iframe itself:
//
//   <bpa-kalkulator kommune="oslo"></bpa-kalkulator>
//   <script src="https://KALKULATOR/embed.js" defer></script>
//
// What it does:
// - makes the iframe as tall as the calculator's page (no scrollbar inside),
//   from the height the calculator posts;
// - tells the calculator the host page's language (<html lang>, or a `lang`
//   on the element or an ancestor), and again when it changes;
// - with `data-pass-fragment` (or `pass-fragment` on the element), passes a
//   share link that came to the host page in its own #fragment; the
//   calculator asks the person before it replaces a draft.
// - `host="https://www.kommune.no"` on the element names the host page's
//   origin for the calculator (as `?host=` in its address). The calculator
//   takes messages only from an origin so named, or named in the
//   municipality's profile (`embed_origins`): not from any page that frames it.
// Every message is checked: it must come from the iframe's own window and
// from the calculator's origin; the calculator checks the host's origin in
// turn (frame.js). No inline styles or scripts: works under a strict CSP
// (script-src and frame-src must allow the calculator's origin).
(function () {
  'use strict';

  // Where this script came from is where the calculator is.
  var SCRIPT = document.currentScript && document.currentScript.src;
  var BASE = SCRIPT ? new URL('.', SCRIPT).href : new URL('.', location.href).href;

  /** The nearest language: the element's own `lang`, an ancestor's, or the page's. */
  function hostLang(el) {
    var withLang = el.closest('[lang]');
    return withLang ? withLang.getAttribute('lang') : document.documentElement.lang || '';
  }

  function connect(frame, langSource, passFragment) {
    if (frame.dataset.bpaConnected) return;
    frame.dataset.bpaConnected = 'yes';
    var origin;
    try {
      origin = new URL(frame.src, location.href).origin;
    } catch (e) {
      return;
    }
    // CSSOM, not a style attribute: allowed under a strict style-src.
    if (!frame.style.width) frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.display = 'block';

    function send(message) {
      if (!frame.contentWindow) return;
      message.bpa = 'host';
      frame.contentWindow.postMessage(message, origin);
    }
    function sendLang() {
      var lang = hostLang(langSource);
      if (lang) send({ type: 'lang', lang: lang });
    }

    window.addEventListener('message', function (event) {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      var m = event.data;
      if (!m || typeof m !== 'object' || m.bpa !== 'kalkulator') return;
      if (m.type === 'height' && typeof m.height === 'number' && m.height > 0 && m.height < 100000) {
        frame.height = String(Math.ceil(m.height));
      } else if (m.type === 'ready') {
        sendLang();
        if (passFragment && !linkSent && location.hash.length > 1) {
          linkSent = true;
          send({ type: 'link', link: location.hash.slice(1) });
        }
      }
    });
    // In case the calculator was ready before this script listened: ask again.
    var linkSent = false;
    send({ type: 'hello' });
    frame.addEventListener('load', function () {
      send({ type: 'hello' });
    });
    // The host page switches language: the calculator follows.
    new MutationObserver(sendLang).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: false });
  }

  /** <bpa-kalkulator kommune="oslo" host="https://www.kommune.no" lang="nn" src="…" pass-fragment> */
  if (window.customElements && !window.customElements.get('bpa-kalkulator')) {
    window.customElements.define(
      'bpa-kalkulator',
      class extends HTMLElement {
        connectedCallback() {
          if (this.querySelector('iframe')) return;
          var url = new URL(this.getAttribute('src') || 'index.html', BASE);
          var kommune = this.getAttribute('kommune');
          if (kommune) url.searchParams.set('kommune', kommune);
          var host = this.getAttribute('host');
          if (host) url.searchParams.set('host', host);
          var lang = hostLang(this);
          if (lang) url.searchParams.set('lang', lang);
          var frame = document.createElement('iframe');
          frame.src = url.href;
          frame.title = this.getAttribute('title') || 'BPA-kalkulator';
          frame.height = '900';
          frame.setAttribute('data-bpa-kalkulator', '');
          this.appendChild(frame);
          connect(frame, this, this.hasAttribute('pass-fragment'));
        }
      },
    );
  }

  function connectAll() {
    var frames = document.querySelectorAll('iframe[data-bpa-kalkulator]');
    for (var i = 0; i < frames.length; i++) {
      connect(frames[i], frames[i], frames[i].hasAttribute('data-pass-fragment'));
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', connectAll);
  else connectAll();
})();
