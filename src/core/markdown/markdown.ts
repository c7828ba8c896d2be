import markdownIt, { type MarkdownIt, type Token } from 'markdown-it';
import katexPlugin from '@vscode/markdown-it-katex';
import { lessonCommandOf } from './lessonCommands';

/**
 * What a render call passes to the rules below through markdown-it's `env`. Without it (plain
 * `md.render(text)`, e.g. a quiz prompt) fences render as code and images from `media/` are dropped.
 */
export interface LessonEnv {
  /** HTML for a fence the lesson understands (```quiz, ```normalize, ```lab), or undefined for ordinary code. */
  readonly renderFence?: (token: Token) => string | undefined;
  /** A URL the page may load for `media/…`, or undefined to drop the image. */
  readonly resolveMedia?: (path: string) => string | undefined;
}

let instance: MarkdownIt | undefined;

/**
 * The one markdown-it instance, made on first use: raw HTML off (lesson text is never trusted),
 * math through KaTeX, and the lesson rules, which wrap the original rules rather than replace them.
 */
export function getMarkdown(): MarkdownIt {
  if (!instance) {
    instance = markdownIt({ html: false, linkify: false, typographer: false });
    // MathML only: it needs no inline styles (the page's CSP forbids them) and screen readers read it.
    instance.use(katexPlugin, { throwOnError: false, enableBareBlocks: false, output: 'mathml' } as Parameters<typeof katexPlugin>[1]);
    installMathVariants(instance);
    installLessonRules(instance);
  }
  return instance;
}

