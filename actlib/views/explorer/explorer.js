// The explorer's front end (an anywidget module): it draws g, g′, the tangent and the
// finite-difference chord as SVG from arrays actlib computed for every reachable z and h
// (actlib/views/explorer/data.py), so moving z or h only looks numbers up and redraws a few SVG
// attributes; nothing waits for the kernel. A parameter slider asks the kernel for new arrays
// (on the static site, the page's model swaps in arrays precomputed for that position).
//
// The same module serves the notebook (anywidget calls render({model, el})) and the static site
// (renderStatic(el, payload) with a small model over the embedded data). Plain ES2020, no
// dependencies, no build step.

const SVG = "http://www.w3.org/2000/svg";
// The colours of actlib.views.plotting (matplotlib's tab10): each method looks the same in every figure.
const VALUE_COLOUR = "#1f77b4";
const SLOPE_COLOUR = "#2ca02c";
const METHOD_COLOUR = { forward: "#ff7f0e", backward: "#9467bd", central: "#d62728", complex_step: "#8c564b" };
const WIDTH = 720, LEFT = 64, RIGHT = 12;
const PANELS = { value: { top: 12, height: 200 }, slope: { top: 232, height: 150 } };
const HEIGHT = 418;
let instances = 0;

// -- numbers -------------------------------------------------------------------------------------

/** float64 values from what the model holds: a DataView or ArrayBuffer (widget buffers), a
 * {base64} object (the static page), a typed array or a plain array. */
export function floats(x) {
  if (x instanceof Float64Array) return x;
  if (x && typeof x.base64 === "string") {
    const text = atob(x.base64), bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Float64Array(bytes.buffer);
  }
  if (x instanceof ArrayBuffer) return new Float64Array(x.slice(0));
  if (ArrayBuffer.isView(x)) {  // a DataView may start at any byte: copy into an aligned buffer
    return new Float64Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength));
  }
  return Float64Array.from(x);
}

/** The arrays of one set of parameters, decoded once. */
export function decode(spec, curves) {
  const arrays = {};
  for (const key of ["value", "slope", "base", "plus", "minus", "curve_value", "curve_slope", "complex_slope"]) {
    if (curves[key] !== undefined && curves[key] !== null) arrays[key] = floats(curves[key]);
  }
  return { ...curves, ...arrays, z: floats(spec.z), h: Float64Array.from(spec.h), curve_z: floats(spec.curve_z) };
}

/** What the readout shows at z[zIndex], h[hIndex]: each difference quotient is formed with the
 * same float64 operations, in the same order, as actlib.finite_difference. */
export function reading(d, zIndex, hIndex, method) {
  const z = d.z[zIndex], h = d.h[hIndex], k = zIndex * d.h.length + hIndex;
  const value = d.value[zIndex], slope = d.slope[zIndex], base = d.base[zIndex];
  let finiteDifference = NaN, chord = null;
  if (method === "complex_step") {
    finiteDifference = d.complex_slope ? d.complex_slope[k] : NaN;
  } else {
    const step = (z + h) - z;  // the step rounded so that z + step is exact, as finite_difference does
    const plus = d.plus[k], minus = d.minus[k];
    if (step !== 0) {
      if (method === "forward") {
        finiteDifference = (plus - base) / step;
        chord = [[z, base], [z + step, plus]];
      } else if (method === "backward") {
        finiteDifference = (base - minus) / step;
        chord = [[z - step, minus], [z, base]];
      } else {
        finiteDifference = (plus - minus) / (2 * step);
        chord = [[z - step, minus], [z + step, plus]];
      }
    }
  }
  return { z, h, method, value, slope, finiteDifference, difference: finiteDifference - slope, chord };
}

// Python's format(x, ".4f"), ".10g", ".3e", ".1e": the readout must read exactly like actlib's text
// readout. JavaScript rounds a tie away from zero, Python to even: ties are detected and redone.
function roundedDigits(a, digits, kind) {
  const text = kind === "e" ? a.toExponential(digits) : a.toFixed(digits);
  const longer = kind === "e" ? a.toExponential(Math.min(100, digits + 30)) : a.toFixed(Math.min(100, digits + 30));
  const [mantissa, exponent] = longer.split("e");
  const dot = mantissa.indexOf("."), cut = dot + 1 + digits;
  if (/^50*$/.test(mantissa.slice(cut))) {  // an exact tie: keep the even digit
    const truncated = mantissa.slice(0, digits > 0 ? cut : dot);
    if (Number(truncated[truncated.length - 1]) % 2 === 0) return exponent === undefined ? truncated : `${truncated}e${exponent}`;
  }
  return text;
}

