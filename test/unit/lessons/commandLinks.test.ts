import { describe, expect, it } from 'vitest';
import { isLessonCommand, LESSON_COMMANDS, lessonCommandOf, renderMarkdown } from '../../../src/core/markdown/markdown';
import { parseLessonPageMessage } from '../../../src/messages';

describe('command links in lessons', () => {
  it('an allow-listed command becomes a link the page can recognise', () => {
    expect(renderMarkdown('[Open it](command:normalizationLab.openExampleModel)')).toBe(
      '<p><a href="command:normalizationLab.openExampleModel" class="nl-command-link" data-command="normalizationLab.openExampleModel">Open it</a></p>\n',
    );
  });

  it.each([
    'command:workbench.action.terminal.new',
    'command:normalizationLab.resetProgress',
    'command:normalizationLab.openExampleModel?%5B%22x%22%5D',
    'command:normalizationLab.openExampleModelX',
  ])('any other command URI stays text: %s', (url) => {
    expect(renderMarkdown(`[run](${url})`)).toBe(`<p>[run](${url})</p>\n`);
  });

  it('lessonCommandOf accepts exactly the listed ids', () => {
    expect(lessonCommandOf('command:normalizationLab.openExampleModel')).toBe('normalizationLab.openExampleModel');
    expect(lessonCommandOf('normalizationLab.openExampleModel')).toBeUndefined();
    expect(isLessonCommand('normalizationLab.explain')).toBe(false);
    expect(LESSON_COMMANDS).toContain('normalizationLab.openExampleModel');
  });

  it('the page may ask the host to run only an allow-listed command', () => {
    expect(parseLessonPageMessage({ type: 'runCommand', command: 'normalizationLab.openExampleModel' })).toEqual({
      type: 'runCommand',
      command: 'normalizationLab.openExampleModel',
    });
    expect(parseLessonPageMessage({ type: 'runCommand', command: 'workbench.action.terminal.new' })).toBeUndefined();
    expect(parseLessonPageMessage({ type: 'runCommand' })).toBeUndefined();
  });
});
