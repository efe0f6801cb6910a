/**
 * First and last names for synthetic people: common in France across generations and origins, so
 * the demo looks like a real workforce of 230,000 without naming anyone in particular.
 */
// One string per list: the formatter would otherwise put each name on its own line.
const splitList = (text: string): readonly string[] => Object.freeze(text.split(', '));

export const FIRST_NAMES: readonly string[] = splitList(
  'Camille, Léa, Manon, Chloé, Emma, Inès, Sarah, Julie, Laura, Marie, Anne, Nathalie, Isabelle, ' +
    'Sylvie, Catherine, Valérie, Sandrine, Christine, Stéphanie, Céline, Aurélie, Émilie, Sophie, ' +
    'Claire, Hélène, Martine, Françoise, Monique, Véronique, Patricia, Nadia, Samira, Fatima, Yasmina, ' +
    'Leïla, Aïcha, Mélanie, Audrey, Élodie, Virginie, Karine, Delphine, Agnès, Brigitte, Corinne, ' +
    'Pauline, Lucie, Justine, Mathilde, Charlotte, Océane, Clémence, Margaux, Jade, Louise, Alice, ' +
    'Zoé, Anaïs, Marion, Coralie, Thomas, Nicolas, Julien, Maxime, Alexandre, Antoine, Kevin, Romain, ' +
    'Guillaume, Sébastien, Pierre, Jean, Philippe, Michel, Alain, Patrick, Christophe, Frédéric, Laurent, ' +
    'Stéphane, Éric, David, Olivier, Thierry, Pascal, Didier, Bruno, Franck, Jérôme, Vincent, Karim, ' +
    'Mehdi, Sofiane, Yacine, Rachid, Mohamed, Nabil, Samir, Bilal, Ibrahim, Lucas, Hugo, Théo, Louis, ' +
    'Nathan, Enzo, Mathis, Quentin, Adrien, Baptiste, Jean-Pierre, Jean-Luc, Marc, Gilles, Hervé, ' +
    'Yannick, Ludovic, Cédric, Fabien, Mickaël, Moussa, Mamadou, Ousmane, Thi Hoa, Minh, Mathieu, ' +
    'Florian, Benoît, Loïc, Gaëlle',
);

export const LAST_NAMES: readonly string[] = splitList(
  'Martin, Bernard, Thomas, Petit, Robert, Richard, Durand, Dubois, Moreau, Laurent, Simon, Michel, ' +
    'Lefebvre, Leroy, Roux, David, Bertrand, Morel, Fournier, Girard, Bonnet, Dupont, Lambert, Fontaine, ' +
    'Rousseau, Vincent, Muller, Lefèvre, Faure, André, Mercier, Blanc, Guérin, Boyer, Garnier, Chevalier, ' +
    'François, Legrand, Gauthier, Garcia, Perrin, Robin, Clément, Morin, Nicolas, Henry, Roussel, ' +
    'Mathieu, Gautier, Masson, Marchand, Duval, Denis, Dumont, Marie, Lemaire, Noël, Meyer, Dufour, ' +
    'Meunier, Brun, Blanchard, Giraud, Joly, Rivière, Lucas, Brunet, Gaillard, Barbier, Arnaud, Martinez, ' +
    'Gérard, Roche, Renard, Schmitt, Roy, Leroux, Colin, Vidal, Caron, Picard, Roger, Fabre, Aubert, ' +
    'Lemoine, Renaud, Dumas, Lacroix, Olivier, Philippe, Bourgeois, Pierre, Benoît, Rey, Leclerc, ' +
    'Payet, Rolland, Leclercq, Guillaume, Lecomte, Lopez, Jean, Dupuy, Guillot, Hubert, Berger, Carpentier, ' +
    'Sanchez, Dupuis, Moulin, Louis, Deschamps, Huet, Vasseur, Perez, Boucher, Fleury, Royer, Klein, ' +
    'Jacquet, Le Gall, Le Goff, Kerboull, Le Roux, Tanguy, Ferrari, Rossi, Da Silva, Pereira, Fernandes, ' +
    'Benali, Haddad, Mansouri, Belkacem, Cherif, Nguyen, Tran, Diallo, Traoré, Camara, Keita, Bouvier, ' +
    'Poulain, Charpentier, Baron, Hamon, Lebrun, Maréchal, Étienne, Collet',
);

/** "Jean-Pierre Le Gall" → "jean-pierre", "le-gall": ASCII, lower case, safe in an address. */
export function slugify(text: string): string {
  return text
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'Oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
