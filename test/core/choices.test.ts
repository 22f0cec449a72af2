import { matchChoice } from '../../src/core/choices';

const choices = [
  { value: '#topic:permit.renewal', title: 'Rinnovo del permesso' },
  { value: '#topic:school.enrollment', title: 'Iscrizione a scuola' },
  { value: '#none', title: 'Nessuno di questi' },
];

describe('matchChoice', () => {
  it.each([
    ['#topic:school.enrollment', '#topic:school.enrollment'],
    ['2', '#topic:school.enrollment'],
    ['٢', '#topic:school.enrollment'],
    ['۳', '#none'],
    ['২', '#topic:school.enrollment'],
    ['1.', '#topic:permit.renewal'],
    ['iscrizione a scuola', '#topic:school.enrollment'],
    ['Iscrizione a sculoa', '#topic:school.enrollment'],
  ])('"%s" picks %s', (text, value) => {
    expect(matchChoice(text, choices)?.value).toBe(value);
  });

  it.each(['7', 'come rinnovo il permesso', ''])('"%s" picks nothing', (text) => {
    expect(matchChoice(text, choices)).toBeUndefined();
  });
});
