/*
 * palette.js — the light/dark toggle, in place of Material's palette component.
 *
 * Material 9.8.1's component (bundle, mountPalette) writes every
 * data-md-color-* attribute on <body> at start-up, changed or not, and reads
 * the header's computed style for the theme-color meta tag: each read forces
 * a restyle of the whole body (116 + 98 ms on the glossary at Lighthouse's 4×
 * CPU slowdown; README, Benchmark; issue 14). tools/hooks/palette.py renames
 * the toggle's data-md-component="palette" to data-qd-palette so Material does
 * not mount it, and this script does the same for the reader:
 *
 *   - the radio inputs and labels of Material's partials/palette.html: the
 *     label of the current palette is shown, a click on it checks the next
 *     input, Enter on the focused input moves to the next one;
 *   - the choice is stored in localStorage "__palette" in Material's own
 *     format ({index, color: {media, scheme, primary, accent}}, through the
 *     page's __md_get/__md_set), so Material's head script
 *     (partials/javascripts/palette.html) applies it before the first paint of
 *     the next page; with nothing stored, the first input whose
 *     prefers-color-scheme media matches wins, and is stored, as Material does;
 *   - body data-md-color-* attributes are written only when they differ;
 *   - the color-scheme meta tag from the palette's media (light or dark);
 *     the theme-color tag is in the HTML already (tools/hooks/palette.py,
 *     from qd.css: the header has the same colour in both schemes).
 *
 * Nothing here reads a computed style.
 *
 * No interface string here: the labels' titles and aria-labels come with the
 * markup (tools/ui.py through tools/hooks/strings.py).
 */
(function () {
  "use strict";

  var doc = document;
  var form = doc.querySelector("[data-qd-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]"));
  if (!inputs.length) return;
  var KEYS = ["media", "scheme", "primary", "accent"];
  var current = null;

  function load() {
    try {
      return window.__md_get ? __md_get("__palette") : null;
    } catch (e) {
      return null; /* storage refused or not JSON: as if nothing were stored */
    }
  }

  function store(palette) {
    if (window.__md_set) __md_set("__palette", palette);
  }

  /* The palette an input stands for, in Material's format. */
  function paletteOf(input) {
    var color = {};
    KEYS.forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
    return { index: inputs.indexOf(input), color: color };
  }

  /* Material's choice at start-up: the stored index (clamped), else the
     first input whose media matches, else the first. */
  function initialIndex() {
    var stored = load();
    var index;
    if (stored && typeof stored.index === "number") {
      index = stored.index;
    } else {
      index = inputs.findIndex(function (input) {
        return matchMedia(input.getAttribute("data-md-color-media")).matches;
      });
    }
    return Math.max(0, Math.min(index, inputs.length - 1));
  }

  function apply(palette) {
    var body = doc.body;
    KEYS.forEach(function (key) {
      var name = "data-md-color-" + key;
      var value = palette.color[key];
      if (value !== null && body.getAttribute(name) !== value) body.setAttribute(name, value);
    });
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label instanceof HTMLElement && label.hidden !== (i !== palette.index)) label.hidden = i !== palette.index;
    });
    updateColorScheme(palette);
    var stored = load();
    if (JSON.stringify(stored) !== JSON.stringify(palette)) store(palette);
    current = palette;
  }

  /* The color-scheme meta tag (the page's scroll bars and canvas, which
     the stylesheet's color-scheme on <body> does not reach), as Material
     writes it: the scheme a palette's media names, light or dark. Written
     only when it changes; light pages need none (the browser's default). */
  function updateColorScheme(palette) {
    var match = /prefers-color-scheme:\s*(light|dark)/.exec(palette.color.media || "");
    var value = match ? match[1] : "light";
    var el = doc.head.querySelector('meta[name="color-scheme"]');
    if (!el && value === "light") return;
    if (!el) {
      el = doc.createElement("meta");
      el.setAttribute("name", "color-scheme");
      doc.head.appendChild(el);
    }
    if (el.content !== value) el.content = value;
  }

  /* A switch: no colour transitions while it happens (Material's
     data-md-color-switching), then the meta tags from the new style. */
  function switchTo(input) {
    var body = doc.body;
    body.setAttribute("data-md-color-switching", "");
    apply(paletteOf(input));
    /* Two frames: the first styles the new colours without transitions. */
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        body.removeAttribute("data-md-color-switching");
      });
    });
  }

  inputs.forEach(function (input) {
    input.addEventListener("change", function () {
      if (input.checked) switchTo(input);
    });
  });

  /* Enter on the focused input (the toggle, for keyboard readers) moves to
     the next palette, as in Material. */
  form.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || !current) return;
    ev.preventDefault();
    var next = inputs[(current.index + 1) % inputs.length];
    next.click();
    next.focus();
  });

  apply(paletteOf(inputs[initialIndex()]));
})();