function pythonExponent(text) {  // "1.5e-5" -> "1.5e-05"
  return text.replace(/e([+-])(\d)$/, "e$10$2");
}

export function format(x, spec) {
  const kind = spec[spec.length - 1], digits = Number(spec.slice(1, -1));
  if (Number.isNaN(x)) return "nan";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const a = Math.abs(x);
  if (a === Infinity) return `${sign}inf`;
  if (kind === "f") return sign + roundedDigits(a, digits, "f");
  if (kind === "e") return sign + pythonExponent(roundedDigits(a, digits, "e"));
  // "g": fixed or exponent notation by the exponent after rounding, trailing zeros dropped
  const precision = Math.max(digits, 1);
  if (a === 0) return `${sign}0`;
  const exponential = roundedDigits(a, precision - 1, "e");
  const exponent = Number(exponential.split("e")[1]);
  const strip = (t) => (t.includes(".") ? t.replace(/0+$/, "").replace(/\.$/, "") : t);
  if (exponent >= -4 && exponent < precision) return sign + strip(roundedDigits(a, precision - 1 - exponent, "f"));
  const [mantissa, power] = exponential.split("e");
  return sign + pythonExponent(`${strip(mantissa)}e${power}`);
}

/** The readout as (label, number) rows, the same rows and formats as Explorer.readout_rows(). */
export function readoutRows(symbol, r) {
  return [
    ["z", format(r.z, ".4f")],
    [`${symbol}(z)`, format(r.value, ".10g")],
    [`${symbol}′(z), analytic`, format(r.slope, ".10g")],
    [`${r.method.replace("_", " ")} difference, h = ${format(r.h, ".1e")}`, format(r.finiteDifference, ".10g")],
    ["difference − analytic", format(r.difference, ".3e")],
  ];
}

// -- drawing -------------------------------------------------------------------------------------

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function html(name, attributes = {}, parent = null, text = null) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function ticks(low, high, count) {
  const raw = (high - low) / count, power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

function tickLabel(t) {
  return String(Number(t.toPrecision(6))).replace("-", "−");
}

/** Scales from data to SVG units for the current arrays. */
function scales(d) {
  const x0 = d.curve_z[0], x1 = d.curve_z[d.curve_z.length - 1];
  const x = (v) => LEFT + ((v - x0) / (x1 - x0)) * (WIDTH - LEFT - RIGHT);
  const y = (panel, limits) => (v) => PANELS[panel].top + (1 - (v - limits[0]) / (limits[1] - limits[0])) * PANELS[panel].height;
  return { x, x0, x1, value: y("value", d.value_limits), slope: y("slope", d.slope_limits) };
}

function path(xs, ys, sx, sy) {
  let out = "", pen = "M";
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(ys[i])) { pen = "M"; continue; }
    out += `${pen}${sx(xs[i]).toFixed(2)},${sy(ys[i]).toFixed(2)}`;
    pen = "L";
  }
  return out;
}

