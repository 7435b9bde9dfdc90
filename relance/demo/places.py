"""Names and places for the demo deputies: invented people, real departments.

Departments carry their number of circonscriptions (the 2010 map in force since 2012: 577
seats) and the preposition used in texts ("du Nord", "de l'Ain", "des Landes").
"""

from __future__ import annotations

from typing import NamedTuple


class Department(NamedTuple):
    num: str  # "01", "2A", "971", "099"
    name: str
    de: str  # "de l'Ain": used in "dans le département de l'Ain"
    seats: int
    region: str
    region_type: str


_METRO = "Métropolitain"
_DOM = "Dom"
_COM = "Collectivités d'outre-mer et Nouvelle-Calédonie"
_FEHF = "Français établis hors de France"
_SBSM = "Saint-Barthélemy et Saint-Martin"

_ARA = "Auvergne-Rhône-Alpes"
_BFC = "Bourgogne-Franche-Comté"
_BRE = "Bretagne"
_CVL = "Centre-Val de Loire"
_COR = "Corse"
_GES = "Grand Est"
_HDF = "Hauts-de-France"
_IDF = "Île-de-France"
_NOR = "Normandie"
_NAQ = "Nouvelle-Aquitaine"
_OCC = "Occitanie"
_PDL = "Pays de la Loire"
_PAC = "Provence-Alpes-Côte d'Azur"

