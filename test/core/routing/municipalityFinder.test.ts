import { MunicipalityFinder } from '../../../src/core/routing/municipalityFinder';
import { PROVINCES } from '../../../src/core/routing/desks';
import { lombardyMunicipalities, loadMunicipalityAliases } from '../../../src/knowledge/municipalities';
import { config } from '../../support/session';
import { KnowledgeStore } from '../../../src/knowledge/knowledgeStore';

const municipalities = lombardyMunicipalities();
const finder = new MunicipalityFinder(municipalities, loadMunicipalityAliases(config.knowledgeDir));
const prompts = ['abito a', 'i live in', 'vivo en', 'je suis a'];
let usesWord: (word: string) => boolean = () => false;
beforeAll(async () => {
  const knowledge = (await KnowledgeStore.load(config.knowledgeDir)).store.current();
  usesWord = (word) => knowledge.index.usesWord(word); // as the bot does: words the knowledge uses are everyday words
});
const found = (text: string, answering = false) =>
  finder.find(text, { prompts, answering, isEverydayWord: usesWord })?.candidates.map((m) => `${m.name}/${m.province}`);

describe('MunicipalityFinder', () => {
  it('knows all 1,502 municipalities of Lombardy, in its 12 provinces', () => {
    expect(municipalities).toHaveLength(1502);
    expect(new Set(municipalities.map((m) => m.province))).toEqual(new Set(PROVINCES));
  });

  it.each([
    ['abito a Bergamo', 'Bergamo/BG'],
    ['sono a Chiari', 'Chiari/BS'],
    ['vivo a cantu', 'Cantù/CO'],
    ['casalmaggiore', 'Casalmaggiore/CR'],
    ['merate', 'Merate/LC'],
    ['S. Angelo Lodigiano', "Sant'Angelo Lodigiano/LO"],
    ['abito a suzzara', 'Suzzara/MN'],
    ['abito a Cinisello', 'Cinisello Balsamo/MI'],
    ['S. Giuliano Milanese', 'San Giuliano Milanese/MI'],
    ['sesto s. giovanni', 'Sesto San Giovanni/MI'],
    ['i live in seregno', 'Seregno/MB'],
    ['vigevanno', 'Vigevano/PV'],
    ['vogera', 'Voghera/PV'],
    ['livigno', 'Livigno/SO'],
    ['I live near busto arsizzio', 'Busto Arsizio/VA'],
    ['je suis à Brescia', 'Brescia/BS'],
    ['أعيش في ميلانو', 'Milano/MI'],
    ['我住在米兰', 'Milano/MI'],
  ])('finds the municipality in "%s"', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('offers a choice for an ambiguous name', () => {
    expect(found('sto a cassano')).toEqual(expect.arrayContaining(["Cassano d'Adda/MI", 'Cassano Magnago/VA']));
  });

  it('prefers a real place over a name that is also an everyday word', () => {
    expect(found('dove trovo lo sportello badanti a treviglio')).toEqual(['Treviglio/BG']);
  });

  it('reads everyday words as places only after "I live in" or as a reply to "which municipality?"', () => {
    expect(found('como puedo renovar el permiso')).toBeUndefined();
    expect(found('vivo en como')).toEqual(['Como/CO']);
    expect(found('Como', true)).toEqual(['Como/CO']);
  });

  it('does not see a municipality in an ordinary question', () => {
    expect(found('what is the weather tomorrow')).toBeUndefined();
  });
});

describe('names written in other letters', () => {
  it.each([
    ['де соціальні служби у Вігевано?', 'Vigevano/PV'],
    ['де информаджовани в Монці?', 'Monza/MB'],
    ['বেরগামোতে কোয়েস্তুরা কোথায়?', 'Bergamo/BG'],
    ['ساكن بكانتو', 'Cantù/CO'],
    ['کاسال پوسترلینگو میں سوشل سروس', 'Casalpusterlengo/LO'],
  ])('finds the municipality in "%s" by its sound', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('does not take an office word for a place ("квестура" sounds like Castro)', () => {
    expect(found('пермессо квестура')).toBeUndefined();
  });
});
