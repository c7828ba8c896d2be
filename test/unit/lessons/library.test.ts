import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../src/core/lessons/library';
import { chooseLessonLanguage, lessonLanguage } from '../../../src/core/lessons/languages';
import { fixtureFiles } from './fixtures';

describe('buildLibrary', () => {
  it('shows the zh-cn versions for a zh-cn display language, in course order', () => {
    const library = buildLibrary(fixtureFiles('valid'), 'zh-cn');
    expect(library.lessons.map((entry) => [entry.lesson.id, entry.lesson.title, entry.language])).toEqual([
      ['sample', '示例课程', 'zh-cn'],
      ['second', '第二课', 'zh-cn'],
    ]);
  });

  it('shows English for any other display language', () => {
    expect(buildLibrary(fixtureFiles('valid'), 'en').lessons.map((entry) => entry.lesson.title)).toEqual(['Sample lesson', 'Second']);
  });

  it('falls back to English per lesson when the translation is missing or broken', () => {
    const files = fixtureFiles('valid').map((file) =>
      file.file === 'valid/zh-cn/02-second.md' ? { ...file, text: 'no front matter' } : file,
    );
    const library = buildLibrary(files, 'zh-cn');
    expect(library.lessons.map((entry) => [entry.lesson.id, entry.language])).toEqual([
      ['sample', 'zh-cn'],
      ['second', 'en'],
    ]);
    expect(library.entries).toHaveLength(2);
  });

  it('lists a file no language can show as broken, after the lessons that work', () => {
    const library = buildLibrary([...fixtureFiles('valid'), ...fixtureFiles('broken')], 'zh-cn');
    expect(library.entries.map((entry) => (entry.kind === 'lesson' ? entry.lesson.id : `broken:${entry.file}`))).toEqual([
      'broken',
      'sample',
      'second',
      'broken:broken/zh-cn/02-no-front-matter.md',
    ]);
    const english = buildLibrary(fixtureFiles('broken'), 'en');
    expect(english.lessons[0]!.diagnostics[0]).toEqual({ file: 'broken/en/01-broken.md', line: 9, message: '`explain`: missing (required)' });
  });

  it('maps display languages to lesson folders', () => {
    expect(['zh-cn', 'zh-CN', 'zh-hans', 'zh-tw', 'en', 'de'].map(lessonLanguage)).toEqual(['zh-cn', 'zh-cn', 'zh-cn', 'en', 'en', 'en']);
  });

  it('the lessonLanguage setting overrides the display language; auto and unknown values follow it', () => {
    expect(chooseLessonLanguage('zh-cn', 'en')).toBe('zh-cn');
    expect(chooseLessonLanguage('en', 'zh-cn')).toBe('en');
    expect(chooseLessonLanguage('auto', 'zh-cn')).toBe('zh-cn');
    expect(chooseLessonLanguage('auto', 'de')).toBe('en');
    expect(chooseLessonLanguage(undefined, 'zh-hans')).toBe('zh-cn');
    // A hand-edited settings.json can hold anything; it must not break the lessons.
    expect(chooseLessonLanguage('fr', 'zh-cn')).toBe('zh-cn');
    expect(chooseLessonLanguage(42, 'en')).toBe('en');
  });
});