_DEPARTMENTS_TEXT = f"""
01|Ain|de l'Ain|5|{_ARA}
02|Aisne|de l'Aisne|5|{_HDF}
03|Allier|de l'Allier|3|{_ARA}
04|Alpes-de-Haute-Provence|des Alpes-de-Haute-Provence|2|{_PAC}
05|Hautes-Alpes|des Hautes-Alpes|2|{_PAC}
06|Alpes-Maritimes|des Alpes-Maritimes|9|{_PAC}
07|Ardèche|de l'Ardèche|3|{_ARA}
08|Ardennes|des Ardennes|3|{_GES}
09|Ariège|de l'Ariège|2|{_OCC}
10|Aube|de l'Aube|3|{_GES}
11|Aude|de l'Aude|3|{_OCC}
12|Aveyron|de l'Aveyron|3|{_OCC}
13|Bouches-du-Rhône|des Bouches-du-Rhône|16|{_PAC}
14|Calvados|du Calvados|6|{_NOR}
15|Cantal|du Cantal|2|{_ARA}
16|Charente|de la Charente|3|{_NAQ}
17|Charente-Maritime|de la Charente-Maritime|5|{_NAQ}
18|Cher|du Cher|3|{_CVL}
19|Corrèze|de la Corrèze|2|{_NAQ}
2A|Corse-du-Sud|de la Corse-du-Sud|2|{_COR}
2B|Haute-Corse|de la Haute-Corse|2|{_COR}
21|Côte-d'Or|de la Côte-d'Or|5|{_BFC}
22|Côtes-d'Armor|des Côtes-d'Armor|5|{_BRE}
23|Creuse|de la Creuse|1|{_NAQ}
24|Dordogne|de la Dordogne|4|{_NAQ}
25|Doubs|du Doubs|5|{_BFC}
26|Drôme|de la Drôme|4|{_ARA}
27|Eure|de l'Eure|5|{_NOR}
28|Eure-et-Loir|d'Eure-et-Loir|4|{_CVL}
29|Finistère|du Finistère|8|{_BRE}
30|Gard|du Gard|6|{_OCC}
31|Haute-Garonne|de la Haute-Garonne|10|{_OCC}
32|Gers|du Gers|2|{_OCC}
33|Gironde|de la Gironde|12|{_NAQ}
34|Hérault|de l'Hérault|9|{_OCC}
35|Ille-et-Vilaine|d'Ille-et-Vilaine|8|{_BRE}
36|Indre|de l'Indre|2|{_CVL}
37|Indre-et-Loire|d'Indre-et-Loire|5|{_CVL}
38|Isère|de l'Isère|10|{_ARA}
39|Jura|du Jura|3|{_BFC}
40|Landes|des Landes|3|{_NAQ}
41|Loir-et-Cher|de Loir-et-Cher|3|{_CVL}
42|Loire|de la Loire|6|{_ARA}
43|Haute-Loire|de la Haute-Loire|2|{_ARA}
44|Loire-Atlantique|de la Loire-Atlantique|10|{_PDL}
45|Loiret|du Loiret|6|{_CVL}
46|Lot|du Lot|2|{_OCC}
47|Lot-et-Garonne|de Lot-et-Garonne|3|{_NAQ}
48|Lozère|de la Lozère|1|{_OCC}
49|Maine-et-Loire|de Maine-et-Loire|7|{_PDL}
50|Manche|de la Manche|4|{_NOR}
51|Marne|de la Marne|5|{_GES}
52|Haute-Marne|de la Haute-Marne|2|{_GES}
53|Mayenne|de la Mayenne|3|{_PDL}
54|Meurthe-et-Moselle|de Meurthe-et-Moselle|6|{_GES}
55|Meuse|de la Meuse|2|{_GES}
56|Morbihan|du Morbihan|6|{_BRE}
57|Moselle|de la Moselle|9|{_GES}
58|Nièvre|de la Nièvre|2|{_BFC}
59|Nord|du Nord|21|{_HDF}
60|Oise|de l'Oise|7|{_HDF}
61|Orne|de l'Orne|3|{_NOR}
62|Pas-de-Calais|du Pas-de-Calais|12|{_HDF}
63|Puy-de-Dôme|du Puy-de-Dôme|5|{_ARA}
64|Pyrénées-Atlantiques|des Pyrénées-Atlantiques|6|{_NAQ}
65|Hautes-Pyrénées|des Hautes-Pyrénées|2|{_OCC}
66|Pyrénées-Orientales|des Pyrénées-Orientales|4|{_OCC}
67|Bas-Rhin|du Bas-Rhin|9|{_GES}
68|Haut-Rhin|du Haut-Rhin|6|{_GES}
69|Rhône|du Rhône|14|{_ARA}
70|Haute-Saône|de la Haute-Saône|2|{_BFC}
71|Saône-et-Loire|de Saône-et-Loire|5|{_BFC}
72|Sarthe|de la Sarthe|5|{_PDL}
73|Savoie|de la Savoie|4|{_ARA}
74|Haute-Savoie|de la Haute-Savoie|6|{_ARA}
75|Paris|de Paris|18|{_IDF}
76|Seine-Maritime|de la Seine-Maritime|10|{_NOR}
77|Seine-et-Marne|de Seine-et-Marne|11|{_IDF}
78|Yvelines|des Yvelines|12|{_IDF}
79|Deux-Sèvres|des Deux-Sèvres|3|{_NAQ}
80|Somme|de la Somme|5|{_HDF}
81|Tarn|du Tarn|3|{_OCC}
82|Tarn-et-Garonne|de Tarn-et-Garonne|2|{_OCC}
83|Var|du Var|8|{_PAC}
84|Vaucluse|de Vaucluse|5|{_PAC}
85|Vendée|de la Vendée|5|{_PDL}
86|Vienne|de la Vienne|4|{_NAQ}
87|Haute-Vienne|de la Haute-Vienne|3|{_NAQ}
88|Vosges|des Vosges|4|{_GES}
89|Yonne|de l'Yonne|3|{_BFC}
90|Territoire de Belfort|du Territoire de Belfort|2|{_BFC}
91|Essonne|de l'Essonne|10|{_IDF}
92|Hauts-de-Seine|des Hauts-de-Seine|13|{_IDF}
93|Seine-Saint-Denis|de la Seine-Saint-Denis|12|{_IDF}
94|Val-de-Marne|du Val-de-Marne|11|{_IDF}
95|Val-d'Oise|du Val-d'Oise|10|{_IDF}
971|Guadeloupe|de la Guadeloupe|4|Guadeloupe|{_DOM}
972|Martinique|de la Martinique|4|Martinique|{_DOM}
973|Guyane|de la Guyane|2|Guyane|{_DOM}
974|Réunion|de La Réunion|7|La Réunion|{_DOM}
976|Mayotte|de Mayotte|2|Mayotte|{_DOM}
975|Saint-Pierre-et-Miquelon|de Saint-Pierre-et-Miquelon|1|Saint-Pierre-et-Miquelon|{_COM}
977|Saint-Barthélemy et Saint-Martin|de Saint-Barthélemy et Saint-Martin|1|{_SBSM}|{_COM}
986|Wallis-et-Futuna|de Wallis-et-Futuna|1|Wallis-et-Futuna|{_COM}
987|Polynésie française|de la Polynésie française|3|Polynésie française|{_COM}
988|Nouvelle-Calédonie|de la Nouvelle-Calédonie|2|Nouvelle-Calédonie|{_COM}
099|Français établis hors de France|des Français établis hors de France|11|{_FEHF}|{_FEHF}
"""


