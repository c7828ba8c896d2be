import markdownIt, { type MarkdownIt, type Token } from 'markdown-it';
import katexPlugin from '@vscode/markdown-it-katex';

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
    installLessonRules(instance);
  }
  return instance;
}

const mediaPath = /^media\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/;
const safeLink = /^(?:https:\/\/|http:\/\/|mailto:|#)/i;

/** Links go to the web, mail or an anchor; images come from the extension's `media/` folder only. */
export function isAllowedUrl(url: string): boolean {
  return safeLink.test(url) || mediaPath.test(url);
}

function installLessonRules(md: MarkdownIt): void {
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
    if (/^https?:/i.test(String(token.attrGet('href') ?? ''))) token.attrSet('rel', 'noopener noreferrer');
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

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