/** Letters with their own Unicode double-struck character, outside the 𝔸… block. */
const DOUBLE_STRUCK_EXCEPTIONS: Readonly<Record<string, string>> = { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' };

/** `x` in a mathvariant, as a Mathematical Alphanumeric Symbol; undefined when Unicode has none. */
function styledLetter(variant: string, letter: string): string | undefined {
  const code = letter.codePointAt(0)!;
  const upper = code >= 0x41 && code <= 0x5a ? code - 0x41 : -1;
  const lower = code >= 0x61 && code <= 0x7a ? code - 0x61 : -1;
  const digit = code >= 0x30 && code <= 0x39 ? code - 0x30 : -1;
  if (variant === 'bold') {
    if (upper >= 0) return String.fromCodePoint(0x1d400 + upper);
    if (lower >= 0) return String.fromCodePoint(0x1d41a + lower);
    if (digit >= 0) return String.fromCodePoint(0x1d7ce + digit);
  }
  if (variant === 'double-struck') {
    if (DOUBLE_STRUCK_EXCEPTIONS[letter]) return DOUBLE_STRUCK_EXCEPTIONS[letter];
    if (upper >= 0) return String.fromCodePoint(0x1d538 + upper);
    if (lower >= 0) return String.fromCodePoint(0x1d552 + lower);
    if (digit >= 0) return String.fromCodePoint(0x1d7d8 + digit);
  }
  return undefined;
}

/**
 * Browsers that implement MathML Core (Chromium, so VS Code) ignore `mathvariant` except
 * `normal`: KaTeX's `<mi mathvariant="bold">x</mi>` for `\mathbf{x}` shows as an italic x and
 * `\mathbb{R}` as a plain R. MathML Core writes such letters as their Unicode characters
 * (𝐱, ℝ), which every browser shows; this rewrites the math KaTeX renders that way.
 */
export function unicodeMathVariants(html: string): string {
  return html.replace(/<(mi|mn) mathvariant="(bold|double-struck)">([^<]+)<\/\1>/g, (whole, tag: string, variant: string, text: string) => {
    const letters = [...text].map((letter) => styledLetter(variant, letter));
    return letters.every((letter) => letter !== undefined) ? `<${tag}>${letters.join('')}</${tag}>` : whole;
  });
}

/**
 * KaTeX writes `x'` as a superscript prime, `<msup><mi>x</mi><mo>′</mo></msup>`. The prime glyph
 * of a math font already sits at superscript height, and without the font's `ssty` variant (which
 * Chromium does not apply) it is raised twice and floats away from its letter. Written after the
 * letter, as in text, it sits where a reader expects it.
 */
export function inlinePrimes(html: string): string {
  return html.replace(
    /<msup>(<mi>[^<]*<\/mi>)<mo mathvariant="normal" lspace="0em" rspace="0em">(′+)<\/mo><\/msup>/g,
    '<mrow>$1<mo lspace="0em" rspace="0em">$2</mo></mrow>',
  );
}

function installMathVariants(md: MarkdownIt): void {
  for (const name of ['math_inline', 'math_inline_block', 'math_inline_bare_block', 'math_block']) {
    const original = md.renderer.rules[name];
    if (!original) continue;
    md.renderer.rules[name] = (tokens, index, options, env, self) => inlinePrimes(unicodeMathVariants(original(tokens, index, options, env, self)));
  }
}

const mediaPath = /^media\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/;
const safeLink = /^(?:https:\/\/|http:\/\/|mailto:|#)/i;

export { isLessonCommand, LESSON_COMMANDS, type LessonCommand, lessonCommandOf } from './lessonCommands';

/** Links go to the web, mail, an anchor or an allow-listed command; images come from the extension's `media/` folder only. */
export function isAllowedUrl(url: string): boolean {
  return safeLink.test(url) || mediaPath.test(url) || lessonCommandOf(url) !== undefined;
}

/** Wide (Chinese, Japanese) characters and full-width punctuation, between which a line break is no space. */
const WIDE = /[\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF01-\uFF60\uFFE0-\uFFE6]/;
/** Punctuation Chinese text shares with Western text; no space next to a wide character either. */
const CJK_CONTEXT = /[\u2014\u2026\u2018\u2019\u201C\u201D\u00B7]/;

/** The character a run of inline tokens ends (or starts) with, looking past markup such as `**`. */
function edgeCharacter(tokens: readonly Token[], from: number, step: 1 | -1): string | undefined {
  for (let index = from; index >= 0 && index < tokens.length; index += step) {
    const token = tokens[index]!;
    if (token.type === 'softbreak' || token.type === 'hardbreak') return undefined;
    if (token.type !== 'text' && token.content !== '') return undefined; // math, code: never wide
    if (token.content !== '') return step === 1 ? token.content[0] : token.content[token.content.length - 1];
  }
  return undefined;
}

/**
 * A line break inside a paragraph is a space in HTML. Between two Chinese characters that space
 * is wrong (CSS Text asks browsers to drop it, Chromium does not), and lesson authors wrap long
 * Chinese lines like any other, so the break is dropped there.
 */
export function joinsWithoutSpace(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return false;
  const wideBefore = WIDE.test(before);
  const wideAfter = WIDE.test(after);
  return (wideBefore && wideAfter) || (wideBefore && CJK_CONTEXT.test(after)) || (CJK_CONTEXT.test(before) && wideAfter);
}

function installLessonRules(md: MarkdownIt): void {
  const softbreak = md.renderer.rules.softbreak!;
  md.renderer.rules.softbreak = (tokens, index, options, env, self) =>
    joinsWithoutSpace(edgeCharacter(tokens, index - 1, -1), edgeCharacter(tokens, index + 1, 1)) ? '' : softbreak(tokens, index, options, env, self);

  const validateLink = md.validateLink.bind(md);
  md.validateLink = (url) => validateLink(url) && isAllowedUrl(url.trim());

  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, index, options, env, self) =>
    (env as LessonEnv | undefined)?.renderFence?.(tokens[index]!) ?? fence(tokens, index, options, env, self);

  const image = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const source = String(token.attrGet('src') ?? '');
    const resolved = mediaPath.test(source) ? (env as LessonEnv | undefined)?.resolveMedia?.(source) : undefined;
    if (resolved === undefined) {
      const alt = md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
      return `<span class="nl-missing-image">[${alt}]</span>`;
    }
    token.attrSet('src', resolved);
    return image(tokens, index, options, env, self);
  };

  const linkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const href = String(token.attrGet('href') ?? '');
    if (/^https?:/i.test(href)) token.attrSet('rel', 'noopener noreferrer');
    const command = lessonCommandOf(href);
    if (command !== undefined) {
      token.attrSet('class', 'nl-command-link');
      token.attrSet('data-command', command);
    }
    return linkOpen(tokens, index, options, env, self);
  };
}

/** Block Markdown (a prompt, an explanation) outside a lesson body: no fences, no media. */
export function renderMarkdown(text: string, env: LessonEnv = {}): string {
  return getMarkdown().render(text, { ...env });
}

/** One line of Markdown (a choice, an item) without the surrounding paragraph. */
export function renderInline(text: string, env: LessonEnv = {}): string {
  return getMarkdown().renderInline(text, { ...env });
}

export { escapeHtml } from './escapeHtml';