def _parse_departments() -> tuple[Department, ...]:
    out = []
    for line in _DEPARTMENTS_TEXT.strip().splitlines():
        num, name, de, seats, region, *rest = line.split("|")
        out.append(Department(num, name, de, int(seats), region, rest[0] if rest else _METRO))
    return tuple(out)


DEPARTMENTS: tuple[Department, ...] = _parse_departments()
SEATS = sum(d.seats for d in DEPARTMENTS)
assert SEATS == 577, SEATS

MALE_FIRST_NAMES = (
    "Alain", "Alexandre", "Antoine", "Arnaud", "Benoît", "Bernard", "Bertrand", "Bruno",
    "Cédric", "Charles", "Christian", "Christophe", "Claude", "Damien", "Daniel", "David",
    "Denis", "Didier", "Dominique", "Emmanuel", "Éric", "Fabien", "Fabrice", "Florent",
    "François", "Frédéric", "Gaël", "Gérard", "Gilles", "Guillaume", "Hervé", "Hugues",
    "Jacques", "Jean", "Jean-Claude", "Jean-François", "Jean-Louis", "Jean-Luc", "Jean-Marc",
    "Jean-Paul", "Jean-Pierre", "Jérôme", "Joël", "Julien", "Laurent", "Loïc", "Louis",
    "Luc", "Marc", "Mathieu", "Maxime", "Michel", "Nicolas", "Olivier", "Pascal", "Patrick",
    "Paul", "Philippe", "Pierre", "Pierre-Yves", "Raphaël", "Rémi", "Richard", "Romain",
    "Sébastien", "Serge", "Stéphane", "Sylvain", "Thibault", "Thierry", "Thomas", "Vincent",
    "Xavier", "Yannick", "Yves",
)  # fmt: skip
FEMALE_FIRST_NAMES = (
    "Agnès", "Alexandra", "Amélie", "Anne", "Anne-Laure", "Annie", "Audrey", "Aurélie",
    "Béatrice", "Brigitte", "Camille", "Carole", "Caroline", "Catherine", "Cécile",
    "Céline", "Charlotte", "Christine", "Claire", "Clémence", "Corinne", "Delphine",
    "Élisabeth", "Élodie", "Émilie", "Estelle", "Florence", "Françoise", "Géraldine",
    "Hélène", "Isabelle", "Jacqueline", "Jeanne", "Joëlle", "Julie", "Karine", "Laetitia",
    "Laure", "Laurence", "Léa", "Louise", "Lucie", "Marie", "Marie-Christine", "Marie-Pierre",
    "Marine", "Martine", "Mathilde", "Mélanie", "Michèle", "Monique", "Murielle", "Nadia",
    "Nathalie", "Nicole", "Pascale", "Patricia", "Pauline", "Sabine", "Sandrine", "Sarah",
    "Sophie", "Stéphanie", "Sylvie", "Valérie", "Véronique", "Virginie", "Yaël",
)  # fmt: skip
SURNAMES = (
    "Aubert", "Aubry", "Barbier", "Baron", "Barre", "Bertin", "Besnard", "Bigot", "Blanc",
    "Blanchard", "Bonnet", "Boucher", "Bouvier", "Brun", "Bruneau", "Carpentier", "Caron",
    "Carré", "Chauvin", "Chevalier", "Clément", "Colin", "Collet", "Cordier", "Cousin",
    "Da Silva", "Daniel", "David", "Delmas", "Denis", "Deschamps", "Dubois", "Dufour",
    "Dumont", "Dupont", "Dupuis", "Durand", "Étienne", "Fabre", "Faure", "Fernandez",
    "Fleury", "Fontaine", "Fournier", "François", "Gaillard", "Garnier", "Gauthier",
    "Gautier", "Gérard", "Germain", "Gilbert", "Girard", "Giraud", "Guérin", "Guillaume",
    "Guillot", "Hamon", "Henry", "Hoarau", "Huet", "Jacob", "Jacquet", "Joly", "Julien",
    "Lacroix", "Lambert", "Laurent", "Le Bihan", "Le Goff", "Le Gall", "Le Roux", "Lebrun",
    "Leclerc", "Lefebvre", "Lefèvre", "Legrand", "Lemaire", "Lemoine", "Leroy", "Lucas",
    "Marchand", "Marie", "Martin", "Masson", "Mathieu", "Mercier", "Meunier", "Meyer",
    "Michel", "Moreau", "Morel", "Morin", "Moulin", "Muller", "Nicolas", "Noël", "Olivier",
    "Paris", "Perrin", "Petit", "Picard", "Pierre", "Poirier", "Prévost", "Renard",
    "Renaud", "Rey", "Richard", "Rivière", "Robert", "Robin", "Roche", "Roger", "Rousseau",
    "Roussel", "Roux", "Royer", "Schmitt", "Simon", "Tessier", "Thomas", "Vasseur",
    "Vidal", "Vincent", "Weber", "de Lagarde", "de La Roche", "du Vernet", "Chabert",
    "Castagné", "Peyrat", "Larrieu", "Etcheverry", "Ollivier", "Kerbrat", "Quéré",
    "Tanguy", "Jacquemin", "Schneider", "Hoffmann", "Benali", "Haddad", "Mendes", "Pereira",
    "Ferrand", "Grosjean", "Maillard", "Pons", "Bousquet", "Marty", "Couderc", "Lagarde",
    "Tournier", "Vallet", "Besson", "Bailly", "Charpentier", "Millet", "Perrot", "Lebon",
    "Payet", "Techer", "Grondin", "Valentin", "Léger", "Bonnin", "Ménard", "Jourdan",
)  # fmt: skip

PROFESSIONS = (
    ("Agriculteur", "Agriculteurs exploitants", "Agriculteurs exploitants"),
    ("Avocat", "Professions libérales", "Cadres et professions intellectuelles supérieures"),
    ("Médecin", "Professions libérales", "Cadres et professions intellectuelles supérieures"),
    (
        "Enseignant",
        "Professeurs, professions scientifiques",
        "Cadres et professions intellectuelles supérieures",
    ),
    (
        "Cadre de la fonction publique",
        "Cadres de la fonction publique",
        "Cadres et professions intellectuelles supérieures",
    ),
    (
        "Chef d'entreprise",
        "Chefs d'entreprise de 10 salariés ou plus",
        "Artisans, commerçants et chefs d'entreprise",
    ),
    (
        "Infirmière",
        "Professions intermédiaires de la santé et du travail social",
        "Professions intermédiaires",
    ),
    ("Employé", "Employés administratifs d'entreprise", "Employés"),
    (
        "Ingénieur",
        "Ingénieurs et cadres techniques d'entreprise",
        "Cadres et professions intellectuelles supérieures",
    ),
    ("Retraité", "Anciens cadres", "Retraités"),
)
