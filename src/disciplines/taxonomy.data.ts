// The discipline taxonomy: top-level groups (parentSlug null) and their children, two levels only.
// Slugs are stable identifiers stored in the database (expertise, needs, themes, rule sets):
// never rename or reuse one. Change names freely; add new slugs and bump TAXONOMY_VERSION.

export interface DisciplineSeed {
  slug: string;
  /** Null for the top-level groups. */
  parentSlug: string | null;
  nameNl: string;
  nameEn: string;
}

export const TAXONOMY_VERSION = 1;

export const TAXONOMY: readonly DisciplineSeed[] = [
  // Groups
  { slug: 'openbare-ruimte-en-groen', parentSlug: null, nameNl: 'Openbare ruimte en groen', nameEn: 'Public space and green' },
  { slug: 'participatie-en-communicatie', parentSlug: null, nameNl: 'Participatie en communicatie', nameEn: 'Participation and communication' },
  { slug: 'zorg-en-welzijn', parentSlug: null, nameNl: 'Zorg en welzijn', nameEn: 'Care and wellbeing' },
  { slug: 'wonen-en-ruimte', parentSlug: null, nameNl: 'Wonen en ruimte', nameEn: 'Housing and spatial planning' },
  { slug: 'energie-en-duurzaamheid', parentSlug: null, nameNl: 'Energie en duurzaamheid', nameEn: 'Energy and sustainability' },
  { slug: 'financiering-en-fondsen', parentSlug: null, nameNl: 'Financiering en fondsen', nameEn: 'Funding and finance' },
  { slug: 'recht-en-governance', parentSlug: null, nameNl: 'Recht en governance', nameEn: 'Law and governance' },
  { slug: 'onderzoek-en-monitoring', parentSlug: null, nameNl: 'Onderzoek en monitoring', nameEn: 'Research and monitoring' },
  { slug: 'ondernemerschap', parentSlug: null, nameNl: 'Ondernemerschap', nameEn: 'Entrepreneurship' },
  { slug: 'data-en-digitaal', parentSlug: null, nameNl: 'Data en digitaal', nameEn: 'Data and digital' },
  { slug: 'onderwijs-en-jeugd', parentSlug: null, nameNl: 'Onderwijs en jeugd', nameEn: 'Education and youth' },
  { slug: 'cultuur-en-sport', parentSlug: null, nameNl: 'Cultuur en sport', nameEn: 'Culture and sport' },

  // Openbare ruimte en groen
  { slug: 'groenbeheer', parentSlug: 'openbare-ruimte-en-groen', nameNl: 'Groenbeheer', nameEn: 'Green space management' },
  { slug: 'bewonersbeheer', parentSlug: 'openbare-ruimte-en-groen', nameNl: 'Bewonersbeheer', nameEn: 'Resident-managed public space' },
  { slug: 'inrichting-openbare-ruimte', parentSlug: 'openbare-ruimte-en-groen', nameNl: 'Inrichting openbare ruimte', nameEn: 'Public space design' },
  { slug: 'stadslandbouw', parentSlug: 'openbare-ruimte-en-groen', nameNl: 'Stadslandbouw', nameEn: 'Urban agriculture' },
  { slug: 'biodiversiteit', parentSlug: 'openbare-ruimte-en-groen', nameNl: 'Biodiversiteit', nameEn: 'Biodiversity' },

  // Participatie en communicatie
  { slug: 'participatie', parentSlug: 'participatie-en-communicatie', nameNl: 'Participatie', nameEn: 'Citizen participation' },
  { slug: 'communicatie', parentSlug: 'participatie-en-communicatie', nameNl: 'Communicatie', nameEn: 'Communication' },
  { slug: 'procesbegeleiding', parentSlug: 'participatie-en-communicatie', nameNl: 'Procesbegeleiding', nameEn: 'Process facilitation' },
  { slug: 'gemeenschapsvorming', parentSlug: 'participatie-en-communicatie', nameNl: 'Gemeenschapsvorming', nameEn: 'Community building' },
  { slug: 'vrijwilligersmanagement', parentSlug: 'participatie-en-communicatie', nameNl: 'Vrijwilligersmanagement', nameEn: 'Volunteer management' },

  // Zorg en welzijn
  { slug: 'informele-zorg', parentSlug: 'zorg-en-welzijn', nameNl: 'Informele zorg', nameEn: 'Informal care' },
  { slug: 'zorgcooperaties', parentSlug: 'zorg-en-welzijn', nameNl: 'Zorgcoöperaties', nameEn: 'Care co-operatives' },
  { slug: 'sociaal-werk', parentSlug: 'zorg-en-welzijn', nameNl: 'Sociaal werk', nameEn: 'Social work' },
  { slug: 'eenzaamheidsbestrijding', parentSlug: 'zorg-en-welzijn', nameNl: 'Eenzaamheidsbestrijding', nameEn: 'Tackling loneliness' },
  { slug: 'armoede-en-schulden', parentSlug: 'zorg-en-welzijn', nameNl: 'Armoede en schulden', nameEn: 'Poverty and debt' },

  // Wonen en ruimte
  { slug: 'wijkaanpak', parentSlug: 'wonen-en-ruimte', nameNl: 'Wijkaanpak', nameEn: 'Neighbourhood approach' },
  { slug: 'ruimtelijke-ordening', parentSlug: 'wonen-en-ruimte', nameNl: 'Ruimtelijke ordening', nameEn: 'Spatial planning' },
  { slug: 'omgevingswet', parentSlug: 'wonen-en-ruimte', nameNl: 'Omgevingswet', nameEn: 'Environment and Planning Act' },
  { slug: 'wooncooperaties', parentSlug: 'wonen-en-ruimte', nameNl: 'Wooncoöperaties', nameEn: 'Housing co-operatives' },
  { slug: 'maatschappelijk-vastgoed', parentSlug: 'wonen-en-ruimte', nameNl: 'Maatschappelijk vastgoed', nameEn: 'Community real estate' },

  // Energie en duurzaamheid
  { slug: 'lokale-energie', parentSlug: 'energie-en-duurzaamheid', nameNl: 'Lokale energie', nameEn: 'Community energy' },
  { slug: 'energiebesparing', parentSlug: 'energie-en-duurzaamheid', nameNl: 'Energiebesparing', nameEn: 'Energy saving' },
  { slug: 'warmtetransitie', parentSlug: 'energie-en-duurzaamheid', nameNl: 'Warmtetransitie', nameEn: 'Heat transition' },
  { slug: 'klimaatadaptatie', parentSlug: 'energie-en-duurzaamheid', nameNl: 'Klimaatadaptatie', nameEn: 'Climate adaptation' },
  { slug: 'circulaire-economie', parentSlug: 'energie-en-duurzaamheid', nameNl: 'Circulaire economie', nameEn: 'Circular economy' },

  // Financiering en fondsen
  { slug: 'subsidies', parentSlug: 'financiering-en-fondsen', nameNl: 'Subsidies', nameEn: 'Grants and subsidies' },
  { slug: 'fondsenwerving', parentSlug: 'financiering-en-fondsen', nameNl: 'Fondsenwerving', nameEn: 'Fundraising' },
  { slug: 'crowdfunding', parentSlug: 'financiering-en-fondsen', nameNl: 'Crowdfunding', nameEn: 'Crowdfunding' },
  { slug: 'impactinvesteren', parentSlug: 'financiering-en-fondsen', nameNl: 'Impactinvesteren', nameEn: 'Impact investing' },
  { slug: 'financieel-beheer', parentSlug: 'financiering-en-fondsen', nameNl: 'Financieel beheer', nameEn: 'Financial management' },

  // Recht en governance
  { slug: 'cooperatie-recht', parentSlug: 'recht-en-governance', nameNl: 'Coöperatierecht', nameEn: 'Co-operative law' },
  { slug: 'stichtingen-en-verenigingen', parentSlug: 'recht-en-governance', nameNl: 'Stichtingen en verenigingen', nameEn: 'Foundations and associations' },
  { slug: 'right-to-challenge', parentSlug: 'recht-en-governance', nameNl: 'Right to Challenge', nameEn: 'Right to Challenge' },
  { slug: 'aanbesteding', parentSlug: 'recht-en-governance', nameNl: 'Aanbesteding', nameEn: 'Public procurement' },
  { slug: 'aansprakelijkheid-en-verzekeringen', parentSlug: 'recht-en-governance', nameNl: 'Aansprakelijkheid en verzekeringen', nameEn: 'Liability and insurance' },

  // Onderzoek en monitoring
  { slug: 'impactmeting', parentSlug: 'onderzoek-en-monitoring', nameNl: 'Impactmeting', nameEn: 'Impact measurement' },
  { slug: 'evaluatieonderzoek', parentSlug: 'onderzoek-en-monitoring', nameNl: 'Evaluatieonderzoek', nameEn: 'Evaluation research' },
  { slug: 'actieonderzoek', parentSlug: 'onderzoek-en-monitoring', nameNl: 'Actieonderzoek', nameEn: 'Action research' },
  { slug: 'maatschappelijke-kosten-batenanalyse', parentSlug: 'onderzoek-en-monitoring', nameNl: 'Maatschappelijke kosten-batenanalyse', nameEn: 'Social cost-benefit analysis' },
  { slug: 'kennisdeling', parentSlug: 'onderzoek-en-monitoring', nameNl: 'Kennisdeling', nameEn: 'Knowledge sharing' },

  // Ondernemerschap
  { slug: 'sociaal-ondernemerschap', parentSlug: 'ondernemerschap', nameNl: 'Sociaal ondernemerschap', nameEn: 'Social entrepreneurship' },
  { slug: 'verdienmodellen', parentSlug: 'ondernemerschap', nameNl: 'Verdienmodellen', nameEn: 'Business models' },
  { slug: 'startersbegeleiding', parentSlug: 'ondernemerschap', nameNl: 'Startersbegeleiding', nameEn: 'Start-up coaching' },
  { slug: 'lokale-economie', parentSlug: 'ondernemerschap', nameNl: 'Lokale economie', nameEn: 'Local economy' },
  { slug: 'maatschappelijk-verantwoord-ondernemen', parentSlug: 'ondernemerschap', nameNl: 'Maatschappelijk verantwoord ondernemen', nameEn: 'Corporate social responsibility' },

  // Data en digitaal
  { slug: 'open-data', parentSlug: 'data-en-digitaal', nameNl: 'Open data', nameEn: 'Open data' },
  { slug: 'data-analyse', parentSlug: 'data-en-digitaal', nameNl: 'Data-analyse', nameEn: 'Data analysis' },
  { slug: 'websites-en-platforms', parentSlug: 'data-en-digitaal', nameNl: 'Websites en platforms', nameEn: 'Websites and platforms' },
  { slug: 'privacy-en-avg', parentSlug: 'data-en-digitaal', nameNl: 'Privacy en AVG', nameEn: 'Privacy and GDPR' },
  { slug: 'digitale-inclusie', parentSlug: 'data-en-digitaal', nameNl: 'Digitale inclusie', nameEn: 'Digital inclusion' },

  // Onderwijs en jeugd
  { slug: 'jongerenwerk', parentSlug: 'onderwijs-en-jeugd', nameNl: 'Jongerenwerk', nameEn: 'Youth work' },
  { slug: 'jeugdparticipatie', parentSlug: 'onderwijs-en-jeugd', nameNl: 'Jeugdparticipatie', nameEn: 'Youth participation' },
  { slug: 'natuur-en-milieueducatie', parentSlug: 'onderwijs-en-jeugd', nameNl: 'Natuur- en milieueducatie', nameEn: 'Nature and environmental education' },
  { slug: 'taal-en-geletterdheid', parentSlug: 'onderwijs-en-jeugd', nameNl: 'Taal en geletterdheid', nameEn: 'Language and literacy' },

  // Cultuur en sport
  { slug: 'kunst-in-de-wijk', parentSlug: 'cultuur-en-sport', nameNl: 'Kunst in de wijk', nameEn: 'Community arts' },
  { slug: 'erfgoed', parentSlug: 'cultuur-en-sport', nameNl: 'Erfgoed', nameEn: 'Heritage' },
  { slug: 'buurtsport', parentSlug: 'cultuur-en-sport', nameNl: 'Buurtsport', nameEn: 'Community sport' },
  { slug: 'evenementenorganisatie', parentSlug: 'cultuur-en-sport', nameNl: 'Evenementenorganisatie', nameEn: 'Event organisation' },
];
