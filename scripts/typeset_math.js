// Typeset every formula of the given HTML pages in place, at build time (scripts/build_site.py).
//
// MathJax 3 (mathjax-full, from the npm registry) runs here in Node, so a page needs no MathJax and no
// network when it is read: each $...$ / $$...$$ becomes an SVG (drawn with MathJax's own glyph paths,
// no font files), and the assistive-MathML extension puts the formula beside it as MathML that screen
// readers speak (the SVG itself is aria-hidden). Code, <pre> and <script> are left alone.
//
// usage: node scripts/typeset_math.js page.html [page.html ...]   (prints "file: N formulas" per page)
const fs = require("fs");
const {mathjax} = require("mathjax-full/js/mathjax.js");
const {TeX} = require("mathjax-full/js/input/tex.js");
const {SVG} = require("mathjax-full/js/output/svg.js");
const {liteAdaptor} = require("mathjax-full/js/adaptors/liteAdaptor.js");
const {RegisterHTMLHandler} = require("mathjax-full/js/handlers/html.js");
const {AssistiveMmlHandler} = require("mathjax-full/js/a11y/assistive-mml.js");
const {AllPackages} = require("mathjax-full/js/input/tex/AllPackages.js");

const adaptor = liteAdaptor({fontSize: 16});
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

let failed = 0;
for (const file of process.argv.slice(2)) {
  const page = mathjax.document(fs.readFileSync(file, "utf-8"), {
    InputJax: new TeX({
      packages: AllPackages.filter((name) => name !== "bussproofs"),
      inlineMath: [["$", "$"], ["\\(", "\\)"]],
      processEscapes: true,
      // An unknown macro or a TeX error must fail the build, not print red TeX on the page.
      formatError: (jax, error) => { throw new Error(`${file}: ${error.message}`); },
    }),
    // "local": each formula carries its own glyph paths, so a formula can be copied or moved alone.
    OutputJax: new SVG({fontCache: "local"}),
  });
  page.render();
  const count = Array.from(page.math).length;
  if (count === 0) adaptor.remove(page.outputJax.svgStyles);
  fs.writeFileSync(file, adaptor.doctype(page.document) + "\n" + adaptor.outerHTML(adaptor.root(page.document)));
  console.log(`${file}: ${count} formulas`);
}
