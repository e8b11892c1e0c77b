import { describe, expect, it } from 'vitest';
import { parseSkillCommand } from '../../src/command/parse-skill-command.js';
import { shippedCatalog } from '../helpers/catalog.js';

const catalog = await shippedCatalog();

describe('/skill pause, resume and export', () => {
  it.each([
    ['pause until 2027-01-10', '2027-01-10'],
    ['Pause Until 10 Jan 2027', '10 Jan 2027'],
    ['pausa hasta 10/01/2027', '10/01/2027'],
    ['pausar hasta el 10 de enero', 'el 10 de enero'],
    ['pause 2027-01-10', '2027-01-10'],
    ['pause', ''],
  ])('%s → pause, date text %j', (text, dateText) => {
    expect(parseSkillCommand(text, catalog)).toEqual({ kind: 'pause', dateText });
  });

  it('resume / reanudar and export / exportar', () => {
    expect(parseSkillCommand('resume', catalog)).toEqual({ kind: 'resume' });
    expect(parseSkillCommand('Reanudar', catalog)).toEqual({ kind: 'resume' });
    expect(parseSkillCommand('export', catalog)).toEqual({ kind: 'export' });
    expect(parseSkillCommand('exportar', catalog)).toEqual({ kind: 'export' });
  });
});
