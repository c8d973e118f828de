// Hide the questions of a toolkit web form that are not relevant, as ODK does.
// Progressive enhancement only: the server applies the same rules (answers to questions
// that are not relevant are dropped and never required). Supports the expression subset of
// safercities.instruments.expressions; an expression it cannot read leaves its question shown.

const TOKEN = /\s+|\$\{([^}]*)\}|(\d+(?:\.\d*)?|\.\d+)|'([^']*)'|"([^"]*)"|(!=|<=|>=|=|<|>|\(|\)|,|\+|-|\*)|(\.)|([A-Za-z_][A-Za-z0-9_.-]*)/y;

function tokenize(source) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m || TOKEN.lastIndex === start) throw new Error("bad expression");
    if (m[1] !== undefined) tokens.push(["ref", m[1].trim()]);
    else if (m[2] !== undefined) tokens.push(["num", m[2]]);
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push(["str", m[3] ?? m[4]]);
    else if (m[5] !== undefined) tokens.push(["op", m[5]]);
    else if (m[6] !== undefined) tokens.push(["dot", "."]);
    else if (m[7] !== undefined) tokens.push(["name", m[7]]);
  }
  tokens.push(["end", ""]);
  return tokens;
}

const num = (v) => (typeof v === "boolean" ? (v ? 1 : 0) : typeof v === "number" ? v
  : /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(v) ? parseFloat(v) : NaN);
const bool = (v) => (typeof v === "boolean" ? v : typeof v === "number" ? !(v === 0 || Number.isNaN(v)) : v !== "");
const str = (v) => (typeof v === "boolean" ? String(v) : String(v));
function equals(a, b) {
  if (typeof a === "boolean" || typeof b === "boolean") return bool(a) === bool(b);
  if (typeof a === "number" || typeof b === "number") return num(a) === num(b);
  return a === b;
}
const FUNCTIONS = {
  not: (a) => !bool(a),
  selected: (a, b) => str(a).split(/\s+/).includes(str(b).trim()),
  "count-selected": (a) => str(a).split(/\s+/).filter(Boolean).length,
  "string-length": (a) => str(a).length,
  number: (a) => num(a),
  true: () => true,
  false: () => false,
};

function parse(source) {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const take = (kind, text) => {
    const t = tokens[i];
    if (t[0] === kind && (text === undefined || t[1] === text)) { i += 1; return t; }
    return null;
  };
  const binary = (next, ops, apply) => () => {
    let left = next();
    for (;;) {
      const t = peek();
      const op = (t[0] === "op" || t[0] === "name") && ops.includes(t[1]) ? t[1] : null;
      if (!op) return left;
      i += 1;
      const l = left, r = next();
      left = (env) => apply(op, l, r, env);
    }
  };
  const primary = () => {
    let t;
    if ((t = take("ref"))) return (env) => env(t[1]);
    if ((t = take("num"))) { const n = parseFloat(t[1]); return () => n; }
    if ((t = take("str"))) return () => t[1];
    if (take("op", "(")) { const e = or(); if (!take("op", ")")) throw new Error(")"); return e; }
    if (take("op", "-")) { const e = primary(); return (env) => -num(e(env)); }
    if ((t = take("name")) && t[1] in FUNCTIONS && take("op", "(")) {
      const args = [];
      if (!take("op", ")")) {
        do { args.push(or()); } while (take("op", ","));
        if (!take("op", ")")) throw new Error(")");
      }
      const f = FUNCTIONS[t[1]];
      return (env) => f(...args.map((a) => a(env)));
    }
    throw new Error("unsupported");
  };
  const mul = binary(primary, ["*", "div", "mod"], (op, l, r, env) => {
    const a = num(l(env)), b = num(r(env));
    return op === "*" ? a * b : op === "div" ? a / b : a % b;
  });
  const add = binary(mul, ["+", "-"], (op, l, r, env) => (op === "+" ? num(l(env)) + num(r(env)) : num(l(env)) - num(r(env))));
  const rel = binary(add, ["<", "<=", ">", ">="], (op, l, r, env) => {
    const a = num(l(env)), b = num(r(env));
    return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
  });
  const eq = binary(rel, ["=", "!="], (op, l, r, env) => (op === "=") === equals(l(env), r(env)));
  const and = binary(eq, ["and"], (op, l, r, env) => bool(l(env)) && bool(r(env)));
  const or = binary(and, ["or"], (op, l, r, env) => bool(l(env)) || bool(r(env)));
  const expression = or();
  if (peek()[0] !== "end") throw new Error("trailing input");
  return (env) => bool(expression(env));
}

function valueOf(wrapper) {
  const inputs = wrapper.querySelectorAll("input, textarea, select");
  const values = [];
  for (const input of inputs) {
    if (input.type === "radio" || input.type === "checkbox") {
      if (input.checked) values.push(input.value);
    } else if (input.type !== "file") {
      values.push(input.value.trim());
    }
  }
  return values.join(" ");
}

for (const form of document.querySelectorAll("[data-webform]")) {
  const wrappers = [...form.querySelectorAll("[data-question]")];
  const rules = new Map();
  for (const wrapper of wrappers) {
    const source = wrapper.dataset.relevant;
    if (!source) continue;
    try { rules.set(wrapper, parse(source)); } catch { /* leave the question shown */ }
  }
  const update = () => {
    const values = new Map();
    for (const wrapper of wrappers) {
      const rule = rules.get(wrapper);
      const relevant = !rule || rule((name) => values.get(name) ?? "");
      wrapper.hidden = !relevant;
      values.set(wrapper.dataset.question, relevant ? valueOf(wrapper) : "");
    }
    for (const group of form.querySelectorAll("fieldset[data-group]")) {
      group.hidden = [...group.querySelectorAll("[data-question]")].every((w) => w.hidden);
    }
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
}
