// main.js: entry point of the browser bundle. Pages mark what they need with
// data-* attributes; nothing runs inline (CSP script-src 'self').
document.documentElement.classList.add('js');
