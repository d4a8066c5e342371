// Names people use for a municipality besides its official CBS name, keyed by CBS code.
// Suffixes such as "(Z.)" or "(NH.)", case and diacritics are normalised generically by the
// search code, so aliases are only for genuinely different names: colloquial or English names,
// the Dutch form where CBS uses the Frisian one (and the other way round), and spelled-out
// disambiguations of municipalities that share a name.
export const MUNICIPALITY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  GM0518: ['Den Haag', 'The Hague'], // 's-Gravenhage
  GM0796: ['Den Bosch'], // 's-Hertogenbosch
  GM0820: ['Nuenen', 'Nuenen c.a.'], // Nuenen, Gerwen en Nederwetten
  GM0373: ['Bergen Noord-Holland'], // Bergen (NH.)
  GM0893: ['Bergen Limburg'], // Bergen (L.)

  // Fryslân: CBS uses the Frisian name for these, the Dutch name is still common.
  GM1900: ['Sudwest-Friesland', 'Zuidwest-Friesland'], // Súdwest-Fryslân
  GM1970: ['Noordoost-Friesland', 'Noordoost-Fryslân'], // Noardeast-Fryslân
  GM1891: ['Dantumadeel'], // Dantumadiel
  GM0737: ['Tietjerksteradeel'], // Tytsjerksteradiel
  GM1940: ['De Friese Meren'], // De Fryske Marren

  // Fryslân: CBS uses the Dutch name, the Frisian name is used as well.
  GM0080: ['Ljouwert'], // Leeuwarden
  GM0074: ['It Hearrenfean'], // Heerenveen
  GM0072: ['Harns'], // Harlingen
  GM0090: ['Smellingerlân'], // Smallingerland
  GM0086: ['Opsterlân'], // Opsterland
  GM0085: ['Eaststellingwerf'], // Ooststellingwerf
  GM0093: ['Skylge'], // Terschelling
  GM0096: ['Flylân'], // Vlieland
  GM0060: ['It Amelân'], // Ameland
  GM0088: ['Skiermûntseach'], // Schiermonnikoog
};
