"use strict";
(() => {
  // A question with no `minutes` counts this long in practice mode.
  const DEFAULT_MINUTES = 5;
  // Questions drawn at once, and "Show more" adds: a keystroke cheap on big banks
  const PAGE_SIZE = 60;
  const EXPORT_FORMAT = "qbank-progress";

  const $ = (id) => document.getElementById(id);
  const data = JSON.parse($("qbank-data").textContent);
  // the page's own words (html/words.toml), each {placeholder} filled in from `values`
  const WORDS = data.words || {};
  const w = (key, values = {}) => (WORDS[key] ?? key)
    .replace(/\{\{|\}\}|\{(\w+)\}/g, (m, name) => (name === undefined ? m[0] : String(values[name])));
  const RATINGS = [["again", w("again")], ["hard", w("hard")], ["good", w("good")]];
  const RATING_NAMES = Object.fromEntries(RATINGS);
  const ratingsText = (n) => (n === 1 ? w("ratings_one") : w("ratings", { n }));
  const questions = data.questions;
  const sections = data.sections;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const storageKey = "qbank:" + data.bank;
  const SHORTCUTS_KEY = "qbank-shortcuts"; // one choice for every page: a person's, not a bank's

  // ---- text: a string, [plain, code, ...] (code at odd places), or {blocks} ----
  const images = data.images || [];
  const isTree = (text) => text !== null && typeof text === "object" && !Array.isArray(text);
  // a code line: a string when all plain, else tokens, each a string or [role, text]
  const lineTokens = (tokens) => (typeof tokens === "string" ? [tokens] : tokens);
  const tokenText = (token) => (typeof token === "string" ? token : token[1]);
  // a tree's words, one paragraph, code line or alt text a line (qbank.rich's plain)
  function blockWords(block) {
    if (block.p) return block.p.map(([text, flags]) => (flags.includes("n") ? "\n" : text)).join("");
    if (block.code) return block.code.map((tokens) => lineTokens(tokens).map(tokenText).join("")).join("\n");
    if (block.list) return block.list.map(treeWords).join("\n");
    if (block.quote) return treeWords(block.quote);
    if (block.table) return block.table.map((row) => row.map((p) => blockWords({ p })).join(" | ")).join("\n");
    return block.alt || "";
  }
  const treeWords = (blocks) => blocks.map(blockWords).join("\n");
  const plain = (text) =>
    isTree(text) ? treeWords(text.blocks) : Array.isArray(text) ? text.join("") : text;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // code: an option ('--upgrade'), a hyphenated word in a .kept span (qbank.text.KEPT_IN_CODE)
  const CODE_KEPT = /((?<![^\s"'(\[{])(?:-+[^\s=-][^\s=]{0,17}(?![^\s=])|-+[^\s-]|--+)|(?<![\p{L}\p{N}_-])(?=[\p{L}\p{N}_-]{3,18}(?![\p{L}\p{N}_-]))[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)+|(?<=[\p{L}\p{N}_])-[\p{L}\p{N}_]+)/gu;
  // a code line breaks at a <wbr> too (qbank.text.CODE_BREAK)
  const CODE_BREAK = /(?<=[({,])(?=[^\s)\]}])|(?<=\[)(?=[^\s)\]}])(?![^\[\](){},\n]{1,16}\])|(?<=[\p{L}\p{N}_]\.)(?=[\p{L}_][\p{L}\p{N}_]*[.(\[])/gu;
  function codeSpan(text, code = el("code"), kept = CODE_KEPT) {
    code.append(...text.split(kept).map((part, i) => (i % 2 ? el("span", "kept", part) : part)));
    return code;
  }

  // spans: [text, flags, address]; flags e(mphasis) s(trong) c(ode) n(ewline)
  // a web link opens a tab of its own, keeping this one's place; said so (WCAG's G201)
  function linkOut(href, text) {
    const link = el("a", "", text);
    link.href = href;
    link.rel = "noopener noreferrer";
    if (/^https?:/i.test(href)) {
      link.target = "_blank";
      link.setAttribute("aria-describedby", "new-tab");
    }
    return link;
  }

  function appendSpans(node, spans) {
    for (const [text, flags, href] of spans) {
      if (flags.includes("n")) {
        node.append(el("br"));
        continue;
      }
      let part = flags.includes("c") ? codeSpan(text) : document.createTextNode(text);
      for (const [flag, tag] of [["e", "em"], ["s", "strong"]]) {
        if (!flags.includes(flag)) continue;
        const wrap = el(tag);
        wrap.append(part);
        part = wrap;
      }
      if (href) {
        const link = linkOut(href);
        // printed, a link shows where it leads, unless its words are the address
        if (text !== href) link.dataset.address = href;
        link.append(part);
        part = link;
      }
      node.append(part);
    }
  }

  function codeBlock(block) {
    const figure = el("figure", "code");
    figure.dir = "ltr";
    // its caption only seen, its language heard once, as its name (a learner's trial)
    if (block.label) {
      figure.appendChild(el("figcaption", "", block.label)).setAttribute("aria-hidden", "true");
      figure.setAttribute("aria-label", block.label);
    }
    const pre = el("pre");
    const code = el("code");
    for (const tokens of block.code) {
      const line = el("span", "line");
      const parts = lineTokens(tokens);
      const text = parts.map(tokenText).join("");
      const indent = /^[ \t]*/.exec(text)[0];
      // wrapped rows start at the line's indent (a tab: to its stop)
      let i = 0;
      for (const c of indent) i += c === " " ? 1 : 4 - (i % 4);
      // the indentation and first character stay on the first row (.line-lead), never
      // left blank; not past 16 columns (44 blanks ran out of a phone's box)
      const glued = indent && indent.length < text.length && i <= 16 ? indent.length + 1 : 0;
      // nor in an option or after a word's hyphen (.kept, as in a code span), across its
      // tokens: 'pip install -' over '-upgrade', '2026-01-' over '01' (qbank.text.kept_runs)
      const runs = glued ? [[0, glued]] : [];
      for (const m of text.matchAll(CODE_KEPT)) {
        const last = runs[runs.length - 1], end = m.index + m[0].length;
        if (last && m.index < last[1]) last[1] = Math.max(last[1], end);
        else runs.push([m.index, end]);
      }
      const cuts = [...text.matchAll(CODE_BREAK)].map((m) => m.index).filter((b) => !runs.some(([f, t]) => f < b && b < t));
      let at = 0, run = 0, box = null;
      for (const token of parts) {
        const role = typeof token === "string" ? "" : token[0];
        let rest = tokenText(token);
        while (rest) {
          const [from, to] = runs[run] || [Infinity];
          const n = Math.min(rest.length, (at < from ? from : to) - at, (cuts.find((b) => b > at) ?? Infinity) - at);
          if (cuts.includes(at)) line.append(el("wbr"));
          if (at === from) box = line.appendChild(el("span", from || !glued ? "kept" : "line-lead"));
          (at < from ? line : box).append(role ? el("span", "tok-" + role, rest.slice(0, n)) : rest.slice(0, n));
          [at, rest] = [at + n, rest.slice(n)];
          if (at === to) run++;
        }
      }
      if (i) line.style.setProperty("--i", Math.min(i, 16));
      if (!tokens.length) line.append("\u200b");
      code.append(line);
    }
    // a block in columns (highlight.in_columns) keeps its rows whole, in a box that scrolls,
    // reached and named: broken, its columns scattered
    if (block.cols) {
      pre.className = "cols";
      pre.tabIndex = 0;
      pre.setAttribute("role", "group");
      if (!block.label) pre.setAttribute("aria-label", w("code"));
    }
    pre.append(code);
    figure.append(pre);
    return figure;
  }

  // a table in a box that scrolls sideways, reached and named (axe); aligned l, c, r as written
  function table(block) {
    const box = el("div", "md-table"), grid = box.appendChild(el("table")), align = block.align || "";
    box.tabIndex = 0;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", w("table"));
    grid.dir = "auto";
    block.table.forEach((row, r) => {
      const line = (r ? grid.tBodies[0] || grid.createTBody() : grid.createTHead()).insertRow();
      row.forEach((spans, c) => {
        const cell = line.appendChild(el(r ? "td" : "th"));
        if (!r) cell.scope = "col";
        cell.style.textAlign = { l: "left", c: "center", r: "right" }[align[c]] || "";
        appendSpans(cell, spans);
        if (/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/.test(cell.textContent)) cell.dir = "auto";
      });
    });
    // printed, where words break anywhere, each column keeps room for its longest (to 12)
    for (const th of grid.tHead.rows[0].cells) {
      const words = [...grid.rows].flatMap((tr) => (tr.cells[th.cellIndex]?.textContent || "").split(/\s+/));
      th.style.setProperty("--w", Math.min(12, Math.max(...words.map((x) => x.length))));
    }
    return box;
  }

  // tight: a list item's first paragraph is its text. Each paragraph, list and quote reads
  // in its own direction
  function appendBlocks(node, blocks, tight, inQuote) {
    blocks.forEach((block, i) => {
      if (block.p) {
        if (tight && i === 0) appendSpans(node, block.p);
        else {
          const paragraph = el("p");
          if (!inQuote) paragraph.dir = "auto";
          appendSpans(paragraph, block.p);
          node.append(paragraph);
        }
      } else if (block.code) {
        node.append(codeBlock(block));
      } else if (block.list) {
        const list = el(block.ordered ? "ol" : "ul");
        list.dir = "auto";
        if (block.ordered && block.start !== 1) list.start = block.start;
        // room for its widest number: "10." touched the card's edge at phone width
        if (block.ordered) list.style.setProperty("--digits", String(block.start + block.list.length - 1).length);
        for (const item of block.list) {
          const entry = el("li");
          appendBlocks(entry, item, !block.loose);
          list.append(entry);
        }
        node.append(list);
      } else if (block.quote) {
        const quote = el("blockquote");
        quote.dir = "auto";
        appendBlocks(quote, block.quote, false, true);
        node.append(quote);
      } else if (block.table) {
        node.append(table(block));
      } else if (block.img !== undefined) {
        const image = el("img", "picture");
        image.src = images[block.img];
        image.alt = block.alt;
        image.width = block.w;
        image.height = block.h;
        node.append(image);
      }
    });
  }

  // a question's first paragraph in its heading, the other blocks after it
  function splitLead(text) {
    if (!isTree(text) || (text.blocks.length === 1 && text.blocks[0].p)) return [text, null];
    const first = text.blocks[0].p ? [text.blocks[0]] : [];
    return [{ blocks: first }, { blocks: text.blocks.slice(first.length) }];
  }

  // the bank's language on its texts, words.toml's on the page's: each read in its voice
  const LANG = data.language || "";
  const PAGE_LANG = document.documentElement.lang;
  // each score's label on the scale the anchors are rated on ("5": "Exceptional")
  const SCALE = data.scale || {};
  function inBankLanguage(node, lang = LANG) {
    if (lang) node.lang = lang;
    return node;
  }
  // a section's texts, its questions' included, may be in a language of their own
  const sectionLang = (index) => sections[index].language || LANG;
  // in a right-to-left language (data.rightToLeft) a block with a right-to-left letter runs
  // so (qbank.direction), else by its first strong letter ('TCP אמין' stood left)
  const RIGHT_TO_LEFT_LANGUAGES = new Set(data.rightToLeft || []);
  const RIGHT_TO_LEFT = new RegExp(data.rightToLeftLetters || "[]", "u"); // qbank.text's
  function directionOf(node, lang) {
    if (!RIGHT_TO_LEFT_LANGUAGES.has(lang)) return "auto";
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode;
      if (RIGHT_TO_LEFT.test(text.data) && !text.parentNode.closest("pre")) return "rtl";
    }
    return "auto";
  }
  // `node` and each paragraph, list and quote in it that goes by its first letter
  function orient(node, lang) {
    if (!RIGHT_TO_LEFT_LANGUAGES.has(lang)) return node;
    for (const block of [node, ...node.querySelectorAll("[dir=auto]")]) {
      if (block.dir === "auto") block.dir = directionOf(block, lang);
    }
    return node;
  }
  const langOf = (q) => sectionLang(q.section);

  // no line breaks at French's space before ? ! ; : » or after «, nor in '50 %', 'CHF 50',
  // '3 000' (qbank.text.kept_spaces): each run in a .kept span, across elements ("*oui* !")
  const NUMBER = /(?<=(?<![\p{L}\p{N}_])\p{Nd}{1,3}) (?=\p{Nd}{3}(?!\p{Nd}))|(?<=\p{Nd}[.,]\p{Nd}{3}(?: \p{Nd}{3}){0,2}) (?=\p{Nd}\p{Nd}?(?!\p{Nd}))|(?<=[\p{Nd}⁰¹²³⁴⁵⁶⁷⁸⁹]) +(?=[%‰‱°€$£¥¢₹₽₩₺₴₪₫₱₦₡₲₵₸₼₾₿]|(?:[nµμmcdk]?m[²³]?|[µμmk]?g|[nµμm]s|min|h|[kMGT]?Hz|[kMG]?bit|[kKMGTP]?B|[KMGTP]iB|[KMGT]b|[kKMGT]?bps|[mk]?V|[kMG]?eV|[mk]A|[mkMGT]?Wh?|[kM]?Ω|[kM]?J|kcal|k?N|[hkMG]?Pa|mbar|K|[mµμk]?mol|[pnµμm]F|[dµμm]?L|ml|dBm?|px|pt|dpi|ppi|fps|rpm|[GT]?FLOPS|IOPS|ft|lbs?|oz|[aApP][.]?[mM][.]?|mmHg|cmH₂O|mcg|mEq|IU|UI|bpm|EUR|USD|GBP|CHF|JPY|CNY|INR|RUB|BRL|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|TRY|ZAR|MXN|KRW|HKD|SGD|ILS|AED|SAR|UAH)(?![\p{L}\p{N}_]))|(?<=(?<!\p{Nd} )[€$£¥¢₹₽₩₺₴₪₫₱₦₡₲₵₸₼₾₿]) +(?=\p{Nd})|(?<=(?<!\p{Nd} )(?<![\p{L}\p{N}_])(?:EUR|USD|GBP|CHF|JPY|CNY|INR|RUB|BRL|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|TRY|ZAR|MXN|KRW|HKD|SGD|ILS|AED|SAR|UAH)) +(?=\p{Nd})/gu;
  // and in any language a formula's blank before a relation or an operation, or after a leading
  // sign or comparison ('= c²', '(≥ 0.5'), qbank.text.FORMULA_PATTERN's
  const FORMULA = new RegExp(String.raw`(?<=[^\s§(\[{,;:*\-]) +(?=(?:<=>|<->|<=|>=|!=|==|:=|->|=>|[§]) +[^\s])|(?:(?<=[0-9⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₙₘₖₗₚₛₜ½⅓⅔¼¾⅕⅙⅛′″)\]}!])|(?<=(?<![A-Za-zΑ-Ωα-ω])[A-Za-zΑ-Ωα-ω])) +(?=(?:[\-*]|·(?! +[0-9]+ +[^\s0-9§(\[{√\-])) +(?:[0-9½⅓⅔¼¾⅕⅙⅛(\[{√∛∜∑∏∫∞∂∇−±]|[A-Za-zΑ-Ωα-ω](?![A-Za-zΑ-Ωα-ω])|(?:sin|cos|tan|log|ln|exp|lim)(?![A-Za-zΑ-Ωα-ω])))|(?:(?<=(?<![^\n])[+−±∓-])|(?<=[(\[{][+−±∓-])|(?<=[§,;:] [+−±∓-])|(?<=(?<![A-Za-zΑ-Ωα-ω])(?:sin|cos|tan|log|exp|lim))|(?<=(?<![A-Za-zΑ-Ωα-ω])ln)) +(?=(?:[0-9½⅓⅔¼¾⅕⅙⅛(\[{√∛∜∑∏∫∞∂∇−±]|[A-Za-zΑ-Ωα-ω](?![A-Za-zΑ-Ωα-ω])|(?:sin|cos|tan|log|ln|exp|lim)(?![A-Za-zΑ-Ωα-ω])))|(?:(?<=(?<![^\s(])[0-9])|(?<=(?<![^\s(])[0-9][0-9])) +(?=[A-Z][A-Za-z]*[₀-₉])|(?:(?<=(?<![^\n(\[{])[=≠<>≤≥≈])|(?<=[,;:] [=≠<>≤≥≈])|(?<=[A-ZÀ-ÖØ-Þa-zß-öø-ÿ][a-zß-öø-ÿ] [=≠<>≤≥≈])) +(?=[0-9])`.replaceAll("§", "=≠<>≤≥≦≧≈≉≡≢≅≃∼∝≪≫≺≻→←↔⇒⇐⇔⇌⇋⇄⟶⟵⟷⟹⟸⟺↦∈∉∋∌⊂⊃⊆⊇⊊⊋∥⊥∣+−×÷±∓∗⋅∘∪∩∧∨⊕⊗⊖∖"), "gu");
  // and a range of numbers whole ('5–10 mg'), as Chromium breaks after its dash (NUMBER_RANGE)
  const RANGE = /(?<![0-9.,])[0-9]+(?:[.,][0-9]+)?–[0-9]+(?:[.,][0-9]+)?/u;
  const ANYWHERE = new RegExp(`${NUMBER.source}|${FORMULA.source}|${RANGE.source}`, "gu");
  const KEPT = new RegExp(`${ANYWHERE.source}|${/(?<=«) +(?=\S)|(?<=\S) +(?=[?!;:»])/.source}`, "gu");
  function keepMarks(node, lang) {
    const french = /^fr(-|_|$)/i.test(lang);
    if (!/[ –]/.test(node.textContent)) return node;
    // each block's and line's text apart ('5 min' then a cell's 'mitigate' was no unit)
    const texts = [], starts = [], walker = document.createTreeWalker(node, NodeFilter.SHOW_ALL);
    let all = "", block;
    while (walker.nextNode()) {
      const text = walker.currentNode;
      if (text.nodeName === "BR") block = 0;
      if (text.nodeType !== Node.TEXT_NODE) continue;
      const owner = text.parentNode.closest("p, li, td, th, dt, dd, div");
      if (owner !== block) all += "\n";
      block = owner;
      starts.push(all.length);
      texts.push(text);
      all += text.data;
    }
    const cuts = new Map(); // a text node: the [from, to] of its kept spaces
    let n = 0; // texts[n] starts at starts[n] in `all`
    for (const match of all.matchAll(french ? KEPT : ANYWHERE)) {
      let from = match.index;
      const to = from + match[0].length;
      while (from < to) {
        while (starts[n] + texts[n].data.length <= from) n++;
        const at = starts[n], end = Math.min(to, at + texts[n].data.length);
        if (!texts[n].parentNode.closest("code, pre")) {
          if (!cuts.has(texts[n])) cuts.set(texts[n], []);
          cuts.get(texts[n]).push([from - at, end - at]);
        }
        from = end;
      }
    }
    for (const [text, ranges] of cuts) {
      const parts = document.createDocumentFragment();
      let last = 0;
      for (const [a, b] of ranges) {
        parts.append(text.data.slice(last, a), el("span", "kept", text.data.slice(a, b)));
        last = b;
      }
      parts.append(text.data.slice(last));
      text.replaceWith(parts);
    }
    return node;
  }

  // a web address whole on a row it fits, else broken at the row's end: each sign .kept with
  // the characters beside it (qbank.text.address_html; it broke at '?' where it fitted)
  const ADDRESS = /([^\s<>]*[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s<>]+)/;
  const SIGNS = /([\p{L}\p{N}]?[^\p{L}\p{N}](?:[\p{L}\p{N}]?[^\p{L}\p{N}])*[\p{L}\p{N}]?)/u;
  function wholeAddresses(node) {
    if (!node.textContent.includes("://")) return node;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const text of texts) {
      if (!text.data.includes("://") || text.parentNode.closest("code, pre")) continue;
      const parts = text.data.split(ADDRESS);
      text.replaceWith(...parts.map((part, i) => (i % 2 ? codeSpan(part, el("span", "url"), SIGNS) : part)));
    }
    return node;
  }

  // a code span's further row starts with ↪ as in the PDFs (a long name read as two): a
  // mark of no text (style.css), set as the page changes
  function markGoOn() {
    for (const mark of document.querySelectorAll(".go-on")) mark.remove();
    const range = document.createRange();
    const top = (text, i) => {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return range.getBoundingClientRect().top;
    };
    for (const code of document.querySelectorAll("code:not(pre code)")) {
      code.normalize();
      let row = null;
      if (code.getClientRects().length < 2) continue;
      for (const part of [...code.childNodes]) {
        let text = part.firstChild || part; // a .kept option's, whose mark goes before it
        for (let i = 0; i < text.data.length; i++) {
          if (!text.data[i].trim()) continue;
          const at = top(text, i);
          if (row !== null && at > row + 2) {
            if (i) text = text.splitText(i);
            (i ? text : part).before(el("span", "go-on"));
            [i, row] = [-1, top(text, 0)];
          } else row = at;
        }
      }
    }
  }
  // a kept run wider than its row breaks (.wide): '-AzNetworkSecurityRuleConfig' widened
  // the whole page at 200 % text (a phone trial)
  function fitKept() {
    const rows = new Map(), wide = [], kept = document.querySelectorAll(".kept");
    for (const span of kept) span.classList.remove("wide");
    for (const span of kept) {
      const box = span.getBoundingClientRect();
      if (!box.width) continue; // hidden
      let block = span.parentElement;
      while (getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
      if (!rows.has(block)) {
        const style = getComputedStyle(block), at = block.getBoundingClientRect().left + block.clientLeft;
        rows.set(block, [at + parseFloat(style.paddingLeft),
          at + block.clientWidth - parseFloat(style.paddingRight), style.direction === "rtl"]);
      }
      const [left, right, rtl] = rows.get(block);
      if (rtl ? box.left < left - 1 : box.right > right + 1) wide.push(span);
    }
    for (const span of wide) span.classList.add("wide");
  }
  let marking = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(marking);
    marking = requestAnimationFrame(() => {
      fitKept();
      markGoOn();
    });
  }).observe(document.body);

  // bank text: right-to-left text reads in its own direction; blocks go in a div, not a p
  function rich(tag, className, text, lang = LANG) {
    if (isTree(text)) {
      const single = text.blocks.length === 1 && text.blocks[0].p;
      const node = inBankLanguage(el(!single && tag === "p" ? "div" : tag, className), lang);
      node.dir = "auto";
      if (single) appendSpans(node, text.blocks[0].p);
      else appendBlocks(node, text.blocks, tag !== "p" && tag !== "div");
      return orient(keepMarks(wholeAddresses(node), lang), lang);
    }
    const node = inBankLanguage(el(tag, className), lang);
    node.dir = "auto";
    if (!Array.isArray(text)) {
      node.textContent = text;
      return orient(keepMarks(wholeAddresses(node), lang), lang);
    }
    text.forEach((part, i) => {
      if (i % 2) node.append(codeSpan(part));
      else if (part) node.append(document.createTextNode(part));
    });
    return orient(keepMarks(wholeAddresses(node), lang), lang);
  }

  // search ignores case and accents as Chromium's find does ("verifiez" finds "Vérifiez"),
  // not kana voicing nor Indic vowel signs (か finds no が); ｶﾀｶﾅ, かたかな find カタカナ,
  // "ss" "ß"; Hebrew's maqaf, geresh, gershayim as a phone types them (ה-API, צה"ל)
  const marks = /[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0640\u064b-\u065f\u0670]/g;
  const typed = { "\u05be": "-", "\u05f3": "'", "\u05f4": '"' };
  const folded = (text) =>
    text.normalize("NFKD").replace(marks, "").normalize("NFC").toLowerCase().replace(/ß/g, "ss")
      .replace(/[\u05be\u05f3\u05f4]/g, (c) => typed[c])
      .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
  const searchable = questions.map((q) =>
    [q.label, q.id, q.question, q.hint, q.note || "", (q.tags || []).join(" "),
      ...(q.lookFor || []), ...(q.followUps || []), sections[q.section].name,
      sections[q.section].description || "",
      ...(q.anchors || []).map((a) => (SCALE[String(a[0])] || "") + " " + plain(a[1])),
      ...(q.sources || []).map((s) => s[0])]
      .map(plain).join("\n"));
  const haystacks = searchable.map(folded);
  // in a German bank "ueberwachen" finds "überwachen": that spelling is searched too
  const umlauts = { "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue" };
  const spelt = LANG.toLowerCase().split(/[-_]/)[0] === "de"
    ? searchable.map((text) => folded(text.normalize("NFC").replace(/[äöüÄÖÜ]/g, (c) => umlauts[c])))
    : null;

  // ---- saved ratings: { id: { rating, at } } under the bank's name ----
  // without a prototype: an id "constructor" is a question's, not JavaScript's
  const noPrototype = (entries) => Object.assign(Object.create(null), entries);
  let store = { ratings: noPrototype({}) };
  let storageWorks = true;
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) || "null");
    if (saved && typeof saved.ratings === "object" && saved.ratings) {
      store = { ratings: noPrototype(saved.ratings) };
    }
  } catch (error) {
    storageWorks = false;
  }

  // whether the browser kept the ratings (not when full or turned off)
  function stored() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ version: 1, ratings: store.ratings }));
      return true;
    } catch (error) {
      return false;
    }
  }

  function save() {
    if (stored()) return;
    if (storageWorks) warnStorage();
    storageWorks = false;
  }

  // storage off or full: said on screen for good (a full store was never told)
  function warnStorage() {
    const notice = $("storage-notice"); // a look's own page.html may have none
    if (!notice) return say(w("no_storage"));
    notice.textContent = w("no_storage");
    notice.hidden = false;
  }

  const ratingOf = (q) => (store.ratings[q.id] || {}).rating || "";
  const ratedAs = (q, wanted) => !wanted || (ratingOf(q) || "none") === wanted;

  function rate(q, rating) {
    store.ratings[q.id] = { rating: rating, at: Date.now() };
    save();
    refreshQuestion(q);
    showProgress();
    recount();
  }

  function say(message) {
    $("status").textContent = message;
  }

  // what the progress's buttons did, shown beside them too (a sighted user saw nothing)
  function told(message) {
    const shown = $("keep-status");
    if (shown) shown.textContent = message;
    else say(message);
  }

  // ---- one question ----
  // q12 whatever the look calls the question (F12): a link to it stays one
  const anchor = (q) => q.label.replace(/^\D*/, "q");
  const cards = new Map(); // id -> rendered article in the list

  // A part of the answer: its heading, then its list.
  function headed(heading, list, level) {
    const block = document.createDocumentFragment();
    block.append(el(level, "", heading), list);
    return block;
  }

  function listBlock(heading, items, lang, level) {
    const list = el("ul");
    for (const item of items) list.append(rich("li", "", item, lang));
    return headed(heading, list, level);
  }

  // each source's title as a link, then its address as text, kept in print and a copy (a
  // screen reader's list of links read each address in full: a phone trial)
  function sourcesBlock(sources, lang, level) {
    const list = el("ol", "sources");
    for (const [title, url] of sources) {
      const item = inBankLanguage(el("li"), lang);
      const link = linkOut(url, title);
      const address = codeSpan(url, el("span", "address"), SIGNS);
      address.dir = "ltr";
      item.append(link, " \u2014 ", address);
      item.dir = directionOf(item, lang);
      list.append(item);
    }
    return headed(w("sources"), list, level);
  }

  // What an answer at each score the bank describes holds: score, then its text.
  function anchorsBlock(anchors, lang, level) {
    const list = el("dl", "anchors");
    for (const [score, text] of anchors) {
      const label = Object.hasOwn(SCALE, String(score)) ? SCALE[String(score)] : "";
      list.append(el("dt", "", label ? score + " " + label : String(score)));
      list.append(rich("dd", "text", text, lang));
    }
    return headed(w("rated_intro"), list, level);
  }

  // The answer is built when first shown (or printed): a long list stays cheap.
  function answerBlock(idBase) {
    const answer = el("div", "answer");
    answer.id = idBase + "-answer";
    answer.hidden = true;
    return answer;
  }

  function fillAnswer(card) {
    const answer = card.querySelector(".answer");
    if (answer.firstChild) return answer;
    const q = byId.get(card.dataset.id);
    const lang = langOf(q);
    // one level below the question's heading: h4 in the list, h5 in a run (the hint stood
    // beside its h4 question)
    const level = "h" + (Number(card.dataset.level.slice(1)) + 1);
    answer.append(el(level, "", w("hint")), rich("p", "text", q.hint, lang));
    if (q.anchors) answer.append(anchorsBlock(q.anchors, lang, level));
    // the booklet's and a card's order
    if (q.followUps) answer.append(listBlock(w("follow_ups"), q.followUps, lang, level));
    if (q.note) answer.append(el(level, "", w("note")), rich("p", "text", q.note, lang));
    if (q.lookFor) answer.append(listBlock(w("look_for"), q.lookFor, lang, level));
    if (q.sources) answer.append(sourcesBlock(q.sources, lang, level));
    const group = el("div", "rate controls");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", w("rate_yourself", { label: q.label }));
    for (const [value, name] of RATINGS) {
      const button = el("button", "rating " + value, name);
      button.type = "button";
      button.dataset.rating = value;
      group.append(button);
    }
    answer.append(group);
    paint(card, q);
    return answer;
  }

  function questionCard(q, idBase, headingLevel) {
    const card = el("article", "question");
    card.id = idBase;
    card.dataset.level = headingLevel;
    card.tabIndex = -1;
    card.dataset.id = q.id;
    const heading = el(headingLevel, "question-head");
    heading.id = idBase + "-heading";
    card.setAttribute("aria-labelledby", heading.id);
    // in the list, a link to the question named by its text ("Q4"); in a run plain
    // text: following it left the run (a trial)
    const linked = !idBase.startsWith("practice-");
    const number = el(linked ? "a" : "span", "number", q.label);
    number.id = idBase + "-number";
    if (linked) number.href = "#" + anchor(q);
    const [lead, rest] = splitLead(q.question);
    // the heading takes its words' direction, not its number's
    const words = rich("span", "text", lead, langOf(q));
    words.removeAttribute("dir");
    number.dir = "ltr";
    heading.append(number, " ", words);
    heading.dir = directionOf(heading, langOf(q));
    const meta = el("p", "meta");
    meta.append(rich("span", "section-name", sections[q.section].name, langOf(q)));
    if (q.minutes !== undefined) meta.append(el("span", "minutes", w("minutes", { minutes: q.minutes })));
    // what each part is, for a screen reader (it heard one run of words: a trial)
    if ((q.tags || []).length) meta.append(el("span", "visually-hidden", w("tags_said")));
    for (const tag of q.tags || []) meta.append(rich("span", "tag", tag));
    const rated = el("span", "visually-hidden rated", w("rating_said"));
    rated.hidden = true;
    const badge = el("span", "badge controls");
    meta.append(rated, badge);
    const reveal = el("button", "reveal controls", w("show_answer"));
    reveal.type = "button";
    reveal.setAttribute("aria-expanded", "false");
    reveal.setAttribute("aria-controls", idBase + "-answer");
    // fifty buttons of one name: each says whose answer it shows
    reveal.setAttribute("aria-describedby", number.id);
    card.append(heading);
    if (rest) card.append(rich("div", "question-body", rest, langOf(q)));
    card.append(meta, reveal, answerBlock(idBase));
    paint(card, q);
    return card;
  }

  function paint(card, q) {
    const rating = ratingOf(q);
    const badge = card.querySelector(".badge");
    badge.textContent = rating ? RATING_NAMES[rating] : "";
    badge.className = "badge controls " + rating;
    const rated = card.querySelector(".rated");
    if (rated) rated.hidden = !rating;
    for (const button of card.querySelectorAll(".rating")) {
      button.setAttribute("aria-pressed", String(button.dataset.rating === rating));
    }
  }

  function refreshQuestion(q) {
    const card = cards.get(q.id);
    if (card) paint(card, q);
    const practised = $("practice-question").firstChild;
    if (practised && practised.dataset.id === q.id) paint(practised, q);
  }

  // the answers open in the list: drawing it closed them (a phone trial)
  const openAnswers = new Set();

  function toggle(card, open) {
    const answer = fillAnswer(card);
    const button = card.querySelector(".reveal");
    const show = open === undefined ? answer.hidden : open;
    answer.hidden = !show;
    if (cards.get(card.dataset.id) === card) {
      if (show) openAnswers.add(card.dataset.id);
      else openAnswers.delete(card.dataset.id);
    }
    remember();
    button.setAttribute("aria-expanded", String(show));
    button.textContent = show ? w("hide_answer") : w("show_answer");
  }

  // ---- browsing: search, filters, the list ----
  const search = $("search");
  const sectionFilter = $("section-filter");
  const tagFilter = $("tag-filter");
  const ratingFilter = $("rating-filter");
  let matches = [];
  let shown = PAGE_SIZE;
  const filters = [search, sectionFilter, tagFilter, ratingFilter];
  const filteredBy = () => filters.map((f) => f.value).join("\0");
  const filtered = () => filters.some((f) => f.value);
  const unfilter = () => filters.forEach((f) => (f.value = ""));

  function fillFilters() {
    sections.forEach((s, i) => sectionFilter.append(inBankLanguage(new Option(s.name, String(i)), sectionLang(i))));
    const tags = [...new Set(questions.flatMap((q) => q.tags || []))];
    tags.sort((a, b) => a.localeCompare(b));
    for (const tag of tags) tagFilter.append(inBankLanguage(new Option(tag, tag)));
    // a filter with nothing to choose is left out (no tags showed "All tags")
    tagFilter.closest(".field").hidden = !tags.length;
    sectionFilter.closest(".field").hidden = sections.length < 2;
    // nor a single section's progress and practice choice
    $("by-section").hidden = $("practice-sections").closest("fieldset").hidden = sections.length < 2;
  }

  function matching() {
    const words = folded(search.value).split(/\s+/).filter(Boolean);
    const section = sectionFilter.value === "" ? -1 : Number(sectionFilter.value);
    const tag = tagFilter.value;
    const wanted = ratingFilter.value;
    const found = [];
    for (let i = 0; i < questions.length; i++) {
      const q = questions[i];
      if (section >= 0 && q.section !== section) continue;
      if (tag && !(q.tags || []).includes(tag)) continue;
      if (!ratedAs(q, wanted)) continue;
      const hay = haystacks[i];
      const other = spelt ? spelt[i] : "";
      if (words.every((w) => hay.includes(w) || other.includes(w))) found.push(q);
    }
    return found;
  }

  function update() {
    matches = matching();
    shown = PAGE_SIZE;
    draw();
    remember();
  }

  function draw() {
    const list = $("questions");
    const fragment = document.createDocumentFragment();
    cards.clear();
    let current = -1;
    let group = null;
    const opened = new Map();
    for (const q of matches.slice(0, shown)) {
      if (q.section !== current) {
        current = q.section;
        const again = opened.get(current) || 0;
        opened.set(current, again + 1);
        group = el("section", "section");
        const heading = rich("h2", "section-head", sections[current].name, sectionLang(current));
        if (again) around(heading, w(again > 1 ? "continued_again" : "continued", { section: "\0", n: again }));
        heading.id = "section-" + current + (again ? "-" + again : "");
        group.setAttribute("aria-labelledby", heading.id);
        group.append(heading);
        const about = sections[current].description;
        if (plain(about)) group.append(rich("p", "section-about muted", about, sectionLang(current)));
        fragment.append(group);
      }
      const card = questionCard(q, anchor(q), "h3");
      cards.set(q.id, card);
      if (openAnswers.has(q.id)) toggle(card, true);
      group.append(card);
    }
    list.replaceChildren(fragment);
    recount();
    // a search or a filter set: one way back to every question (a look's own page.html may
    // have none); it showed only when nothing matched (a phone trial)
    const clear = $("clear-filters");
    if (clear) clear.hidden = !filtered();
    const more = $("more");
    const rest = matches.length - shown;
    more.hidden = rest <= 0;
    if (rest > 0) more.textContent = w("show_n_more", { n: Math.min(rest, PAGE_SIZE), rest });
  }

  // one rated out of the Rating filter stays, focus on it, counted apart (a learner's trial)
  function recount() {
    const total = questions.length;
    const since = matches.filter((q) => !ratedAs(q, ratingFilter.value)).length;
    const n = matches.length - since;
    let counted = n !== total ? w(n === 1 ? "questions_match_one" : "questions_match", { n, total })
      : w(total === 1 ? "questions_one" : "questions", { total });
    if (matches.length > shown) counted = w("questions_shown", { counted, shown });
    if (since) counted = w("rated_since", { counted, n: since });
    // the same words are no change (a screen reader heard them at every keystroke)
    if ($("count").textContent !== counted) $("count").textContent = counted;
  }

  // printing gives every match with its answer
  function forPrint() {
    if (shown < matches.length) {
      shown = matches.length;
      draw();
    }
    for (const card of cards.values()) fillAnswer(card);
  }

  // the page's words `text` around a node of bank text, at its "\0", each in its language
  function around(node, text) {
    const [before, after] = text.includes("\0") ? text.split("\0") : ["", " " + text];
    const part = (words) => Object.assign(el("span", "", words), { lang: PAGE_LANG });
    if (before) node.prepend(part(before));
    if (after) node.append(part(after));
  }

  // ---- progress ----
  function counts(list) {
    const result = { again: 0, hard: 0, good: 0, none: 0, total: list.length };
    for (const q of list) result[ratingOf(q) || "none"]++;
    return result;
  }

  function describe(c) {
    return w("tally", c);
  }

  function showProgress() {
    const all = counts(questions);
    $("overall").max = all.total;
    $("overall").value = all.good;
    $("overall-text").textContent = describe(all);
    const rows = document.createDocumentFragment();
    sections.forEach((section, index) => {
      const c = counts(questions.filter((q) => q.section === index));
      const row = el("li");
      const name = rich("span", "name", section.name, sectionLang(index));
      name.id = "progress-" + index;
      const bar = el("progress");
      bar.max = Math.max(c.total, 1);
      bar.value = c.good;
      bar.setAttribute("aria-labelledby", name.id);
      bar.setAttribute("aria-describedby", name.id + "-text");
      const text = el("span", "muted small", w("section_tally", c));
      text.id = name.id + "-text";
      text.title = describe(c);
      row.append(name, bar, text);
      rows.append(row);
    });
    $("section-progress").replaceChildren(rows);
  }

  // ---- keep your progress: export, import, reset ----
  function exportProgress() {
    const body = JSON.stringify({
      format: EXPORT_FORMAT, version: 1, bank: data.bank, title: data.title,
      exported: new Date().toISOString(), ratings: store.ratings,
    }, null, 1);
    const link = el("a");
    link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }));
    link.download = data.bank + "-progress.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    told(w("exported", { file: link.download }));
  }

  function importProgress(text) {
    let incoming;
    try {
      incoming = JSON.parse(text);
    } catch (error) {
      return w("not_json");
    }
    if (!incoming || incoming.format !== EXPORT_FORMAT || incoming.version !== 1 ||
        typeof incoming.bank !== "string" || typeof incoming.ratings !== "object" ||
        !incoming.ratings) {
      return w("not_progress");
    }
    if (incoming.bank !== data.bank) {
      return w("other_bank", { other: incoming.bank, bank: data.bank });
    }
    let taken = 0;
    let elsewhere = 0; // of questions this page does not hold
    const here = new Set(questions.map((q) => q.id));
    const before = noPrototype({ ...store.ratings });
    // a rating dated past tomorrow (1e308: a hostile trial) would never give way
    const latest = Date.now() + 86400000;
    for (const [id, entry] of Object.entries(incoming.ratings)) {
      if (!entry || typeof entry.rating !== "string" || !Object.hasOwn(RATING_NAMES, entry.rating) ||
          !Number.isFinite(entry.at) || entry.at > latest) continue;
      const mine = store.ratings[id];
      if (!mine || mine.at < entry.at) {
        store.ratings[id] = { rating: entry.rating, at: entry.at };
        if (here.has(id)) taken++;
        else elsewhere++;
      }
    }
    // more ratings than the browser keeps: none taken (a reload lost them, unsaid)
    if (storageWorks && !stored()) {
      store.ratings = before;
      return w("import_too_large");
    }
    for (const q of questions) refreshQuestion(q);
    showProgress();
    return elsewhere
      ? w("imported_and_kept", { ratings: ratingsText(taken), kept: ratingsText(elsewhere) })
      : w("imported", { ratings: ratingsText(taken) });
  }

  function askReset() {
    const rated = Object.keys(store.ratings).length;
    $("reset-text").textContent = rated
      ? w("reset_text", { ratings: ratingsText(rated) })
      : w("nothing_to_reset");
    // nothing to remove: no red button
    const confirm = $("reset-dialog").querySelector("button[value=reset]");
    if (confirm) confirm.hidden = !rated; // a look's own page.html may name it otherwise
    const dialog = $("reset-dialog");
    dialog.showModal();
    // taller than the window: at its heading, not its foot's button (APG)
    const heading = dialog.querySelector("h2");
    if (heading && dialog.scrollHeight > dialog.clientHeight) {
      heading.tabIndex = -1;
      heading.focus();
      dialog.scrollTop = 0;
    }
  }

  function reset() {
    store.ratings = noPrototype({});
    save();
    for (const q of questions) refreshQuestion(q);
    showProgress();
    told(w("was_reset"));
  }

  // ---- practice mode ----
  const practice = { list: [], index: 0, results: [], clock: null, ticker: 0 };
  const minutesOf = (q) => (q.minutes === undefined ? DEFAULT_MINUTES : q.minutes);

  function fillPracticeSections() {
    const box = $("practice-sections");
    sections.forEach((s, i) => {
      const id = "practice-section-" + i;
      const input = el("input");
      input.type = "checkbox";
      input.id = id;
      input.value = String(i);
      const label = rich("label", "", s.name, sectionLang(i));
      label.htmlFor = id;
      const row = el("div", "check");
      row.append(input, label);
      box.append(row);
    });
  }

  function shuffled(list) {
    const copy = list.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  const ticked = () => [...$("practice-sections").querySelectorAll("input:checked")];

  function pickPractice() {
    const chosen = ticked().map((input) => Number(input.value));
    const pool = shuffled(questions.filter((q) => !chosen.length || chosen.includes(q.section)));
    if ($("by-count").checked) {
      const count = Number($("count-input").value);
      if (!Number.isInteger(count) || count < 1) return w("bad_count");
      return pool.slice(0, count);
    }
    const minutes = Number($("minutes-input").value);
    if (!Number.isFinite(minutes) || minutes <= 0) return w("bad_minutes");
    let left = minutes;
    const picked = [];
    for (const q of pool) {
      if (minutesOf(q) <= left) {
        picked.push(q);
        left -= minutesOf(q);
      }
    }
    if (!picked.length) {
      const shortest = Math.min(...pool.map(minutesOf));
      const span = (n) => (n === 1 ? w("minutes_one") : w("minutes_n", { n }));
      return w("nothing_fits", { minutes: span(minutes), shortest: span(shortest) });
    }
    return picked;
  }

  // the practice in place of the list: its setup, run or summary
  function showPractice(part) {
    $("browse").hidden = true;
    $("practice").hidden = false;
    skipTo("#practice-heading", w("skip_to_practice"));
    for (const one of ["setup", "run", "summary"]) $("practice-" + one).hidden = one !== part;
    remember();
  }

  function openPractice() {
    stopClock();
    showPractice("setup");
    clearRefusal();
    $("practice-heading").focus();
  }

  function clearRefusal() {
    $("practice-error").textContent = "";
    for (const id of ["count-input", "minutes-input"]) {
      $(id).removeAttribute("aria-invalid");
      $(id).removeAttribute("aria-describedby");
    }
  }

  // the skip link leads to what shows (its target was hidden in practice)
  function skipTo(target, words) {
    const link = document.querySelector("a.skip");
    link.href = target;
    link.textContent = words;
  }

  function closePractice() {
    stopClock();
    $("practice-open").disabled = false;
    $("practice").hidden = true;
    $("browse").hidden = false;
    skipTo("#questions", w("skip_to_questions"));
    $("practice-open").focus();
    remember();
  }

  function startPractice() {
    const picked = pickPractice();
    if (typeof picked === "string") {
      $("practice-error").textContent = picked;
      const field = $($("by-count").checked ? "count-input" : "minutes-input");
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", "practice-error");
      return;
    }
    clearRefusal();
    $("practice-open").disabled = true; // a run ends by Finish, not by starting another
    practice.list = picked;
    practice.results = picked.map((q) => ({ q: q, used: 0, rating: "" }));
    practice.index = 0;
    showPractice("run");
    showStep();
  }

  // kept: a run's [time used, running]
  function showStep(kept = [0, true]) {
    const q = practice.list[practice.index];
    $("practice-step").textContent =
      w("step", { n: practice.index + 1, total: practice.list.length });
    const card = questionCard(q, "practice-" + anchor(q), "h4");
    // heard with its question: the step's region is entered once
    card.setAttribute("aria-describedby", "practice-step");
    $("practice-question").replaceChildren(card);
    practice.clock = { limit: minutesOf(q) * 60000, used: kept[0], since: Date.now(), running: kept[1], away: document.hidden };
    $("pause").textContent = kept[1] ? w("pause") : w("resume");
    clearInterval(practice.ticker);
    practice.ticker = setInterval(tick, 250);
    tick();
    // the step, clock and question's start in view (focus centred a tall question)
    const run = $("practice-run");
    if (run.getBoundingClientRect().top < 0 || card.getBoundingClientRect().bottom > innerHeight) {
      run.scrollIntoView({ block: "start" });
    }
    card.focus({ preventScroll: true });
    remember();
  }

  // time in another tab or app is not counted
  function elapsed() {
    const c = practice.clock;
    return c.used + (c.running && !c.away ? Date.now() - c.since : 0);
  }

  function holdClock() {
    const c = practice.clock;
    if (!c) return;
    c.used = elapsed();
    c.since = Date.now();
    c.away = document.hidden;
  }

  // a countdown rounds up (it shows 0:00 only when time is up), time used rounds down
  function clockText(ms, round) {
    const seconds = (round || Math.floor)(Math.max(ms, 0) / 1000);
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function tick() {
    const c = practice.clock;
    if (!c) return;
    const left = c.limit - elapsed();
    $("timer").textContent = w("time_left", { time: clockText(left, Math.ceil) });
    const over = left <= 0;
    const state = c.running ? (over ? w("time_is_up") : "") : w("paused");
    if ($("timer-state").textContent !== state) {
      $("timer-state").textContent = state;
      if (over && c.running && !c.told) {
        c.told = true;
        say(w("time_is_up_said"));
      }
    }
    $("timer").parentNode.classList.toggle("over", over);
  }

  function togglePause() {
    const c = practice.clock;
    if (!c) return;
    holdClock();
    c.running = !c.running;
    // its name says what it does next; a pressed state too read "Resume, pressed"
    $("pause").textContent = c.running ? w("pause") : w("resume");
    tick();
    // said too: a focused button's new name went unheard in JAWS
    say(c.running ? $("timer").textContent : w("paused"));
    remember();
  }

  function stopClock() {
    clearInterval(practice.ticker);
    practice.ticker = 0;
  }

  function nextStep(rating) {
    const result = practice.results[practice.index];
    result.used = elapsed();
    if (rating) result.rating = rating;
    stopClock();
    practice.clock = null;
    practice.index++;
    if (practice.index < practice.list.length) showStep();
    else summary();
  }

  function finishPractice() {
    if (practice.clock) {
      practice.results[practice.index].used = elapsed();
      practice.results = practice.results.slice(0, practice.index + 1);
    }
    stopClock();
    practice.clock = null;
    summary();
  }

  function summary() {
    $("practice-open").disabled = false;
    showPractice("summary");
    const done = practice.results;
    const used = done.reduce((sum, r) => sum + r.used, 0);
    const planned = done.reduce((sum, r) => sum + minutesOf(r.q), 0);
    const tally = { again: 0, hard: 0, good: 0, "": 0 };
    for (const r of done) tally[r.rating]++;
    $("summary-text").textContent = w("summary_text", {
      questions: w(done.length === 1 ? "questions_one" : "questions", { total: done.length }),
      used: clockText(used), planned, good: tally.good, hard: tally.hard, again: tally.again,
      none: tally[""],
    });
    const rows = document.createDocumentFragment();
    const heads = $("summary-table").tHead.rows[0].cells;
    for (const r of done) {
      const row = el("tr");
      const head = el("th");
      head.scope = "row";
      const link = el("a", "number", r.q.label);
      link.href = "#" + anchor(r.q);
      head.append(link, " ", rich("span", "", splitLead(r.q.question)[0], langOf(r.q)));
      row.append(head, el("td", "", String(minutesOf(r.q))), el("td", "", clockText(r.used)),
        el("td", r.rating, r.rating ? RATING_NAMES[r.rating] : w("summary_not_rated")));
      // each shows its column's name before it in a narrow box
      for (const cell of row.cells) cell.dataset.label = heads[cell.cellIndex].textContent;
      rows.append(row);
    }
    $("summary-table").tBodies[0].replaceChildren(rows);
    $("summary-heading").focus();
  }

  // ---- the learner's place: search, filters, answers, how far shown, a run, focus ----
  // in the tab's history entry (history.state), not the address nor storage: a reload, a
  // dropped tab and Back give back that entry's; a shared link (#q7) carries no one's
  let remembering = 0;

  function place() {
    const c = practice.clock;
    const open = !$("practice").hidden;
    const setupShown = open && !$("practice-setup").hidden;
    // the setup's choices, its sections by name: a rebuild may reorder them
    const setup = [setupShown, $("by-minutes").checked, $("count-input").value, $("minutes-input").value,
      ticked().map((input) => sections[input.value].name)];
    const run = open && !setupShown && {
      ids: practice.list.map((q) => q.id), at: practice.index,
      done: practice.results.map((r) => [r.used, r.rating]),
      clock: c && [elapsed(), c.running, !$("practice-question").querySelector(".answer").hidden],
    };
    const target = document.activeElement;
    const card = cardOf(target);
    const focus = card && target !== card ? [card.id, partOf(target)] : target?.id && [target.id];
    return { bank: data.bank, filters: filters.map((f) => f.value), open: [...openAnswers], shown, run, setup, focus };
  }

  // a run as it was left, its clock at the time used, not away; not one whose question
  // left the bank
  function resume(run) {
    const list = (run.ids || []).map((id) => byId.get(id));
    if (list.includes(undefined) || !(run.at < list.length + !run.clock) || !run.done) return;
    practice.list = list;
    practice.results = run.done.map(([used, rating], i) => ({ q: list[i], used, rating }));
    practice.index = run.at;
    if (!run.clock) return summary();
    $("practice-open").disabled = true;
    showPractice("run");
    showStep(run.clock);
    if (run.clock[2]) toggle($("practice-question").firstChild, true);
  }

  // a moment after the last change (Safari refuses over 100 writes in 30 s), and at once
  // when a link, a reload or a tab switch leaves the entry (in a run always: its clock)
  function remember() {
    if (remembering) return;
    remembering = setTimeout(rememberNow, 400);
    window.addEventListener("beforeunload", rememberNow);
  }

  // (leaving, the address stays: Chromium reloads the old one, the place lost)
  function rememberNow(event) {
    clearTimeout(remembering);
    remembering = 0;
    if (!practice.clock) window.removeEventListener("beforeunload", rememberNow); // Firefox's bfcache
    const leaving = event && event.type === "beforeunload";
    try {
      history.replaceState({ ...history.state, qbank: place() }, "", leaving ? undefined : linkedAway());
    } catch (error) {} // refused: kept until the page is left
  }

  // the address without a link (#q7) to a question the filters hide (a review), else as is
  function linkedAway() {
    const name = decodeURIComponent(location.hash.slice(1));
    const q = name && questions.find((item) => anchor(item) === name);
    return q && !matches.includes(q) ? location.href.split("#")[0] : undefined;
  }

  // the entry's place, what of it the page holds; whether it had one. Drawn again only if
  // the filters differ: Back from a question's link keeps focus on it
  function restore(state, first = false) {
    const kept = state && state.qbank;
    if (!kept || kept.bank !== data.bank || !Array.isArray(kept.filters)) return false;
    const before = filteredBy();
    filters.forEach((f, i) => {
      const value = String(kept.filters[i] ?? "");
      f.value = f === search || [...f.options].some((o) => o.value === value) ? value : "";
    });
    openAnswers.clear();
    for (const id of Array.isArray(kept.open) ? kept.open : []) if (byId.has(id)) openAnswers.add(id);
    if (kept.run) resume(kept.run);
    const setup = Array.isArray(kept.setup) && kept.setup;
    if (setup) {
      $(setup[1] ? "by-minutes" : "by-count").checked = true;
      $("count-input").value = setup[2];
      $("minutes-input").value = setup[3];
      for (const input of $("practice-sections").querySelectorAll("input")) {
        input.checked = Array.isArray(setup[4]) && setup[4].includes(sections[input.value].name);
      }
      if (setup[0] && !kept.run) openPractice();
    }
    const wanted = Number.isInteger(kept.shown) ? Math.max(PAGE_SIZE, kept.shown) : PAGE_SIZE;
    if (first || before !== filteredBy() || wanted > shown) {
      matches = matching();
      shown = wanted;
      draw();
    } else {
      for (const card of cards.values()) {
        const open = openAnswers.has(card.dataset.id);
        if (open === card.querySelector(".answer").hidden) toggle(card, open);
      }
    }
    // focus where it was, on a reload and a run Back shows
    const [id, part] = kept.focus || [];
    const target = (first || kept.run || setup[0]) && id && $(id);
    if (target) ((part && target.querySelector(part)) || target).focus({ preventScroll: true });
    return true;
  }

  const partOf = (target) =>
    [".reveal", ".number", '.rating[data-rating="' + target.dataset.rating + '"]'].find((s) => target.matches(s));

  // Esc: every question again, focus on the same control of its card at the same height,
  // as a find bar closes on its match
  function clearKeepingPlace(target) {
    const card = cards.get(cardOf(target)?.dataset.id) === cardOf(target) ? cardOf(target) : null;
    const q = card && byId.get(card.dataset.id);
    const part = card && target !== card ? partOf(target) : null;
    const top = target.getBoundingClientRect().top;
    unfilterTo(q);
    if (!q) return;
    const again = cards.get(q.id);
    const focus = (part && again.querySelector(part)) || again;
    focus.focus({ preventScroll: true });
    window.scrollBy(0, focus.getBoundingClientRect().top - top);
  }

  // every question, drawn at least as far as `q`
  function unfilterTo(q) {
    unfilter();
    matches = matching();
    shown = Math.max(PAGE_SIZE, matches.indexOf(q) + 1);
    draw();
    remember();
  }

  // ---- deep links: #q7 ----
  // `clear`: the search and filters give way to a question they hide
  function goToHash(clear = true) {
    const name = decodeURIComponent(location.hash.slice(1));
    const q = questions.find((item) => anchor(item) === name);
    if (!q) return false;
    if (!$("practice").hidden) closePractice();
    if (!cards.has(q.id)) {
      if (!clear) return false;
      unfilterTo(q);
    }
    const card = cards.get(q.id);
    card.scrollIntoView({ block: "start" });
    card.focus({ preventScroll: true });
    return true;
  }

  // a link to the question the address names changes no hash: the summary's link to it
  // did nothing (an accessibility trial)
  function onSameHash(event) {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    if (!link || link.hash !== location.hash || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (goToHash()) event.preventDefault();
  }

  // an answer opened by the keyboard comes into view (it opened below the screen)
  function intoView(card) {
    const answer = card.querySelector(".answer");
    if (!answer || answer.hidden || answer.getBoundingClientRect().bottom <= innerHeight) return;
    card.scrollIntoView({ block: card.offsetHeight > innerHeight ? "start" : "end" });
  }

  // ---- events ----
  function cardOf(node) {
    return node instanceof Element ? node.closest("article.question") : null;
  }

  function onCardClick(event) {
    const card = cardOf(event.target);
    if (!card) return;
    const q = byId.get(card.dataset.id);
    const button = event.target.closest("button");
    if (!button) return;
    if (button.classList.contains("reveal")) {
      toggle(card);
      if (event.detail === 0) intoView(card); // Enter or Space on the button
    }
    else if (button.dataset.rating) {
      rate(q, button.dataset.rating);
      say(w("rated_as", { label: q.label, rating: RATING_NAMES[button.dataset.rating] }));
      if (card.id.startsWith("practice-")) nextStep(button.dataset.rating);
    }
  }

  function moveFocus(step) {
    const all = [...$("questions").querySelectorAll("article.question")];
    if (!all.length) return;
    const current = all.indexOf(cardOf(document.activeElement));
    const next = all[Math.min(Math.max(current + step, 0), all.length - 1)];
    // one taller than the window from its top
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: next.offsetHeight > innerHeight ? "start" : "nearest" });
  }

  // Esc: never a dialog's, an input method's or a run's; in the search box it clears it,
  // again leaves it, for j, k and 1 2 3 (a trial); elsewhere in the list it clears the
  // search and filters. Not one character: always on
  function onEscape(event) {
    const target = event.target;
    if (event.defaultPrevented || event.isComposing || $("reset-dialog").open || $("browse").hidden) return;
    if (target === search) {
      if (!search.value) search.blur();
      else {
        search.value = "";
        update();
      }
    } else if (!target.matches("input, select, textarea") && !target.isContentEditable && filtered()) {
      event.preventDefault();
      clearKeepingPlace(target);
    }
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target.matches("input, select, textarea") || target.isContentEditable;
    if (event.key === "Escape") return onEscape(event);
    if (typing || $("reset-dialog").open) return;
    const card = cardOf(target);
    // the keys of one character can be turned off (WCAG 2.1.4: speech input, a screen
    // reader's own j, k); Space and Enter on a card stay, as a button's would
    if (!$("shortcuts").checked && event.key !== " " && event.key !== "Enter") return;
    if (event.key === "/" && !$("browse").hidden) {
      event.preventDefault();
      search.focus();
    } else if ((event.key === "j" || event.key === "k") && !$("browse").hidden) {
      event.preventDefault();
      moveFocus(event.key === "j" ? 1 : -1);
    } else if (card && target === card && (event.key === " " || event.key === "Enter")) {
      event.preventDefault();
      // by its button, focused: heard "expanded" (APG's disclosure; a learner's trial)
      const button = card.querySelector(".reveal");
      button.focus();
      button.click();
    } else if (card && "123".includes(event.key) && event.key.length === 1) {
      const rating = RATINGS[Number(event.key) - 1][0];
      const answer = card.querySelector(".answer"); // made when first shown
      if (!answer || answer.hidden) {
        toggle(card, true);
        intoView(card);
      }
      const button = card.querySelector('.rating[data-rating="' + rating + '"]');
      button.click();
    }
  }

  function wire() {
    $("filters").addEventListener("submit", (event) => {
      event.preventDefault();
      // Enter, a phone's Search key, goes to the first question found (a trial)
      moveFocus(1);
    });
    $("clear-filters")?.addEventListener("click", () => {
      unfilter();
      update();
      search.focus();
    });
    search.addEventListener("input", () => {
      update();
      // the box and the count above a phone's keyboard: typing seemed to do nothing
      const seen = window.visualViewport || { offsetTop: 0, height: innerHeight };
      if ($("count").getBoundingClientRect().bottom > seen.offsetTop + seen.height) {
        (search.closest(".field") || search).scrollIntoView({ block: "start" });
      }
    });
    for (const select of [sectionFilter, tagFilter, ratingFilter]) select.addEventListener("change", update);
    $("more").addEventListener("click", () => {
      const first = shown;
      shown += PAGE_SIZE;
      draw();
      // on to the first question it added: focus left with the button (a screen reader's
      // user was left at the page's start)
      const added = cards.get(matches[first].id);
      added.focus();
      added.scrollIntoView({ block: "start" });
      remember();
    });
    $("questions").addEventListener("click", onCardClick);
    $("practice-question").addEventListener("click", onCardClick);
    document.addEventListener("keydown", onKey);
    const shortcuts = $("shortcuts");
    try {
      shortcuts.checked = localStorage.getItem(SHORTCUTS_KEY) !== "off";
    } catch (error) {} // no storage: the keys are on, as the box shows
    shortcuts.addEventListener("change", () => {
      try {
        localStorage.setItem(SHORTCUTS_KEY, shortcuts.checked ? "on" : "off");
      } catch (error) {} // the choice holds for this visit
    });
    // Back, Forward: the entry's place, kept by its question's link (a new entry has none)
    window.addEventListener("popstate", (event) => restore(event.state));
    window.addEventListener("hashchange", () => goToHash(!(history.state && history.state.qbank)));
    // written before a link leaves the entry and a phone puts the tab away (no unload)
    document.addEventListener("focusin", remember);
    document.addEventListener("click", () => remembering && rememberNow(), true);
    document.addEventListener("visibilitychange", () => {
      holdClock();
      if (document.hidden && (remembering || practice.clock)) rememberNow();
    });
    document.addEventListener("click", onSameHash);
    window.addEventListener("beforeprint", forPrint);
    const print = window.matchMedia("print");
    print.addEventListener("change", () => print.matches && forPrint());
    $("export").addEventListener("click", exportProgress);
    $("import").addEventListener("click", () => $("import-file").click());
    $("import-file").addEventListener("change", async () => {
      const file = $("import-file").files[0];
      if (!file) return;
      const said = importProgress(await file.text());
      // with storage off the ratings last this visit only: said with what was imported
      told(storageWorks ? said : said + " " + w("no_storage"));
      $("import-file").value = "";
      update();
    });
    $("reset").addEventListener("click", askReset);
    $("reset-dialog").addEventListener("close", () => {
      if ($("reset-dialog").returnValue === "reset") {
        reset();
        update();
      }
    });
    $("practice-open").addEventListener("click", openPractice);
    for (const button of document.querySelectorAll(".practice-close")) {
      button.addEventListener("click", closePractice);
    }
    $("practice-setup").addEventListener("submit", (event) => {
      event.preventDefault();
      startPractice();
    });
    // a changed choice clears the last refusal, and is kept
    $("practice-setup").addEventListener("input", () => {
      clearRefusal();
      remember();
    });
    $("pause").addEventListener("click", togglePause);
    $("skip").addEventListener("click", () => nextStep(""));
    $("finish").addEventListener("click", finishPractice);
    $("practice-again").addEventListener("click", openPractice);
  }

  const description = $("description");
  if (plain(data.description)) description.replaceWith(rich("p", "lead", data.description));
  else description.remove();
  // the title and the organisation's name, which the page's skeleton holds
  for (const node of document.querySelectorAll("#title, .organisation span")) inBankLanguage(node);
  // wide screens have room to list the sections; a phone shows them on request
  const wide = window.matchMedia("(min-width: 900px)").matches;
  $("by-section").open = $("keep").open = wide;
  fillFilters();
  fillPracticeSections();
  $("practice-open").disabled = false; // Firefox keeps a script's `disabled` over a reload
  wire();
  showProgress();
  // a reload gives back the place, the browser its scroll; a first visit the link's
  if (!restore(history.state, true)) {
    update();
    goToHash();
  } else rememberNow();
  if (!storageWorks) warnStorage();
  document.documentElement.dataset.ready = "true";
})();