function build(el, symbol, methods) {
  const id = `actlib-explorer-${++instances}-${Math.random().toString(36).slice(2, 8)}`;
  // data-lm-suppress-shortcuts, and keys kept from bubbling: JupyterLab's notebook shortcuts (arrow
  // keys move between cells) must not take the keys that move a slider or choose a method.
  const root = html("div", { class: "actlib-explorer", "data-lm-suppress-shortcuts": "" }, el);
  root.addEventListener("keydown", (event) => event.stopPropagation());
  const title = html("div", { class: "actlib-explorer-title", id: `${id}-title` }, root);
  const controls = html("div", { class: "actlib-explorer-controls" }, root);
  const slider = (name, label) => {
    const box = html("div", { class: `actlib-explorer-control actlib-explorer-${name}` }, controls);
    html("label", { for: `${id}-${name}` }, box, label);
    const input = html("input", { type: "range", id: `${id}-${name}`, min: "0", step: "1" }, box);
    const shown = html("output", { for: `${id}-${name}`, "aria-hidden": "true" }, box);
    return { input, shown, box };
  };
  const z = slider("z", "z");
  const h = slider("h", "step h");
  const methodBox = html("div", { class: "actlib-explorer-control" }, controls);
  html("label", { for: `${id}-method` }, methodBox, "difference");
  const method = html("select", { id: `${id}-method` }, methodBox);
  for (const m of methods) html("option", { value: m }, method, m.replace("_", " "));
  const paramBox = html("div", { class: "actlib-explorer-controls actlib-explorer-parameters" }, root);

  // Two SVGs on top of each other, like matplotlib's blitting: the still picture (axes, curves)
  // below, the moving parts in a layer of their own above, so a move repaints only the moving parts.
  const plot = html("div", { class: "actlib-explorer-plot", role: "img",
    "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-desc` }, root);
  html("p", { id: `${id}-desc`, class: "actlib-explorer-hidden" }, plot,
    `Top: ${symbol}(z) with the tangent at z and the chord of the finite difference. ` +
    `Bottom: ${symbol}′(z), the analytic slope at z (dot) and the finite-difference slope (cross). The numbers are in the readout below.`);
  const still = element("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "actlib-explorer-still", "aria-hidden": "true" }, plot);
  const moving = element("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "actlib-explorer-moving", "aria-hidden": "true" }, plot);
  const layers = {};
  for (const panel of ["value", "slope"]) {
    const { top, height } = PANELS[panel];
    const clip = `${id}-clip-${panel}`;
    element("rect", { x: LEFT, y: top, width: WIDTH - LEFT - RIGHT, height }, element("clipPath", { id: clip }, moving));
    const axes = element("g", { class: "actlib-explorer-axes" }, still);
    const curves = element("g", { "clip-path": `url(#${clip})` }, still);
    element("rect", { x: LEFT, y: top, width: WIDTH - LEFT - RIGHT, height, class: "actlib-explorer-frame" }, still);
    layers[panel] = { axes, curves, plot: element("g", { "clip-path": `url(#${clip})` }, moving) };
  }
  const v = layers.value.plot, s = layers.slope.plot;
  const parts = {
    valueCurve: element("path", { class: "actlib-curve", stroke: VALUE_COLOUR }, layers.value.curves),
    tangent: element("line", { class: "actlib-tangent", stroke: SLOPE_COLOUR }, v),
    chord: element("line", { class: "actlib-chord" }, v),
    chordEnds: [element("circle", { r: 3.5 }, v), element("circle", { r: 3.5 }, v)],
    valuePoint: element("circle", { r: 5, class: "actlib-point" }, v),
    slopeCurve: element("path", { class: "actlib-curve", stroke: SLOPE_COLOUR }, layers.slope.curves),
    slopePoint: element("circle", { r: 5.5, fill: SLOPE_COLOUR }, s),
    differenceMark: element("path", { class: "actlib-cross" }, s),
    zLines: [element("line", { class: "actlib-zline" }, v), element("line", { class: "actlib-zline" }, s)],
  };
  const legend = html("ul", { class: "actlib-explorer-legend" }, root);
  const entry = (cls, colour, text) => {
    const item = html("li", {}, legend);
    html("span", { class: `actlib-key ${cls}`, style: `--key: ${colour}`, "aria-hidden": "true" }, item);
    item.append(text);
    return item;
  };
  entry("actlib-key-line", VALUE_COLOUR, `${symbol}(z)`);
  entry("actlib-key-line", SLOPE_COLOUR, `tangent, slope ${symbol}′(z); ${symbol}′(z) below`);
  const chordKey = entry("actlib-key-dashed", METHOD_COLOUR.central, "chord of the finite difference; its slope (×) below");
  const readout = html("table", { class: "actlib-explorer-readout", "aria-live": "polite", "aria-label": "readout" }, root);
  const status = html("p", { class: "actlib-explorer-status", "aria-live": "polite" }, root);
  return { id, root, title, z, h, method, paramBox, layers, parts, chordKey, readout, status, paramInputs: {} };
}

function drawAxes(view, d, symbol) {
  const sc = scales(d);
  for (const panel of ["value", "slope"]) {
    const { axes } = view.layers[panel];
    axes.replaceChildren();
    const limits = panel === "value" ? d.value_limits : d.slope_limits, sy = sc[panel];
    const { top, height } = PANELS[panel];
    for (const t of ticks(limits[0], limits[1], 4)) {
      element("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: sy(t), y2: sy(t), class: t === 0 ? "actlib-zero" : "actlib-grid" }, axes);
      element("text", { x: LEFT - 6, y: sy(t) + 4, "text-anchor": "end" }, axes).textContent = tickLabel(t);
    }
    for (const t of ticks(sc.x0, sc.x1, 8)) {
      element("line", { x1: sc.x(t), x2: sc.x(t), y1: top, y2: top + height, class: "actlib-grid" }, axes);
      if (panel === "slope") element("text", { x: sc.x(t), y: top + height + 15, "text-anchor": "middle" }, axes).textContent = tickLabel(t);
    }
    const label = panel === "value" ? `${symbol}(z)` : `slope ${symbol}′(z)`;
    element("text", { x: 14, y: top + height / 2, transform: `rotate(-90 14 ${top + height / 2})`, "text-anchor": "middle" }, axes).textContent = label;
  }
  element("text", { x: LEFT + (WIDTH - LEFT - RIGHT) / 2, y: HEIGHT - 2, "text-anchor": "middle" }, view.layers.slope.axes).textContent = "z (pre-activation)";
  view.parts.valueCurve.setAttribute("d", path(d.curve_z, d.curve_value, sc.x, sc.value));
  view.parts.slopeCurve.setAttribute("d", path(d.curve_z, d.curve_slope, sc.x, sc.slope));
  view.title.textContent = d.title;
  return sc;
}

function setLine(line, x1, y1, x2, y2) {
  line.setAttribute("x1", x1); line.setAttribute("y1", y1); line.setAttribute("x2", x2); line.setAttribute("y2", y2);
}

/** Move the moving parts to the state's z, h and method: a few attribute changes, no layout. */
function drawPoint(view, d, sc, symbol, zIndex, hIndex, method) {
  const r = reading(d, zIndex, hIndex, method), p = view.parts, colour = METHOD_COLOUR[method];
  const x = sc.x(r.z), half = d.tangent_half_width ?? 1.5;
  setLine(p.tangent, sc.x(r.z - half), sc.value(r.value - r.slope * half), sc.x(r.z + half), sc.value(r.value + r.slope * half));
  p.valuePoint.setAttribute("cx", x); p.valuePoint.setAttribute("cy", sc.value(r.value));
  p.slopePoint.setAttribute("cx", x); p.slopePoint.setAttribute("cy", sc.slope(r.slope));
  for (const line of p.zLines) setLine(line, x, 0, x, HEIGHT);
  const visible = r.chord !== null;
  for (const node of [p.chord, ...p.chordEnds]) node.style.display = visible ? "" : "none";
  if (visible) {
    const [[ax, ay], [bx, by]] = r.chord;
    setLine(p.chord, sc.x(ax), sc.value(ay), sc.x(bx), sc.value(by));
    p.chord.setAttribute("stroke", colour);
    [[ax, ay], [bx, by]].forEach(([cx, cy], i) => {
      p.chordEnds[i].setAttribute("cx", sc.x(cx)); p.chordEnds[i].setAttribute("cy", sc.value(cy)); p.chordEnds[i].setAttribute("fill", colour);
    });
  }
  const fx = x, fy = sc.slope(r.finiteDifference);
  p.differenceMark.style.display = Number.isFinite(fy) ? "" : "none";
  if (Number.isFinite(fy)) p.differenceMark.setAttribute("d", `M${fx - 6},${fy - 6}L${fx + 6},${fy + 6}M${fx - 6},${fy + 6}L${fx + 6},${fy - 6}`);
  p.differenceMark.setAttribute("stroke", colour);
  view.chordKey.firstChild.style.setProperty("--key", colour);
  // the readout: text in a live region, so a screen reader reads the new numbers
  const rows = readoutRows(symbol, r);
  if (view.readout.rows.length !== rows.length) {
    view.readout.replaceChildren();
    for (let i = 0; i < rows.length; i++) {
      const tr = view.readout.insertRow();
      tr.insertCell(); html("code", {}, tr.insertCell());
    }
  }
  rows.forEach(([label, number], i) => {
    const row = view.readout.rows[i];
    if (row.cells[0].textContent !== label) row.cells[0].textContent = label;
    row.cells[1].firstChild.textContent = number;
  });
  view.z.shown.textContent = format(r.z, ".2f");
  view.z.input.setAttribute("aria-valuetext", `z = ${format(r.z, ".2f")}`);
  view.h.shown.textContent = format(r.h, ".0e");
  view.h.input.setAttribute("aria-valuetext", `h = ${format(r.h, ".0e")}`);
  return r;
}

/** anywidget's entry point: build the controls and the SVG once, then redraw on every change. */
function render({ model, el }) {
  const spec = model.get("spec");
  const view = build(el, spec.symbol, spec.methods);
  let d = decode(spec, model.get("curves")), sc = null;
  view.z.input.max = String(d.z.length - 1);
  view.h.input.max = String(d.h.length - 1);

  for (const parameter of spec.parameters) {
    const box = html("div", { class: "actlib-explorer-control" }, view.paramBox);
    const inputId = `${view.id}-param-${parameter.name}`;
    html("label", { for: inputId }, box, parameter.name);
    const input = html("input", { type: "range", id: inputId, min: "0", max: String(parameter.positions.length - 1), step: "1" }, box);
    const shown = html("output", { for: inputId, "aria-hidden": "true" }, box);
    view.paramInputs[parameter.name] = { input, shown, positions: parameter.positions };
    input.addEventListener("input", () => {
      model.set("params", { ...model.get("params"), [parameter.name]: parameter.positions[Number(input.value)] });
      model.save_changes();
    });
  }

  const showControls = () => {
    view.z.input.value = String(model.get("z_index"));
    view.h.input.value = String(model.get("h_index"));
    view.method.value = model.get("method");
    const params = model.get("params") || {};
    for (const [name, control] of Object.entries(view.paramInputs)) {
      const value = params[name];
      let nearest = 0;
      control.positions.forEach((p, i) => { if (Math.abs(p - value) < Math.abs(control.positions[nearest] - value)) nearest = i; });
      control.input.value = String(nearest);
      control.shown.textContent = format(value, ".2f");
      control.input.setAttribute("aria-valuetext", `${name} = ${format(value, ".2f")}`);
    }
    // a parameter the curves were not computed for yet: the kernel is working on it (or absent)
    const pending = Object.entries(params).some(([name, value]) => d.params && d.params[name] !== value);
    view.status.textContent = pending ? "Recomputing the curves for the new parameter (the kernel must be running)…" : "";
  };
  const redraw = () => drawPoint(view, d, sc, spec.symbol, model.get("z_index"), model.get("h_index"), model.get("method"));
  const redrawAll = () => { sc = drawAxes(view, d, spec.symbol); showControls(); redraw(); };

  // The learner's moves: set the state, draw at once, tell the kernel afterwards (it never blocks a frame).
  let sync = null;
  const send = () => { if (sync === null) sync = setTimeout(() => { sync = null; model.save_changes(); }, 0); };
  view.z.input.addEventListener("input", () => { model.set("z_index", Number(view.z.input.value)); send(); });
  view.h.input.addEventListener("input", () => { model.set("h_index", Number(view.h.input.value)); send(); });
  view.method.addEventListener("change", () => { model.set("method", view.method.value); send(); });

  const onPoint = () => { showControls(); redraw(); };
  const onCurves = () => { d = decode(spec, model.get("curves")); redrawAll(); };
  model.on("change:z_index", onPoint);
  model.on("change:h_index", onPoint);
  model.on("change:method", onPoint);
  model.on("change:params", showControls);
  model.on("change:curves", onCurves);
  redrawAll();
  return () => {
    if (sync !== null) clearTimeout(sync);
    model.off("change:z_index", onPoint);
    model.off("change:h_index", onPoint);
    model.off("change:method", onPoint);
    model.off("change:params", showControls);
    model.off("change:curves", onCurves);
  };
}

// -- the static site -----------------------------------------------------------------------------

/** A model over the data embedded in a static page (Explorer.static_data()): the same state keys as
 * the widget; a parameter change swaps in the curves precomputed for that position. */
export function staticModel(payload) {
  const state = { spec: payload.spec, ...payload.state };
  const key = (params) => JSON.stringify(Object.keys(params).sort().map((k) => [k, params[k]]));
  const variants = new Map(payload.variants.map((v) => [key(v.params), v]));
  state.curves = variants.get(key(state.params)) || payload.variants[0];
  const listeners = new Map();
  const emit = (name) => (listeners.get(name) || []).slice().forEach((f) => f());
  return {
    get: (name) => state[name],
    set(name, value) {
      state[name] = value;
      emit(`change:${name}`);
      if (name === "params" && variants.has(key(value))) this.set("curves", variants.get(key(value)));
    },
    save_changes() {},  // no kernel to tell
    on(name, f) { listeners.set(name, [...(listeners.get(name) || []), f]); },
    off(name, f) { listeners.set(name, (listeners.get(name) || []).filter((g) => g !== f)); },
    send() {},
  };
}

/** Render a static page's explorer into ``el`` (which holds the PNG and text fallback until now). */
export function renderStatic(el, payload) {
  const model = staticModel(payload);
  el.replaceChildren();
  render({ model, el });
  return model;
}

export default { render };
