# ruff: noqa: E501  (vocabulary data: one rubrique line per item list)
"""The rubriques of the demo corpus, each with its own vocabulary.

Written for this generator (no real question text is copied). Each block is one rubrique
(lower case, as in ``indexationAN.rubrique``) and its lines:

- ``w:`` relative popularity (default 1); ``min:`` ministry keys (``relance.ministries``) and
  weights, the first being the competent one;
- ``tete:`` têtes d'analyse (used in the 14th and 15th legislatures);
- ``topic:`` ``Analyse (short title) => sujet`` (a noun phrase with its article, used after
  "sur");
- ``act:`` actors, **plural** with their article ("les agriculteurs");
- ``obj:`` objects with their article; ``mes:`` measures, **singular** with their article;
- ``but:`` aims, infinitive phrases ("soutenir le revenu des agriculteurs");
- ``fait:`` full sentences for questions, ``rep:`` full sentences for answers (may use the
  placeholders of ``relance.demo.texts``); ``code:`` the code cited in texts.

Items on one line are separated by `` | ``; ``topic``, ``fait`` and ``rep`` lines repeat.
"""

from __future__ import annotations

RUBRIQUES_TEXT = """
== agriculture
w: 3
min: agriculture 10, economie 1
tete: exploitants | revenus | aides
topic: Revenu des agriculteurs => la faiblesse du revenu des agriculteurs
topic: Installation des jeunes agriculteurs => les difficultés d'installation des jeunes agriculteurs
topic: Transmission des exploitations agricoles => la transmission des exploitations agricoles
topic: Charges des exploitations => la hausse des charges supportées par les exploitations agricoles
topic: Calamités agricoles => l'indemnisation des agriculteurs touchés par les calamités agricoles
act: les agriculteurs | les exploitants agricoles | les jeunes agriculteurs | les chambres d'agriculture
obj: la politique agricole commune | les aides à l'installation | le prix des engrais | la concurrence des produits importés | le foncier agricole
mes: le pacte d'orientation pour le renouvellement des générations en agriculture | le plan de souveraineté alimentaire | le dispositif d'aide à la transmission
but: garantir un revenu décent aux agriculteurs | faciliter l'installation des jeunes agriculteurs | préserver la souveraineté alimentaire de la France
fait: Le revenu moyen des exploitants a reculé de {pct} % en {annee}, alors que les charges ne cessent d'augmenter.
fait: Près d'un agriculteur sur deux partira à la retraite dans les dix prochaines années, souvent sans repreneur identifié.
fait: Les normes environnementales imposées aux exploitations françaises ne s'appliquent pas toujours aux produits importés.
rep: Les aides de la politique agricole commune représentent chaque année plus de 9 milliards d'euros pour les exploitations françaises.
code: code rural et de la pêche maritime

== élevage
w: 1.5
min: agriculture 10
tete: bovins | ovins | porcs | volailles
topic: Prédation du loup => les attaques de loups sur les troupeaux
topic: Filière bovine => la décapitalisation du cheptel bovin
topic: Dermatose nodulaire contagieuse => les conséquences de la dermatose nodulaire contagieuse pour les éleveurs
topic: Influenza aviaire => les pertes subies par les éleveurs de volailles du fait de l'influenza aviaire
act: les éleveurs | les éleveurs ovins | les groupements de défense sanitaire | les vétérinaires ruraux
obj: le plan loup | l'indemnisation des pertes | les abattoirs de proximité | le prix payé aux producteurs
mes: le plan national d'actions sur le loup | le fonds d'urgence pour l'élevage | le dispositif d'indemnisation sanitaire
but: protéger les troupeaux | soutenir les éleveurs touchés | maintenir l'élevage dans les territoires
fait: Dans certaines vallées, les éleveurs ont déploré plus de {nombre} animaux tués au cours de l'année {annee}.
fait: La fermeture des abattoirs de proximité contraint les éleveurs à parcourir des distances toujours plus longues.
rep: Les mesures de protection des troupeaux, chiens de protection et clôtures électrifiées, sont financées à hauteur de 80 %.
code: code rural et de la pêche maritime

== agroalimentaire
min: agriculture 6, economie 3
tete: industrie agroalimentaire | étiquetage
topic: Étiquetage de l'origine des produits => l'étiquetage de l'origine des produits alimentaires
topic: Négociations commerciales => le déroulement des négociations commerciales entre industriels et distributeurs
topic: Loi Égalim => l'application de la loi Égalim
act: les industriels de l'agroalimentaire | les coopératives agricoles | les consommateurs | les distributeurs
obj: les négociations commerciales annuelles | l'étiquetage nutritionnel | la marge des distributeurs | les produits transformés
mes: le dispositif de contractualisation pluriannuelle | l'observatoire de la formation des prix et des marges
but: rééquilibrer les relations commerciales | garantir la transparence de l'étiquetage
fait: Les industriels dénoncent une guerre des prix qui fragilise les petites et moyennes entreprises du secteur.
code: code de commerce

== aquaculture et pêche professionnelle
min: mer 5, agriculture 4, transition_ecologique 2
tete: pêche maritime | conchyliculture
topic: Quotas de pêche => la répartition des quotas de pêche
topic: Pêcheurs et éoliennes en mer => la cohabitation entre la pêche professionnelle et les parcs éoliens en mer
topic: Conchyliculture => les difficultés de la conchyliculture
act: les pêcheurs | les marins pêcheurs | les ostréiculteurs | les comités régionaux des pêches
obj: les quotas de pêche | le prix du gazole pêche | les fermetures de zones de pêche | la flotte de pêche artisanale
mes: le plan d'accompagnement individuel | le fonds européen pour les affaires maritimes, la pêche et l'aquaculture
but: préserver la pêche artisanale | accompagner les pêcheurs dans la transition énergétique
fait: Les fermetures temporaires de zones de pêche ont entraîné des pertes de chiffre d'affaires de {pct} % pour certains armements.
code: code rural et de la pêche maritime

== bois et forêts
min: agriculture 6, transition_ecologique 4
tete: forêts | filière bois
topic: Incendies de forêt => la prévention des incendies de forêt
topic: Filière bois => la structuration de la filière bois
topic: Scolytes => le dépérissement des forêts touchées par les scolytes
act: les propriétaires forestiers | les communes forestières | les scieries | les forestiers-sapeurs
obj: l'Office national des forêts | le renouvellement forestier | l'exportation de grumes | la défense des forêts contre l'incendie
mes: le plan de renouvellement forestier | le fonds stratégique de la forêt et du bois
but: adapter les forêts au changement climatique | soutenir la filière bois
fait: Près de {nombre} hectares de forêt ont été parcourus par le feu au cours de l'été {annee}.
code: code forestier

== chasse et pêche
min: transition_ecologique 8, agriculture 2
tete: chasse | pêche de loisir
topic: Sécurité à la chasse => la sécurité à la chasse
topic: Dégâts de gibier => l'indemnisation des dégâts causés par le grand gibier
topic: Pêche de loisir => la réglementation de la pêche de loisir
act: les chasseurs | les fédérations départementales des chasseurs | les pêcheurs amateurs | les promeneurs
obj: les dégâts de gibier | le permis de chasser | les périodes de chasse | la régulation du grand gibier
mes: le plan national de maîtrise du sanglier | le permis de chasser à points
but: renforcer la sécurité à la chasse | maîtriser les populations de sangliers
fait: Les dégâts causés par les sangliers aux cultures ont atteint {montant} millions d'euros lors de la dernière campagne.
code: code de l'environnement

== animaux
min: agriculture 6, transition_ecologique 3, interieur 1
tete: protection | bien-être animal
topic: Bien-être animal => le bien-être des animaux d'élevage
topic: Abandon des animaux de compagnie => l'abandon des animaux de compagnie
topic: Stérilisation des chats errants => la stérilisation des chats errants
topic: Refuges animaliers => la situation financière des refuges animaliers
act: les associations de protection animale | les refuges | les vétérinaires | les maires
obj: l'identification des animaux de compagnie | la maltraitance animale | les campagnes de stérilisation | le certificat d'engagement et de connaissance
mes: le plan de lutte contre l'abandon | le fonds pour le bien-être animal
but: lutter contre l'abandon des animaux | renforcer la protection des animaux
fait: Plus de {nombre} animaux de compagnie seraient abandonnés chaque année en France, notamment avant l'été.
fait: Les refuges sont saturés et doivent refuser chaque semaine de nouveaux animaux.
code: code rural et de la pêche maritime

== enseignement agricole
w: 0.5
min: agriculture 9, education_nationale 1
tete: lycées agricoles | formation
topic: Lycées agricoles => l'avenir des lycées agricoles
topic: Maisons familiales rurales => le financement des maisons familiales rurales
act: les lycées agricoles | les maisons familiales rurales | les élèves de l'enseignement agricole | les enseignants
obj: les dotations horaires | les effectifs de l'enseignement agricole | l'apprentissage agricole
mes: le plan de valorisation de l'enseignement agricole
but: renforcer l'attractivité de l'enseignement agricole | garantir la pérennité des établissements
fait: Les effectifs de l'enseignement agricole ont progressé de {pct} % depuis {annee}.
code: code rural et de la pêche maritime

== aménagement du territoire
w: 1.5
min: cohesion_territoires 9, transition_ecologique 1
tete: politique d'aménagement | zones rurales
topic: Zones de revitalisation rurale => la réforme des zones de revitalisation rurale
topic: Programme Petites villes de demain => la prolongation du programme Petites villes de demain
topic: Zéro artificialisation nette => l'application de l'objectif de zéro artificialisation nette
act: les communes rurales | les élus locaux | les intercommunalités | les petites villes
obj: les zones de revitalisation rurale | la dotation d'équipement des territoires ruraux | l'artificialisation des sols | l'ingénierie territoriale
mes: le programme Petites villes de demain | le dispositif France Ruralités | l'Agence nationale de la cohésion des territoires
but: réduire les fractures territoriales | accompagner les communes rurales dans leurs projets
fait: L'objectif de zéro artificialisation nette inquiète les maires ruraux, qui craignent de ne plus pouvoir accueillir de nouveaux habitants.
code: code de l'urbanisme

== collectivités territoriales
w: 2
min: cohesion_territoires 7, interieur 3
tete: finances | compétences
topic: Dotation globale de fonctionnement => l'évolution de la dotation globale de fonctionnement
topic: Statut de l'élu local => le statut de l'élu local
topic: Finances locales => la dégradation des finances des collectivités territoriales
act: les maires | les élus locaux | les départements | les présidents d'intercommunalité
obj: la dotation globale de fonctionnement | la péréquation | les dépenses sociales des départements | les transferts de compétences
mes: le fonds vert | le dispositif de soutien à l'investissement local | la dotation de soutien à l'investissement local
but: préserver l'autonomie financière des collectivités | reconnaître l'engagement des élus locaux
fait: La dotation globale de fonctionnement de certaines communes a diminué de {pct} % en dix ans.
fait: Un nombre croissant de maires renoncent à se représenter, faute de moyens et de reconnaissance.
code: code général des collectivités territoriales

== communes
w: 1.5
min: cohesion_territoires 5, interieur 5
tete: maires | intercommunalité
topic: Communes nouvelles => le régime des communes nouvelles
topic: Sécurité des maires => les violences commises contre les maires
topic: Intercommunalité => la répartition des compétences entre communes et intercommunalités
act: les maires | les conseils municipaux | les secrétaires de mairie | les communes de moins de 1 000 habitants
obj: les compétences eau et assainissement | la protection fonctionnelle des élus | les communes nouvelles | le secrétariat de mairie
mes: le plan de prévention et de lutte contre les violences aux élus | le centre d'analyse et de lutte contre les atteintes aux élus
but: protéger les maires dans l'exercice de leurs fonctions | simplifier la gestion des petites communes
fait: Les agressions contre des maires ont augmenté de {pct} % entre {annee} et l'année suivante.
code: code général des collectivités territoriales

== ruralité
min: cohesion_territoires 8, agriculture 2
tete: zones rurales | services publics
topic: Désertification des zones rurales => la désertification des territoires ruraux
topic: Commerces de proximité => le maintien des commerces de proximité en milieu rural
act: les habitants des zones rurales | les maires ruraux | les commerçants ruraux
obj: les commerces de proximité | les transports en milieu rural | les services publics de proximité
mes: le plan France Ruralités | le dispositif Villages d'avenir
but: maintenir les services de proximité dans les campagnes | revitaliser les centres-bourgs
fait: De nombreux villages ne disposent plus d'aucun commerce, contraignant les habitants à de longs déplacements.
code: code général des collectivités territoriales

== services publics
min: cohesion_territoires 5, fonction_publique 4, economie 1
tete: accès | maisons France services
topic: Maisons France services => le financement des maisons France services
topic: Dématérialisation des démarches => la dématérialisation des démarches administratives
topic: Fermeture de services publics => les fermetures de services publics en milieu rural
act: les usagers | les personnes âgées | les personnes éloignées du numérique | les agents publics
obj: les maisons France services | la dématérialisation des démarches | l'accueil physique des usagers | la trésorerie de proximité
mes: le réseau France services | le plan de simplification administrative
but: garantir l'accès de tous aux services publics | maintenir un accueil physique des usagers
fait: Près de {pct} % des Français déclarent rencontrer des difficultés pour effectuer leurs démarches en ligne.
code: code des relations entre le public et l'administration

== postes
w: 0.5
min: economie 6, cohesion_territoires 4
tete: La Poste | bureaux de poste
topic: Bureaux de poste => la fermeture de bureaux de poste
topic: Distribution du courrier => la dégradation de la distribution du courrier
act: les usagers | les facteurs | les maires | les agences postales communales
obj: la distribution du courrier | les bureaux de poste | le tarif du timbre | le service universel postal
mes: le contrat de présence postale territoriale
but: garantir la présence postale sur tout le territoire | préserver la qualité du service universel postal
fait: Dans certaines communes, le courrier n'est plus distribué que trois jours par semaine.
code: code des postes et des communications électroniques

== anciens combattants et victimes de guerre
min: anciens_combattants 8, armees 2
tete: pensions | reconnaissance
topic: Retraite du combattant => la revalorisation de la retraite du combattant
topic: Harkis => la reconnaissance due aux harkis
topic: Pupilles de la Nation => la situation des pupilles de la Nation
act: les anciens combattants | les veuves d'anciens combattants | les associations du monde combattant | les harkis
obj: la retraite du combattant | la demi-part fiscale | l'Office national des combattants et des victimes de guerre | le devoir de mémoire
mes: le droit à réparation | la commission nationale indépendante de reconnaissance et de réparation
but: reconnaître la Nation envers ses anciens combattants | préserver le droit à réparation
fait: Le point d'indice des pensions militaires d'invalidité n'a pas suivi l'évolution des prix.
code: code des pensions militaires d'invalidité et des victimes de guerre

== défense
w: 1.5
min: armees 10
tete: armée | équipements | personnel
topic: Disponibilité des équipements militaires => la disponibilité des équipements militaires
topic: Réserve opérationnelle => le développement de la réserve opérationnelle
topic: Logement des militaires => les conditions de logement des militaires et de leurs familles
topic: Loi de programmation militaire => l'exécution de la loi de programmation militaire
act: les militaires | les familles de militaires | les réservistes | les industriels de la défense
obj: la loi de programmation militaire | les équipements militaires | le maintien en condition opérationnelle | la fidélisation des militaires
mes: le plan famille | la loi de programmation militaire pour les années à venir
but: renforcer l'attractivité du métier militaire | garantir la disponibilité des matériels
fait: Le taux de disponibilité de certains matériels reste inférieur à {pct} %.
rep: Le ministère a engagé un effort sans précédent en faveur du maintien en condition opérationnelle des matériels.
code: code de la défense

== gendarmerie
w: 1
min: interieur 10
tete: brigades | effectifs
topic: Brigades de gendarmerie => la création de nouvelles brigades de gendarmerie
topic: Casernes de gendarmerie => l'état des casernes de gendarmerie
act: les gendarmes | les familles de gendarmes | les élus ruraux | les gendarmes réservistes
obj: le maillage territorial de la gendarmerie | l'immobilier de la gendarmerie | les effectifs des brigades
mes: le plan de création de 238 brigades | le programme de rénovation des casernes
but: renforcer la présence de la gendarmerie dans les territoires ruraux | améliorer les conditions de vie des gendarmes
fait: Certaines casernes sont dans un état de vétusté tel que des familles de gendarmes refusent d'y être logées.
code: code de la défense

== police
w: 2
min: interieur 10
tete: fonctionnement | effectifs
topic: Effectifs de police => l'insuffisance des effectifs de police
topic: Commissariats => l'état des commissariats
topic: Police municipale => l'extension des prérogatives de la police municipale
act: les policiers | les policiers municipaux | les syndicats de police | les maires
obj: les effectifs de police | les heures supplémentaires des policiers | la procédure pénale | les moyens des commissariats
mes: la loi d'orientation et de programmation du ministère de l'intérieur | le plan de recrutement des policiers
but: renforcer la présence policière sur la voie publique | améliorer les conditions de travail des policiers
fait: Le stock d'heures supplémentaires non récupérées par les policiers dépasse {nombre} heures.
code: code de la sécurité intérieure

== sécurité des biens et des personnes
w: 1.5
min: interieur 10
tete: sécurité civile | sapeurs-pompiers
topic: Sapeurs-pompiers volontaires => l'engagement des sapeurs-pompiers volontaires
topic: Services départementaux d'incendie et de secours => le financement des services départementaux d'incendie et de secours
topic: Noyades => la prévention des noyades
act: les sapeurs-pompiers volontaires | les services départementaux d'incendie et de secours | les maires | les sauveteurs en mer
obj: le volontariat | la directive européenne sur le temps de travail | les moyens aériens de la sécurité civile | les agressions de sapeurs-pompiers
mes: le plan de consolidation du volontariat | le pacte capacitaire
but: pérenniser le modèle des sapeurs-pompiers volontaires | renforcer les moyens de la sécurité civile
fait: Les sapeurs-pompiers volontaires assurent près de {pct} % des interventions sur le territoire.
code: code de la sécurité intérieure

== ordre public
min: interieur 10
tete: manifestations | rassemblements
topic: Rodéos urbains => la lutte contre les rodéos urbains
topic: Rave-parties => l'organisation de rave-parties illégales
topic: Violences urbaines => les violences urbaines
act: les riverains | les forces de l'ordre | les maires | les commerçants
obj: les rodéos motorisés | les rassemblements festifs non autorisés | la vidéoprotection | les mortiers d'artifice
mes: la loi visant à renforcer la lutte contre les rodéos motorisés | le plan de lutte contre les violences urbaines
but: garantir la tranquillité publique | lutter efficacement contre les rodéos urbains
fait: Les riverains subissent chaque week-end des nuisances considérables, sans que les interpellations soient suivies de sanctions.
code: code de la sécurité intérieure

== terrorisme
w: 0.5
min: interieur 7, justice 3
tete: lutte et prévention
topic: Radicalisation => la prévention de la radicalisation
topic: Victimes du terrorisme => l'accompagnement des victimes du terrorisme
act: les victimes | les services de renseignement | les associations de victimes | les acteurs de la prévention
obj: la radicalisation en milieu carcéral | le fonds de garantie des victimes | le renseignement territorial
mes: le plan national de prévention de la radicalisation | la stratégie nationale de lutte contre le terrorisme
but: prévenir la radicalisation | mieux accompagner les victimes du terrorisme
fait: Les associations de victimes regrettent la lenteur des procédures d'indemnisation.
code: code de la sécurité intérieure

== étrangers
w: 1.5
min: interieur 10
tete: titres de séjour | immigration
topic: Délivrance des titres de séjour => les délais de délivrance des titres de séjour
topic: Obligations de quitter le territoire français => l'exécution des obligations de quitter le territoire français
topic: Mineurs non accompagnés => la prise en charge des mineurs non accompagnés
act: les ressortissants étrangers | les préfectures | les départements | les associations d'aide aux étrangers
obj: les titres de séjour | les rendez-vous en préfecture | les obligations de quitter le territoire français | les centres de rétention administrative
mes: l'administration numérique pour les étrangers en France | la loi pour contrôler l'immigration et améliorer l'intégration
but: réduire les délais de traitement en préfecture | garantir l'exécution des mesures d'éloignement
fait: Le taux d'exécution des obligations de quitter le territoire français reste inférieur à {pct} %.
fait: Obtenir un rendez-vous en préfecture relève désormais du parcours du combattant.
code: code de l'entrée et du séjour des étrangers et du droit d'asile

== papiers d'identité
w: 0.7
min: interieur 10
tete: passeports | cartes d'identité
topic: Délais de délivrance des passeports => les délais de délivrance des cartes d'identité et des passeports
topic: Dispositifs de recueil => le déploiement des dispositifs de recueil dans les mairies
act: les usagers | les mairies | les agents d'état civil | les communes rurales
obj: les dispositifs de recueil | les délais de rendez-vous | l'agence nationale des titres sécurisés | la carte nationale d'identité électronique
mes: le plan d'urgence titres | le dispositif de prise de rendez-vous en ligne
but: réduire les délais de délivrance des titres d'identité | mieux indemniser les communes équipées
fait: Les délais d'obtention d'un rendez-vous pour une carte d'identité atteignent parfois {jours} jours.
code: code civil

== élections et référendums
w: 0.7
min: interieur 10
tete: listes électorales | vote
topic: Procurations => les modalités d'établissement des procurations
topic: Vote par correspondance => le rétablissement du vote par correspondance
topic: Abstention => la lutte contre l'abstention
act: les électeurs | les maires | les jeunes électeurs | les électeurs résidant à l'étranger
obj: le répertoire électoral unique | les bureaux de vote | les procurations | le vote électronique
mes: le répertoire électoral unique | la plateforme Maprocuration
but: faciliter la participation électorale | sécuriser les opérations de vote
fait: Lors du dernier scrutin, l'abstention a dépassé {pct} % dans certaines communes.
code: code électoral

== sécurité routière
w: 1
min: interieur 8, transports 2
tete: accidents | permis de conduire
topic: Examen du permis de conduire => les délais d'attente pour l'examen du permis de conduire
topic: Radars automatiques => l'implantation des radars automatiques
topic: Mortalité routière => la mortalité sur les routes départementales
act: les candidats au permis de conduire | les auto-écoles | les automobilistes | les motards
obj: les places d'examen du permis de conduire | les radars automatiques | la limitation de vitesse | l'état des routes
mes: le plan interministériel de sécurité routière | la réforme du permis de conduire
but: réduire la mortalité routière | raccourcir les délais d'examen du permis de conduire
fait: En {annee}, plus de {nombre} personnes ont perdu la vie sur les routes de France.
code: code de la route

== justice
w: 2
min: justice 10
tete: tribunaux | fonctionnement
topic: Délais de jugement => les délais de jugement
topic: Greffiers => la situation des greffiers
topic: Tribunaux de proximité => l'avenir des tribunaux de proximité
topic: Aide juridictionnelle => la revalorisation de l'aide juridictionnelle
act: les justiciables | les magistrats | les greffiers | les avocats
obj: les délais de jugement | l'aide juridictionnelle | les effectifs de greffe | la carte judiciaire
mes: la loi d'orientation et de programmation de la justice | le plan d'action pour la justice
but: réduire les délais de jugement | rapprocher la justice des citoyens
fait: Le délai moyen de traitement des affaires civiles dépasse désormais {jours} jours dans certaines juridictions.
rep: Les effectifs des juridictions seront renforcés de 10 000 agents, dont 1 500 magistrats et 1 800 greffiers.
code: code de l'organisation judiciaire

== lieux de privation de liberté
w: 0.7
min: justice 10
tete: prisons | surpopulation carcérale
topic: Surpopulation carcérale => la surpopulation carcérale
topic: Surveillants pénitentiaires => les conditions de travail des surveillants pénitentiaires
topic: Construction de places de prison => le programme de construction de places de prison
act: les surveillants pénitentiaires | les détenus | les personnels pénitentiaires | les contrôleurs
obj: la surpopulation carcérale | les établissements pénitentiaires | la réinsertion des détenus | les téléphones portables en détention
mes: le programme de 15 000 places de prison | le plan de sécurisation des établissements pénitentiaires
but: lutter contre la surpopulation carcérale | améliorer la sécurité des personnels pénitentiaires
fait: Le taux d'occupation de certaines maisons d'arrêt dépasse {pct} %.
code: code pénitentiaire

== professions judiciaires et juridiques
w: 0.5
min: justice 10
tete: avocats | notaires | huissiers
topic: Commissaires de justice => la réforme des commissaires de justice
topic: Rémunération des avocats commis d'office => la rémunération des avocats commis d'office
act: les avocats | les notaires | les commissaires de justice | les experts judiciaires
obj: les tarifs réglementés | l'aide juridictionnelle | la carte d'installation des notaires
mes: la réforme des professions réglementées | le barème de l'aide juridictionnelle
but: garantir l'accès au droit | préserver le maillage territorial des professions juridiques
fait: Certains barreaux ont voté une grève des commissions d'office pour protester contre la faiblesse des rétributions.
code: code de procédure civile

== crimes, délits et contraventions
w: 1
min: justice 6, interieur 4
tete: délinquance | sanctions
topic: Escroqueries en ligne => la recrudescence des escroqueries en ligne
topic: Violences intrafamiliales => la lutte contre les violences intrafamiliales
topic: Amendes forfaitaires délictuelles => le recouvrement des amendes forfaitaires délictuelles
act: les victimes | les enquêteurs | les parquets | les associations d'aide aux victimes
obj: les plaintes en ligne | l'amende forfaitaire délictuelle | les bracelets anti-rapprochement | la cybercriminalité
mes: la plateforme de signalement Pharos | le bracelet anti-rapprochement
but: améliorer la prise en charge des victimes | sanctionner plus efficacement la délinquance
fait: Le nombre d'escroqueries déclarées a progressé de {pct} % en {annee}.
code: code pénal

== droits fondamentaux
w: 0.7
min: justice 5, citoyennete 3, interieur 2
tete: libertés publiques | discriminations
topic: Lutte contre les discriminations => la lutte contre les discriminations
topic: Liberté d'expression => la protection de la liberté d'expression
topic: Laïcité => le respect du principe de laïcité
act: les associations de défense des droits | les victimes de discriminations | les citoyens | les délégués du Défenseur des droits
obj: les discriminations à l'embauche | les contrôles d'identité | la laïcité | la protection des lanceurs d'alerte
mes: le plan national de lutte contre le racisme, l'antisémitisme et les discriminations
but: garantir l'égalité de traitement | lutter contre toutes les formes de discrimination
fait: Les actes antisémites et racistes recensés ont augmenté de {pct} % en {annee}.
code: code pénal

== outre-mer
w: 1.5
min: outre_mer 8, interieur 2
tete: vie chère | Mayotte | Nouvelle-Calédonie
topic: Vie chère dans les outre-mer => la vie chère dans les territoires d'outre-mer
topic: Accès à l'eau à Mayotte => l'accès à l'eau potable à Mayotte
topic: Continuité territoriale => la continuité territoriale
topic: Sargasses => les échouements de sargasses aux Antilles
act: les ultramarins | les habitants de Mayotte | les collectivités d'outre-mer | les entreprises ultramarines
obj: l'octroi de mer | la continuité territoriale | le prix des billets d'avion | les sargasses
mes: le comité interministériel des outre-mer | le fonds exceptionnel d'investissement
but: lutter contre la vie chère outre-mer | garantir la continuité territoriale
fait: Les prix des produits alimentaires y sont supérieurs de {pct} % à ceux de l'Hexagone.
code: code général des collectivités territoriales

== politique extérieure
w: 1.5
min: affaires_etrangeres 10
tete: relations bilatérales | droits de l'homme
topic: Situation au Proche-Orient => la situation humanitaire au Proche-Orient
topic: Ressortissants français détenus à l'étranger => la situation des ressortissants français détenus à l'étranger
topic: Arménie => la situation au Haut-Karabagh et le soutien à l'Arménie
topic: Ukraine => le soutien de la France à l'Ukraine
act: les ressortissants français | les organisations non gouvernementales | les diplomates | les populations civiles
obj: l'aide humanitaire | les sanctions internationales | le réseau diplomatique | la protection consulaire
mes: la stratégie humanitaire de la France | le centre de crise et de soutien
but: défendre les droits de l'homme | protéger les ressortissants français à l'étranger
fait: Plusieurs organisations internationales ont dénoncé de graves violations du droit international humanitaire.
rep: La France a constamment appelé au respect du droit international humanitaire et à la protection des populations civiles.
code: code des relations entre le public et l'administration

== français de l'étranger
w: 0.7
min: affaires_etrangeres 9, economie 1
tete: consulats | scolarité
topic: Réseau consulaire => la réduction du réseau consulaire
topic: Bourses scolaires => les bourses scolaires de l'enseignement français à l'étranger
act: les Français établis hors de France | les familles expatriées | les conseillers des Français de l'étranger | les consulats
obj: les bourses scolaires | les frais de scolarité | les services consulaires | la délivrance des certificats de vie
mes: l'Agence pour l'enseignement français à l'étranger | le service France consulaire
but: améliorer les services rendus aux Français de l'étranger | garantir l'accès à l'enseignement français à l'étranger
fait: Les frais de scolarité dans les établissements français à l'étranger ont augmenté de {pct} % en cinq ans.
code: code de l'éducation

== union européenne
w: 0.7
min: europe 6, affaires_etrangeres 4
tete: institutions | politiques communautaires
topic: Accord avec le Mercosur => l'accord de libre-échange entre l'Union européenne et le Mercosur
topic: Budget européen => la contribution de la France au budget de l'Union européenne
act: les agriculteurs | les entreprises françaises | les citoyens européens | les parlementaires européens
obj: les accords de libre-échange | le budget européen | les fonds structurels | la clause de sauvegarde
mes: le plan de relance européen | le pacte vert pour l'Europe
but: défendre les intérêts français au sein de l'Union européenne | garantir la réciprocité des normes
fait: Le projet d'accord suscite l'inquiétude de nombreuses filières agricoles.
code: traité sur le fonctionnement de l'Union européenne

== frontaliers
w: 0.4
min: economie 4, travail 3, affaires_etrangeres 3
tete: travailleurs frontaliers | fiscalité
topic: Télétravail des frontaliers => le télétravail des travailleurs frontaliers
topic: Assurance chômage des frontaliers => l'indemnisation chômage des travailleurs frontaliers
act: les travailleurs frontaliers | les employeurs suisses | les communes frontalières | les caisses de sécurité sociale
obj: la fiscalité des frontaliers | le télétravail transfrontalier | la compensation financière genevoise
mes: l'accord-cadre sur le télétravail transfrontalier | la convention fiscale bilatérale
but: sécuriser la situation des travailleurs frontaliers | clarifier les règles applicables au télétravail
fait: Plus de {nombre} travailleurs frontaliers résident dans les départements limitrophes.
code: code général des impôts

== impôt sur le revenu
w: 1.5
min: economie 6, comptes_publics 4
tete: calcul | quotient familial | crédit d'impôt
topic: Demi-part des veuves => le rétablissement de la demi-part fiscale des veuves
topic: Crédit d'impôt pour l'emploi d'un salarié à domicile => le crédit d'impôt pour l'emploi d'un salarié à domicile
topic: Prélèvement à la source => les difficultés liées au prélèvement à la source
act: les contribuables | les retraités | les familles | les veuves
obj: le quotient familial | la demi-part fiscale | le prélèvement à la source | les frais réels
mes: le prélèvement à la source | le barème de l'impôt sur le revenu
but: garantir l'équité fiscale | simplifier les démarches des contribuables
fait: La suppression de cette demi-part a rendu imposables de nombreux foyers aux revenus modestes.
code: code général des impôts

== impôts et taxes
w: 1.5
min: comptes_publics 6, economie 4
tete: politique fiscale | droits de succession
topic: Droits de succession => le montant des droits de succession
topic: Taxe sur les carburants => la fiscalité des carburants
topic: Fraude fiscale => la lutte contre la fraude fiscale
act: les contribuables | les héritiers | les entreprises | les artisans
obj: les droits de succession | la fiscalité des carburants | les niches fiscales | la fraude fiscale
mes: le plan de lutte contre les fraudes | la loi de finances
but: garantir un système fiscal plus juste | lutter contre la fraude fiscale
fait: Le rendement de cette taxe a atteint {montant} millions d'euros en {annee}.
code: code général des impôts

== impôts locaux
w: 1
min: comptes_publics 6, cohesion_territoires 4
tete: taxe foncière | taxe d'habitation
topic: Taxe foncière => la forte hausse de la taxe foncière
topic: Taxe d'habitation sur les résidences secondaires => la taxe d'habitation sur les résidences secondaires
topic: Révision des valeurs locatives => la révision des valeurs locatives
act: les propriétaires | les retraités propriétaires | les communes | les contribuables locaux
obj: la taxe foncière | les valeurs locatives cadastrales | la taxe d'habitation sur les résidences secondaires | la compensation de la suppression de la taxe d'habitation
mes: la révision des valeurs locatives | le service Gérer mes biens immobiliers
but: préserver le pouvoir d'achat des propriétaires | garantir des ressources stables aux communes
fait: Dans certaines communes, la taxe foncière a augmenté de plus de {pct} % en deux ans.
code: code général des impôts

== tva
w: 0.6
min: comptes_publics 7, economie 3
tete: taux | assujettissement
topic: Taux de TVA => le taux de TVA applicable aux travaux de rénovation
topic: Franchise en base de TVA => l'abaissement du seuil de franchise en base de TVA
act: les auto-entrepreneurs | les artisans | les consommateurs | les entreprises du bâtiment
obj: le taux réduit de TVA | la franchise en base | la facturation électronique | le taux intermédiaire
mes: la réforme de la facturation électronique | la directive européenne relative aux taux de TVA
but: soutenir l'activité des petites entreprises | simplifier les obligations déclaratives
fait: L'abaissement du seuil de franchise concernerait plus de {nombre} micro-entrepreneurs.
code: code général des impôts

== banques et établissements financiers
w: 0.7
min: economie 10
tete: crédit | frais bancaires
topic: Frais bancaires => le niveau des frais bancaires
topic: Fermeture des distributeurs automatiques => la disparition des distributeurs automatiques de billets
topic: Fraude à la carte bancaire => la fraude aux moyens de paiement
act: les clients des banques | les personnes en situation de fragilité financière | les commerçants | les épargnants
obj: les frais d'incidents bancaires | les distributeurs automatiques de billets | le livret A | le crédit immobilier
mes: l'observatoire de l'inclusion bancaire | le plafonnement des frais d'incidents
but: protéger les clients des banques | maintenir l'accès aux espèces
fait: Plus de {nombre} distributeurs automatiques de billets ont disparu en cinq ans.
code: code monétaire et financier

== assurances
w: 0.8
min: economie 10
tete: assurance habitation | assurance emprunteur
topic: Assurance des collectivités => les difficultés des collectivités à s'assurer
topic: Assurance emprunteur => la résiliation de l'assurance emprunteur
topic: Retrait-gonflement des argiles => l'indemnisation des dommages liés au retrait-gonflement des argiles
act: les assurés | les maires | les propriétaires | les emprunteurs
obj: les contrats d'assurance | les primes d'assurance | l'assurance emprunteur | le régime des catastrophes naturelles
mes: la loi relative à l'assurance emprunteur | le régime d'indemnisation des catastrophes naturelles
but: garantir l'assurabilité des collectivités | protéger les assurés
fait: Certaines communes ont vu leur contrat résilié sans qu'aucun assureur accepte de les couvrir.
code: code des assurances

== entreprises
w: 1.5
min: economie 7, pme_commerce_artisanat 3
tete: PME | défaillances | délais de paiement
topic: Délais de paiement => le respect des délais de paiement
topic: Défaillances d'entreprises => la hausse des défaillances d'entreprises
topic: Transmission d'entreprise => la transmission des petites entreprises
act: les chefs d'entreprise | les petites et moyennes entreprises | les très petites entreprises | les experts-comptables
obj: les délais de paiement | les prêts garantis par l'État | la transmission d'entreprise | les normes administratives
mes: le plan de simplification de la vie des entreprises | le dispositif de médiation des entreprises
but: soutenir la trésorerie des entreprises | simplifier la vie des entreprises
fait: Les défaillances d'entreprises ont progressé de {pct} % sur un an.
code: code de commerce

== commerce et artisanat
w: 1.2
min: pme_commerce_artisanat 7, economie 3
tete: artisans | commerce de centre-ville
topic: Boulangeries => la situation des boulangeries artisanales
topic: Commerce de centre-ville => la dévitalisation des centres-villes
topic: Chambres de métiers => le financement des chambres de métiers et de l'artisanat
act: les artisans | les commerçants | les boulangers | les chambres de métiers et de l'artisanat
obj: les prix de l'énergie | les loyers commerciaux | les plateformes de vente en ligne | l'apprentissage dans l'artisanat
mes: le plan de soutien au commerce de proximité | le programme Action cœur de ville
but: préserver le commerce de proximité | soutenir les artisans
fait: Les factures d'énergie de certains artisans ont été multipliées par trois.
code: code de commerce

== consommation
w: 1
min: economie 6, pme_commerce_artisanat 4
tete: protection des consommateurs | démarchage
topic: Démarchage téléphonique => le démarchage téléphonique abusif
topic: Obsolescence programmée => la lutte contre l'obsolescence programmée
topic: Shrinkflation => la pratique de la réduflation
act: les consommateurs | les associations de consommateurs | les personnes âgées | les commerçants
obj: le démarchage téléphonique | la liste Bloctel | les arnaques en ligne | l'indice de réparabilité
mes: la liste d'opposition au démarchage téléphonique | le contrôle de la direction générale de la concurrence, de la consommation et de la répression des fraudes
but: mieux protéger les consommateurs | lutter contre les pratiques commerciales trompeuses
fait: Malgré leur inscription sur la liste d'opposition, de nombreux consommateurs continuent d'être sollicités plusieurs fois par jour.
code: code de la consommation

== industrie
w: 1
min: industrie 6, economie 4
tete: politique industrielle | fermetures de sites
topic: Fermeture de sites industriels => la fermeture de sites industriels
topic: Réindustrialisation => la réindustrialisation du pays
topic: Industrie automobile => l'avenir de la filière automobile
act: les salariés de l'industrie | les sous-traitants | les industriels | les bassins d'emploi
obj: le coût de l'énergie | les délocalisations | les aides à la réindustrialisation | les sites industriels
mes: le plan France 2030 | le dispositif Territoires d'industrie
but: accélérer la réindustrialisation | préserver les emplois industriels
fait: La fermeture annoncée du site menace près de {nombre} emplois directs et indirects.
code: code de l'environnement

== économie sociale et solidaire
w: 0.5
min: pme_commerce_artisanat 5, economie 5
tete: structures | financement
topic: Structures de l'insertion par l'activité économique => le financement des structures d'insertion par l'activité économique
topic: Entreprises adaptées => l'avenir des entreprises adaptées
act: les acteurs de l'économie sociale et solidaire | les coopératives | les entreprises d'insertion | les bénévoles
obj: les contrats à impact social | l'agrément entreprise solidaire d'utilité sociale | les subventions aux structures
mes: le pacte de croissance de l'économie sociale et solidaire
but: soutenir l'économie sociale et solidaire | pérenniser les structures d'insertion
fait: Plusieurs structures ont dû réduire leur activité faute de visibilité sur leurs financements.
code: code du travail

== tourisme et loisirs
w: 0.8
min: tourisme 5, pme_commerce_artisanat 3, economie 2
tete: hôtellerie | locations meublées
topic: Meublés de tourisme => la régulation des meublés de tourisme
topic: Stations de montagne => l'avenir des stations de moyenne montagne
topic: Hôtellerie de plein air => la situation de l'hôtellerie de plein air
act: les hôteliers | les professionnels du tourisme | les stations de ski | les propriétaires de meublés
obj: les locations de courte durée | la taxe de séjour | l'enneigement | les saisonniers
mes: la loi visant à renforcer les outils de régulation des meublés de tourisme | le plan Avenir montagnes
but: accompagner la transition des stations de montagne | réguler les meublés de tourisme
fait: Dans certaines communes touristiques, plus de {pct} % des logements sont loués en meublés de tourisme.
code: code du tourisme

== énergie et carburants
w: 1.5
min: transition_ecologique 5, energie 3, economie 2
tete: électricité | carburants | énergies renouvelables
topic: Prix de l'électricité => la hausse du prix de l'électricité
topic: Chèque énergie => l'attribution du chèque énergie
topic: Éoliennes => l'implantation des éoliennes terrestres
topic: Prix des carburants => le prix des carburants
act: les ménages | les collectivités | les boulangers | les riverains de parcs éoliens
obj: le tarif réglementé de vente d'électricité | le chèque énergie | les parcs éoliens | le bouclier tarifaire
mes: le bouclier tarifaire | le chèque énergie | la programmation pluriannuelle de l'énergie
but: protéger les ménages de la hausse des prix de l'énergie | accélérer le développement des énergies renouvelables
fait: Le prix de l'électricité a augmenté de {pct} % en deux ans pour les particuliers.
fait: Les projets éoliens suscitent une opposition croissante des riverains, qui dénoncent l'atteinte aux paysages.
code: code de l'énergie

== environnement
w: 1.5
min: transition_ecologique 10
tete: protection | biodiversité
topic: Biodiversité => l'érosion de la biodiversité
topic: Espèces invasives => la prolifération du frelon asiatique
topic: Zones humides => la préservation des zones humides
act: les associations environnementales | les apiculteurs | les collectivités | les naturalistes
obj: la biodiversité | le frelon asiatique | les zones humides | les espèces protégées
mes: la stratégie nationale pour la biodiversité | le plan national de lutte contre le frelon asiatique
but: préserver la biodiversité | lutter contre les espèces exotiques envahissantes
fait: Le frelon asiatique détruirait chaque année près de {pct} % des colonies d'abeilles dans certaines régions.
code: code de l'environnement

== pollution
w: 0.8
min: transition_ecologique 8, sante 2
tete: air | sols | produits chimiques
topic: PFAS => la contamination aux substances per- et polyfluoroalkylées
topic: Qualité de l'air => la qualité de l'air
topic: Pollution des sols => la pollution des sols
act: les riverains | les collectivités | les associations de santé environnementale | les industriels
obj: les polluants éternels | la qualité de l'air | les sites et sols pollués | les rejets industriels
mes: le plan interministériel sur les PFAS | le plan national santé environnement
but: réduire l'exposition de la population aux polluants | renforcer la surveillance des rejets industriels
fait: Des concentrations supérieures aux valeurs de référence ont été relevées dans plusieurs communes.
code: code de l'environnement

== eau et assainissement
w: 0.8
min: transition_ecologique 8, cohesion_territoires 2
tete: eau potable | assainissement
topic: Qualité de l'eau potable => la qualité de l'eau potable
topic: Sécheresse => la gestion de la ressource en eau en période de sécheresse
topic: Transfert de la compétence eau => le transfert de la compétence eau et assainissement
act: les communes | les syndicats des eaux | les agriculteurs irrigants | les usagers
obj: les restrictions d'eau | les retenues de substitution | les fuites sur les réseaux | le prix de l'eau
mes: le plan eau | les agences de l'eau
but: garantir l'accès de tous à une eau de qualité | sécuriser la ressource en eau
fait: Près de {pct} % de l'eau potable serait perdue en raison de fuites sur les réseaux.
code: code de l'environnement

== déchets
w: 0.6
min: transition_ecologique 10
tete: recyclage | collecte
topic: Dépôts sauvages => la lutte contre les dépôts sauvages
topic: Consigne des emballages => la consigne des bouteilles en plastique
topic: Taxe générale sur les activités polluantes => la hausse de la taxe générale sur les activités polluantes
act: les collectivités | les maires | les éco-organismes | les usagers
obj: les dépôts sauvages | la responsabilité élargie du producteur | la taxe générale sur les activités polluantes | les déchetteries
mes: la loi relative à la lutte contre le gaspillage et à l'économie circulaire | la filière de responsabilité élargie du producteur
but: réduire les déchets | lutter contre les dépôts sauvages
fait: Le coût de l'enlèvement des dépôts sauvages pèse lourdement sur les budgets communaux.
code: code de l'environnement

== mer et littoral
w: 0.6
min: mer 5, transition_ecologique 5
tete: érosion | littoral
topic: Érosion du trait de côte => le recul du trait de côte
topic: Sauvetage en mer => le financement du sauvetage en mer
act: les communes littorales | les propriétaires riverains | les sauveteurs en mer | les plaisanciers
obj: le recul du trait de côte | les ports de plaisance | le domaine public maritime
mes: la stratégie nationale de gestion intégrée du trait de côte
but: accompagner les communes littorales face à l'érosion | protéger le littoral
fait: Plusieurs habitations menacées par l'érosion ont dû être évacuées en {annee}.
code: code de l'environnement

== catastrophes naturelles
w: 0.8
min: interieur 6, transition_ecologique 4
tete: indemnisation | reconnaissance
topic: Reconnaissance de l'état de catastrophe naturelle => les critères de reconnaissance de l'état de catastrophe naturelle
topic: Inondations => l'indemnisation des victimes des inondations
act: les sinistrés | les maires | les propriétaires | les agriculteurs sinistrés
obj: l'arrêté de reconnaissance | le fonds de prévention des risques naturels majeurs | les fissures des maisons
mes: le fonds Barnier | le fonds de solidarité en faveur des collectivités
but: mieux indemniser les sinistrés | prévenir les risques naturels
fait: De nombreuses communes se sont vu refuser la reconnaissance de l'état de catastrophe naturelle malgré d'importants dégâts.
code: code des assurances

== transports
w: 1
min: transports 10
tete: mobilités | infrastructures
topic: Transports en milieu rural => les mobilités dans les territoires ruraux
topic: Trains de nuit => le développement des trains de nuit
act: les usagers | les autorités organisatrices de la mobilité | les habitants des territoires ruraux | les collectivités
obj: les transports collectifs | le versement mobilité | les mobilités douces | les infrastructures de transport
mes: la loi d'orientation des mobilités | le plan vélo
but: garantir une offre de mobilité sur l'ensemble du territoire | développer les mobilités décarbonées
fait: Dans de nombreux territoires, l'absence d'alternative à la voiture individuelle pénalise les ménages modestes.
code: code des transports

== transports ferroviaires
w: 0.8
min: transports 10
tete: SNCF | lignes
topic: Petites lignes ferroviaires => l'avenir des petites lignes ferroviaires
topic: Retards des trains => la multiplication des retards sur les lignes régionales
act: les usagers | les cheminots | les régions | les associations d'usagers
obj: les petites lignes ferroviaires | le fret ferroviaire | le prix des billets de train | la régularité des trains
mes: le plan d'investissement dans le réseau ferroviaire | le contrat de performance
but: moderniser le réseau ferroviaire | améliorer la régularité des trains
fait: Le taux de régularité de cette ligne n'a pas dépassé {pct} % au cours de l'année {annee}.
code: code des transports

== transports routiers
w: 0.5
min: transports 10
tete: poids lourds | routes
topic: Conducteurs routiers => la pénurie de conducteurs routiers
topic: Routes nationales => l'entretien des routes nationales
act: les transporteurs routiers | les conducteurs | les départements | les riverains
obj: les routes nationales | l'écotaxe | les aires de repos | le transit des poids lourds
mes: le programme de modernisation des itinéraires routiers
but: améliorer l'état du réseau routier | soutenir le transport routier
fait: Le transit des poids lourds sur cet axe dépasse {nombre} véhicules par jour.
code: code de la route

== automobiles
w: 0.6
min: transports 4, transition_ecologique 4, industrie 2
tete: véhicules électriques | zones à faibles émissions
topic: Zones à faibles émissions => la mise en place des zones à faibles émissions
topic: Bornes de recharge => le déploiement des bornes de recharge électrique
act: les automobilistes | les ménages modestes | les artisans | les concessionnaires
obj: les zones à faibles émissions | le bonus écologique | la prime à la conversion | le leasing social
mes: le bonus écologique | le leasing social
but: accompagner les ménages dans la transition vers les véhicules propres | développer les bornes de recharge
fait: Les ménages modestes ne peuvent pas acquérir un véhicule électrique malgré les aides existantes.
code: code de la route

== logement
w: 2
min: logement 8, cohesion_territoires 2
tete: logement social | location
topic: Logement social => la pénurie de logements sociaux
topic: Diagnostic de performance énergétique => les conséquences du diagnostic de performance énergétique
topic: Crise du logement => la crise du logement
act: les locataires | les bailleurs sociaux | les propriétaires bailleurs | les demandeurs de logement
obj: le diagnostic de performance énergétique | les logements vacants | l'encadrement des loyers | la construction de logements neufs
mes: la loi relative à la solidarité et au renouvellement urbains | le plan Logement d'abord
but: relancer la construction de logements | faciliter l'accès au logement des ménages modestes
fait: Plus de {nombre} ménages sont en attente d'un logement social dans le département.
fait: La construction de logements neufs a chuté de {pct} % en deux ans.
code: code de la construction et de l'habitation

== logement : aides et prêts
w: 1
min: logement 8, economie 2
tete: aides personnelles | prêt à taux zéro | rénovation
topic: MaPrimeRénov' => les dysfonctionnements de MaPrimeRénov'
topic: Prêt à taux zéro => le recentrage du prêt à taux zéro
topic: Aides personnelles au logement => le calcul des aides personnelles au logement
act: les ménages | les artisans du bâtiment | les primo-accédants | les étudiants
obj: MaPrimeRénov' | le prêt à taux zéro | les aides personnelles au logement | la rénovation énergétique
mes: le dispositif MaPrimeRénov' | le prêt à taux zéro
but: accélérer la rénovation énergétique des logements | faciliter l'accession à la propriété
fait: Certains dossiers de demande d'aide sont bloqués depuis plus de {jours} jours.
code: code de la construction et de l'habitation

== urbanisme
w: 0.8
min: logement 5, cohesion_territoires 5
tete: permis de construire | documents d'urbanisme
topic: Permis de construire => l'instruction des permis de construire
topic: Plan local d'urbanisme intercommunal => l'élaboration des plans locaux d'urbanisme intercommunaux
act: les maires | les services instructeurs | les porteurs de projet | les propriétaires
obj: les autorisations d'urbanisme | le plan local d'urbanisme | les recours abusifs | les constructions illégales
mes: la dématérialisation des autorisations d'urbanisme | la loi Climat et résilience
but: simplifier les procédures d'urbanisme | lutter contre les constructions illégales
fait: Les délais d'instruction des autorisations d'urbanisme se sont considérablement allongés.
code: code de l'urbanisme

== bâtiment et travaux publics
w: 0.6
min: logement 5, economie 5
tete: activité | emploi
topic: Crise du bâtiment => la crise du secteur du bâtiment
topic: Réglementation environnementale => l'application de la réglementation environnementale des bâtiments neufs
act: les entreprises du bâtiment | les artisans | les promoteurs | les salariés du secteur
obj: les carnets de commandes | la réglementation environnementale | le coût des matériaux | la commande publique
mes: la réglementation environnementale 2020 | le plan de soutien au bâtiment
but: soutenir l'activité du bâtiment | préserver l'emploi dans le secteur
fait: Les carnets de commandes des entreprises du bâtiment ont reculé de {pct} % en un an.
code: code de la construction et de l'habitation

== santé
w: 4
min: sante 10
tete: accès aux soins | politique de la santé
topic: Déserts médicaux => la progression des déserts médicaux
topic: Accès aux soins => les difficultés d'accès aux soins
topic: Santé mentale => la prise en charge de la santé mentale
topic: Médecins traitants => le nombre de patients sans médecin traitant
act: les patients | les médecins généralistes | les élus locaux | les personnes sans médecin traitant
obj: la démographie médicale | les centres de santé | la permanence des soins | les dépassements d'honoraires
mes: le pacte de lutte contre les déserts médicaux | la stratégie nationale de santé
but: améliorer l'accès aux soins dans les territoires | lutter contre les déserts médicaux
fait: Dans le département, près de {pct} % des habitants n'ont plus de médecin traitant.
fait: Les délais pour obtenir un rendez-vous chez un spécialiste dépassent parfois {jours} jours.
rep: Le nombre d'étudiants admis en deuxième année des études de médecine a augmenté de plus de 20 % depuis la suppression du numerus clausus.
code: code de la santé publique

== établissements de santé
w: 2.5
min: sante 10
tete: hôpitaux | urgences | maternités
topic: Services d'urgences => la fermeture temporaire de services d'urgences
topic: Hôpitaux de proximité => l'avenir des hôpitaux de proximité
topic: Fermeture des maternités => la fermeture des maternités
topic: Financement des hôpitaux => le financement des hôpitaux publics
act: les patients | les soignants | les directeurs d'hôpital | les élus du territoire
obj: les services d'urgences | les maternités | la tarification à l'activité | les lits d'hospitalisation
mes: le Ségur de la santé | le plan d'investissement dans les établissements de santé
but: garantir l'accès aux urgences sur tout le territoire | soutenir l'hôpital public
fait: Le service des urgences de l'hôpital a dû fermer ses portes à plusieurs reprises faute de médecins.
fait: Les hôpitaux de proximité peinent à recruter, et de nombreux lits restent fermés.
rep: Les agences régionales de santé accompagnent les établissements dans l'organisation de la permanence des soins.
code: code de la santé publique

== professions de santé
w: 2
min: sante 10
tete: infirmiers | médecins | pharmaciens
topic: Infirmiers => la revalorisation de la profession infirmière
topic: Médecins à diplôme étranger => la situation des praticiens à diplôme hors Union européenne
topic: Kinésithérapeutes => l'accès direct aux masseurs-kinésithérapeutes
act: les infirmiers | les praticiens à diplôme hors Union européenne | les masseurs-kinésithérapeutes | les orthophonistes
obj: les actes infirmiers | la nomenclature des actes | la formation des professionnels de santé | les conventions avec l'assurance maladie
mes: la convention médicale | la réforme de la profession infirmière
but: renforcer l'attractivité des professions de santé | reconnaître les compétences des soignants
fait: Les tarifs de certains actes n'ont pas été revalorisés depuis {annee}.
code: code de la santé publique

== pharmacie et médicaments
w: 1.2
min: sante 10
tete: pénuries | officines
topic: Pénuries de médicaments => les pénuries de médicaments
topic: Pharmacies rurales => la fermeture des pharmacies en milieu rural
act: les pharmaciens | les patients | les industriels du médicament | les grossistes-répartiteurs
obj: les pénuries de médicaments | les officines rurales | les médicaments génériques | la production de médicaments en France
mes: la feuille de route de lutte contre les pénuries de médicaments | la liste des médicaments essentiels
but: garantir l'approvisionnement en médicaments | relocaliser la production de médicaments
fait: Plus de {nombre} ruptures de stock ont été signalées en {annee}.
code: code de la santé publique

== médecine
w: 0.7
min: sante 10
tete: maladies rares | recherche médicale
topic: Endométriose => la prise en charge de l'endométriose
topic: Maladies rares => le diagnostic des maladies rares
act: les patients | les associations de patients | les médecins spécialistes | les chercheurs
obj: l'errance diagnostique | les centres de référence | les essais cliniques | les traitements innovants
mes: le plan national maladies rares | la stratégie nationale de lutte contre l'endométriose
but: réduire l'errance diagnostique | améliorer la prise en charge des patients
fait: Le délai moyen de diagnostic atteint encore {jours} jours pour certaines pathologies.
code: code de la santé publique

== fin de vie et soins palliatifs
w: 0.5
min: sante 10
tete: soins palliatifs
topic: Soins palliatifs => l'accès aux soins palliatifs
act: les patients en fin de vie | les équipes mobiles de soins palliatifs | les familles | les bénévoles d'accompagnement
obj: les unités de soins palliatifs | les directives anticipées | l'accompagnement des aidants
mes: la stratégie décennale des soins d'accompagnement
but: garantir l'accès de tous aux soins palliatifs | mieux accompagner la fin de vie
fait: Plusieurs départements ne disposent toujours d'aucune unité de soins palliatifs.
code: code de la santé publique

== maladies
w: 1
min: sante 10
tete: cancer | maladies chroniques
topic: Cancers pédiatriques => la recherche sur les cancers pédiatriques
topic: Maladie de Lyme => la prise en charge de la maladie de Lyme
topic: Covid long => la prise en charge du covid long
act: les malades | les associations de patients | les familles | les chercheurs
obj: le dépistage | la recherche | les protocoles de soins | le remboursement des traitements
mes: la stratégie décennale de lutte contre les cancers | le plan national de prévention
but: améliorer la prise en charge des malades | renforcer la recherche
fait: Chaque année, près de {nombre} nouveaux cas sont diagnostiqués en France.
code: code de la santé publique

== sécurité sociale
w: 1.2
min: sante 5, comptes_publics 3, travail 2
tete: cotisations | prestations | fraude
topic: Fraude sociale => la lutte contre la fraude sociale
topic: Arrêts de travail => le contrôle des arrêts de travail
topic: Complémentaires santé => la hausse des tarifs des complémentaires santé
act: les assurés sociaux | les caisses primaires d'assurance maladie | les employeurs | les retraités
obj: les cotisations sociales | la fraude aux prestations | les indemnités journalières | la complémentaire santé solidaire
mes: la loi de financement de la sécurité sociale | le plan de lutte contre les fraudes sociales
but: garantir la pérennité de notre modèle de protection sociale | lutter contre la fraude sociale
fait: Le montant de la fraude sociale détectée aurait atteint {montant} millions d'euros en {annee}.
code: code de la sécurité sociale

== assurance maladie maternité
w: 1.2
min: sante 10
tete: remboursement | prestations
topic: Remboursement des soins dentaires => le remboursement des soins dentaires
topic: Franchises médicales => le doublement des franchises médicales
topic: Transport sanitaire => la prise en charge des transports sanitaires
act: les assurés | les patients atteints de maladies chroniques | les transporteurs sanitaires | les femmes enceintes
obj: les franchises médicales | le reste à charge | le remboursement des lunettes | les affections de longue durée
mes: le dispositif 100 % santé | la convention nationale
but: limiter le reste à charge des patients | garantir un égal accès aux soins
fait: Le reste à charge moyen des patients atteints de maladies chroniques dépasse {montant} euros par an.
code: code de la sécurité sociale

== personnes âgées
w: 1.5
min: solidarites 8, sante 2
tete: EHPAD | maintien à domicile
topic: EHPAD => la situation financière des EHPAD
topic: Aide à domicile => les difficultés de recrutement des services d'aide à domicile
topic: Isolement des personnes âgées => l'isolement des personnes âgées
act: les personnes âgées | les résidents d'EHPAD | les aides à domicile | les familles
obj: le reste à charge en EHPAD | l'allocation personnalisée d'autonomie | les services d'aide à domicile | le taux d'encadrement
mes: la loi portant mesures pour bâtir la société du bien vieillir | le plan de lutte contre la maltraitance
but: permettre aux personnes âgées de vieillir dignement | soutenir les services d'aide à domicile
fait: Près de {pct} % des EHPAD publics seraient aujourd'hui en situation de déficit.
code: code de l'action sociale et des familles

== handicapés
w: 1.5
min: personnes_handicapees 8, solidarites 2
tete: accueil | allocation aux adultes handicapés | scolarisation
topic: Accompagnants d'élèves en situation de handicap => la situation des accompagnants d'élèves en situation de handicap
topic: Maisons départementales des personnes handicapées => les délais de traitement des maisons départementales des personnes handicapées
topic: Accessibilité => l'accessibilité des bâtiments aux personnes handicapées
act: les personnes en situation de handicap | les familles | les accompagnants d'élèves en situation de handicap | les établissements médico-sociaux
obj: l'allocation aux adultes handicapés | la prestation de compensation du handicap | l'accessibilité | la scolarisation des enfants handicapés
mes: la conférence nationale du handicap | le plan de création de places en établissement
but: favoriser l'inclusion des personnes handicapées | réduire les délais de traitement des dossiers
fait: Les délais de traitement des dossiers dépassent {jours} jours dans certaines maisons départementales.
code: code de l'action sociale et des familles

== famille
w: 1
min: solidarites 10
tete: prestations familiales | petite enfance
topic: Modes de garde => le manque de places en crèche
topic: Pensions alimentaires => le recouvrement des pensions alimentaires
topic: Congé parental => la réforme du congé parental
act: les familles | les parents | les assistantes maternelles | les familles monoparentales
obj: les modes de garde | les allocations familiales | le congé parental | les pensions alimentaires
mes: le service public de la petite enfance | l'agence de recouvrement des impayés de pensions alimentaires
but: soutenir les familles | développer l'offre d'accueil du jeune enfant
fait: Il manquerait près de {nombre} places d'accueil pour les jeunes enfants.
code: code de l'action sociale et des familles

== enfants
w: 1
min: solidarites 6, justice 2, education_nationale 2
tete: protection de l'enfance | droits de l'enfant
topic: Aide sociale à l'enfance => la situation de l'aide sociale à l'enfance
topic: Protection de l'enfance => les défaillances de la protection de l'enfance
topic: Exposition des enfants aux écrans => l'exposition des jeunes enfants aux écrans
act: les enfants placés | les éducateurs | les départements | les familles d'accueil
obj: l'aide sociale à l'enfance | les placements | les écrans | les assistants familiaux
mes: la stratégie nationale de prévention et de protection de l'enfance
but: mieux protéger les enfants | garantir un accompagnement de qualité aux enfants placés
fait: Plusieurs centaines de décisions de placement ne seraient pas exécutées faute de places.
code: code de l'action sociale et des familles

== politique sociale
w: 1.2
min: solidarites 7, travail 3
tete: pauvreté | RSA
topic: Revenu de solidarité active => la réforme du revenu de solidarité active
topic: Précarité alimentaire => la précarité alimentaire
topic: Aidants familiaux => la reconnaissance des aidants familiaux
act: les bénéficiaires du revenu de solidarité active | les associations caritatives | les aidants | les travailleurs sociaux
obj: le revenu de solidarité active | l'aide alimentaire | les minima sociaux | le non-recours aux droits
mes: le pacte des solidarités | la stratégie nationale de prévention et de lutte contre la pauvreté
but: lutter contre la pauvreté | réduire le non-recours aux droits
fait: Les associations d'aide alimentaire ont vu le nombre de leurs bénéficiaires progresser de {pct} %.
code: code de l'action sociale et des familles

== retraites : généralités
w: 1.2
min: travail 6, comptes_publics 2, solidarites 2
tete: montant des pensions | réforme
topic: Revalorisation des pensions => la revalorisation des pensions de retraite
topic: Pensions de réversion => les conditions d'attribution des pensions de réversion
topic: Carrières longues => le dispositif de départ anticipé pour carrière longue
act: les retraités | les futurs retraités | les conjoints survivants | les assurés aux carrières longues
obj: les pensions de réversion | le minimum contributif | l'âge légal de départ | la revalorisation des pensions
mes: la réforme des retraites | le minimum contributif
but: préserver le pouvoir d'achat des retraités | garantir l'équité entre les régimes de retraite
fait: Près de {pct} % des retraités perçoivent une pension inférieure au seuil de pauvreté.
code: code de la sécurité sociale

== retraites : régime général
w: 0.8
min: travail 8, sante 2
tete: calcul des pensions | trimestres
topic: Trimestres d'apprentissage => la prise en compte des trimestres d'apprentissage
topic: Délais de liquidation des pensions => les délais de liquidation des pensions
act: les assurés | les anciens apprentis | les caisses d'assurance retraite | les mères de famille
obj: les trimestres validés | le relevé de carrière | la liquidation des pensions | les majorations pour enfants
mes: le répertoire de gestion des carrières unique | le simulateur de retraite
but: sécuriser le calcul des droits à la retraite | réduire les délais de liquidation
fait: Certains assurés attendent le versement de leur première pension depuis plus de {jours} jours.
code: code de la sécurité sociale

== travail
w: 1.2
min: travail 10
tete: conditions de travail | droit du travail
topic: Accidents du travail => la hausse des accidents du travail
topic: Médecine du travail => la pénurie de médecins du travail
topic: Télétravail => l'encadrement du télétravail
act: les salariés | les employeurs | les inspecteurs du travail | les représentants du personnel
obj: les accidents du travail | la médecine du travail | le compte professionnel de prévention | le télétravail
mes: le plan santé au travail | le compte professionnel de prévention
but: améliorer les conditions de travail | prévenir les accidents du travail
fait: Plus de {nombre} accidents du travail mortels ont été recensés en {annee}.
code: code du travail

== emploi et activité
w: 1.2
min: travail 9, economie 1
tete: chômage | France Travail
topic: Réforme de l'assurance chômage => la réforme de l'assurance chômage
topic: France Travail => la mise en place de France Travail
topic: Emploi des seniors => l'emploi des seniors
act: les demandeurs d'emploi | les seniors | les conseillers de France Travail | les employeurs
obj: l'assurance chômage | l'accompagnement des demandeurs d'emploi | les contrats aidés | l'emploi des seniors
mes: le réseau pour l'emploi | le contrat d'engagement jeune
but: atteindre le plein emploi | améliorer l'accompagnement des demandeurs d'emploi
fait: Le taux d'emploi des seniors reste inférieur de {pct} points à la moyenne européenne.
code: code du travail

== formation professionnelle et apprentissage
w: 0.8
min: travail 7, education_nationale 3
tete: apprentissage | compte personnel de formation
topic: Aides à l'apprentissage => la baisse des aides à l'embauche d'apprentis
topic: Compte personnel de formation => les abus liés au compte personnel de formation
act: les apprentis | les centres de formation d'apprentis | les employeurs | les organismes de formation
obj: l'aide à l'embauche d'apprentis | le compte personnel de formation | les niveaux de prise en charge | la qualité des formations
mes: la loi pour la liberté de choisir son avenir professionnel | la certification Qualiopi
but: soutenir le développement de l'apprentissage | garantir la qualité des formations
fait: Le nombre de contrats d'apprentissage signés a dépassé {nombre} en {annee}.
code: code du travail

== fonctionnaires et agents publics
w: 1
min: fonction_publique 8, comptes_publics 2
tete: rémunérations | carrière
topic: Point d'indice => la revalorisation du point d'indice
topic: Attractivité de la fonction publique => l'attractivité de la fonction publique
act: les fonctionnaires | les agents contractuels | les agents de catégorie C | les employeurs publics
obj: le point d'indice | la garantie individuelle du pouvoir d'achat | la protection sociale complémentaire | les jours de carence
mes: la réforme de la protection sociale complémentaire | l'accord sur les carrières
but: renforcer l'attractivité de la fonction publique | préserver le pouvoir d'achat des agents publics
fait: Le point d'indice a perdu près de {pct} % de sa valeur réelle depuis {annee}.
code: code général de la fonction publique

== fonction publique hospitalière
w: 0.6
min: sante 7, fonction_publique 3
tete: personnels | rémunérations
topic: Prime Ségur => l'extension de la prime Ségur
topic: Intérim médical => l'encadrement de l'intérim médical
act: les agents hospitaliers | les aides-soignants | les personnels administratifs des hôpitaux | les praticiens hospitaliers
obj: le complément de traitement indiciaire | l'intérim médical | les gardes de nuit | les ratios de soignants
mes: le Ségur de la santé | la loi visant à améliorer le système de santé par la confiance et la simplification
but: reconnaître l'engagement des agents hospitaliers | fidéliser les personnels
fait: Certains agents exclus du complément de traitement indiciaire vivent cette situation comme une injustice.
code: code général de la fonction publique

== fonction publique territoriale
w: 0.6
min: fonction_publique 6, cohesion_territoires 4
tete: recrutement | statut
topic: Secrétaires de mairie => la revalorisation des secrétaires de mairie
topic: Policiers municipaux => le régime indemnitaire des policiers municipaux
act: les agents territoriaux | les secrétaires de mairie | les centres de gestion | les collectivités employeuses
obj: le régime indemnitaire | la caisse nationale de retraites des agents des collectivités locales | la formation des agents territoriaux
mes: le Centre national de la fonction publique territoriale | la réforme du régime indemnitaire
but: renforcer l'attractivité des métiers territoriaux | soutenir les employeurs territoriaux
fait: La hausse des cotisations employeurs pèse lourdement sur les budgets des collectivités.
code: code général de la fonction publique

== enseignement
w: 2
min: education_nationale 10
tete: personnel | programmes
topic: Remplacement des enseignants absents => le remplacement des enseignants absents
topic: Attractivité du métier d'enseignant => la crise d'attractivité du métier d'enseignant
topic: Harcèlement scolaire => la lutte contre le harcèlement scolaire
topic: Uniforme à l'école => l'expérimentation de la tenue unique à l'école
act: les enseignants | les parents d'élèves | les chefs d'établissement | les élèves
obj: le remplacement des enseignants | les concours de recrutement | la rémunération des enseignants | le harcèlement scolaire
mes: le pacte enseignant | le programme pHARe
but: garantir la continuité du service public de l'éducation | renforcer l'attractivité du métier d'enseignant
fait: Plusieurs milliers d'heures de cours n'ont pu être assurées faute de remplaçants.
fait: Le nombre de candidats aux concours de recrutement a chuté de {pct} % en dix ans.
rep: Le ministère a engagé une revalorisation sans précédent de la rémunération des enseignants.
code: code de l'éducation

== enseignement maternel et primaire
w: 1.2
min: education_nationale 10
tete: fermetures de classes | écoles rurales
topic: Fermetures de classes => les fermetures de classes en milieu rural
topic: Dédoublement des classes => le dédoublement des classes de grande section
act: les écoles rurales | les parents d'élèves | les maires | les directeurs d'école
obj: la carte scolaire | les effectifs par classe | les regroupements pédagogiques intercommunaux | la direction d'école
mes: le dédoublement des classes en éducation prioritaire | le plan mathématiques
but: maintenir les écoles dans les territoires ruraux | améliorer la maîtrise des savoirs fondamentaux
fait: La rentrée prochaine devrait se traduire par la fermeture de {nombre} classes dans le département.
code: code de l'éducation

== enseignement secondaire
w: 1
min: education_nationale 10
tete: collèges | lycées | baccalauréat
topic: Groupes de niveau au collège => la mise en place des groupes de besoins au collège
topic: Réforme du lycée professionnel => la réforme du lycée professionnel
act: les collégiens | les lycéens | les professeurs | les familles
obj: les groupes de besoins | le lycée professionnel | le baccalauréat | Parcoursup
mes: le choc des savoirs | la réforme du lycée professionnel
but: élever le niveau des élèves | valoriser la voie professionnelle
fait: Les établissements ne disposent pas des moyens nécessaires pour constituer ces groupes.
code: code de l'éducation

== enseignement supérieur
w: 1
min: enseignement_superieur 10
tete: universités | étudiants
topic: Précarité étudiante => la précarité étudiante
topic: Parcoursup => le fonctionnement de Parcoursup
topic: Financement des universités => la situation financière des universités
act: les étudiants | les universités | les enseignants-chercheurs | les étudiants boursiers
obj: les bourses sur critères sociaux | le logement étudiant | la restauration universitaire | les budgets des universités
mes: le repas à un euro | la réforme des bourses sur critères sociaux
but: lutter contre la précarité étudiante | garantir la réussite de tous les étudiants
fait: Près de {pct} % des étudiants déclarent avoir déjà renoncé à un repas pour des raisons financières.
code: code de l'éducation

== recherche
w: 0.5
min: enseignement_superieur 10
tete: financement | chercheurs
topic: Financement de la recherche => le financement de la recherche publique
topic: Doctorants => la situation des doctorants
act: les chercheurs | les doctorants | les laboratoires | les organismes de recherche
obj: les crédits de recherche | l'Agence nationale de la recherche | le crédit d'impôt recherche | les contrats doctoraux
mes: la loi de programmation de la recherche | le crédit d'impôt recherche
but: renforcer l'attractivité de la recherche française | soutenir les jeunes chercheurs
fait: Le taux de succès aux appels à projets n'a pas dépassé {pct} % en {annee}.
code: code de la recherche

== jeunes
w: 0.7
min: jeunesse 6, education_nationale 2, travail 2
tete: insertion | engagement
topic: Service national universel => la généralisation du service national universel
topic: Santé mentale des jeunes => la santé mentale des jeunes
act: les jeunes | les missions locales | les associations d'éducation populaire | les volontaires du service civique
obj: le service civique | le service national universel | le contrat d'engagement jeune | l'accès des jeunes au permis de conduire
mes: le service civique | le pass Culture
but: favoriser l'insertion des jeunes | encourager l'engagement des jeunes
fait: Près de {pct} % des jeunes déclarent avoir connu un épisode de détresse psychologique.
code: code du service national

== sports
w: 1
min: sports 9, education_nationale 1
tete: équipements sportifs | clubs
topic: Équipements sportifs => la rénovation des équipements sportifs
topic: Clubs sportifs amateurs => les difficultés des clubs sportifs amateurs
topic: Héritage des Jeux olympiques => l'héritage des Jeux olympiques et paralympiques
act: les clubs sportifs | les bénévoles | les fédérations sportives | les sportifs de haut niveau
obj: les équipements sportifs | le Pass'Sport | l'Agence nationale du sport | la pratique sportive féminine
mes: le Pass'Sport | le plan 5 000 terrains de sport
but: développer la pratique sportive pour tous | soutenir le sport amateur
fait: De nombreux équipements sportifs construits dans les années 1970 nécessitent une rénovation urgente.
code: code du sport

== associations et fondations
w: 0.7
min: jeunesse 6, economie 2, interieur 2
tete: bénévolat | subventions
topic: Bénévolat => la crise du bénévolat associatif
topic: Subventions aux associations => le financement des associations
act: les associations | les bénévoles | les dirigeants associatifs | les fondations
obj: le fonds pour le développement de la vie associative | les subventions publiques | le mécénat | le compte d'engagement citoyen
mes: le fonds pour le développement de la vie associative | le compte d'engagement citoyen
but: soutenir la vie associative | reconnaître l'engagement bénévole
fait: Le nombre de bénévoles réguliers a reculé de {pct} % depuis {annee}.
code: code général des impôts

== culture
w: 1
min: culture 10
tete: politique culturelle | pass Culture
topic: Pass Culture => la réforme du pass Culture
topic: Bibliothèques => l'ouverture des bibliothèques le dimanche
act: les acteurs culturels | les collectivités | les jeunes | les bibliothécaires
obj: le pass Culture | les bibliothèques | les crédits des directions régionales des affaires culturelles | l'éducation artistique
mes: le pass Culture | le plan de soutien à l'éducation artistique et culturelle
but: favoriser l'accès de tous à la culture | soutenir la création artistique
fait: Les crédits de la culture ont été réduits de {montant} millions d'euros en cours d'exercice.
code: code du patrimoine

== arts et spectacles
w: 0.7
min: culture 10
tete: spectacle vivant | intermittents
topic: Spectacle vivant => la situation du spectacle vivant
topic: Festivals => la fragilité économique des festivals
act: les intermittents du spectacle | les compagnies | les festivals | les salles de spectacle
obj: le régime des intermittents | les subventions aux compagnies | la billetterie | le Centre national de la musique
mes: le fonds de soutien aux festivals | le Centre national de la musique
but: soutenir le spectacle vivant | préserver la diversité de l'offre culturelle
fait: De nombreux festivals ont été annulés faute d'équilibre financier.
code: code du travail

== patrimoine culturel
w: 0.7
min: culture 10
tete: monuments historiques | églises
topic: Patrimoine religieux => la préservation du patrimoine religieux
topic: Monuments historiques => la restauration des monuments historiques
act: les propriétaires de monuments historiques | les communes | les architectes des bâtiments de France | les associations de sauvegarde
obj: les églises rurales | les monuments historiques | le loto du patrimoine | les avis des architectes des bâtiments de France
mes: la mission Patrimoine | le fonds incitatif pour les monuments historiques
but: préserver le patrimoine | soutenir les communes propriétaires d'édifices protégés
fait: Plusieurs églises de la circonscription sont fermées au public pour des raisons de sécurité.
code: code du patrimoine

== presse et livres
w: 0.5
min: culture 10
tete: presse | librairies
topic: Presse locale => la situation de la presse quotidienne régionale
topic: Librairies indépendantes => la situation des librairies indépendantes
act: les éditeurs de presse | les libraires | les diffuseurs de presse | les auteurs
obj: les aides à la presse | le prix unique du livre | les kiosques | la distribution de la presse
mes: la loi relative au prix unique du livre | le fonds stratégique pour le développement de la presse
but: garantir le pluralisme de la presse | soutenir les librairies indépendantes
fait: Plus de {nombre} points de vente de presse ont fermé en dix ans.
code: code de la propriété intellectuelle

== audiovisuel et communication
w: 0.6
min: culture 10
tete: audiovisuel public | radios
topic: Audiovisuel public => le financement de l'audiovisuel public
topic: Radios locales => l'avenir des radios associatives
act: les radios associatives | les téléspectateurs | les chaînes locales | les salariés de l'audiovisuel public
obj: le fonds de soutien à l'expression radiophonique | la redevance audiovisuelle | la radio numérique terrestre
mes: le fonds de soutien à l'expression radiophonique
but: garantir un financement pérenne de l'audiovisuel public | soutenir les radios associatives
fait: Les radios associatives emploient près de {nombre} salariés sur l'ensemble du territoire.
code: code du patrimoine

== numérique
w: 0.8
min: numerique 8, economie 2
tete: inclusion numérique | protection des données
topic: Inclusion numérique => l'inclusion numérique
topic: Intelligence artificielle => l'encadrement de l'intelligence artificielle
act: les personnes éloignées du numérique | les conseillers numériques | les entreprises du numérique | les collectivités
obj: les conseillers numériques | les données personnelles | l'intelligence artificielle | l'identité numérique
mes: le dispositif des conseillers numériques | la stratégie nationale pour l'intelligence artificielle
but: réduire la fracture numérique | protéger les données personnelles
fait: Près de {pct} % de la population serait en situation d'illectronisme.
code: code des postes et des communications électroniques

== internet
w: 0.6
min: numerique 8, justice 2
tete: réseaux sociaux | cyberharcèlement
topic: Réseaux sociaux => la protection des mineurs sur les réseaux sociaux
topic: Cyberharcèlement => la lutte contre le cyberharcèlement
act: les mineurs | les parents | les plateformes | les victimes de cyberharcèlement
obj: la majorité numérique | les contenus haineux | le contrôle parental | les plateformes en ligne
mes: la loi visant à sécuriser et réguler l'espace numérique | le règlement européen sur les services numériques
but: protéger les mineurs en ligne | lutter contre la haine en ligne
fait: L'âge moyen d'inscription sur les réseaux sociaux serait désormais inférieur à treize ans.
code: code pénal

== télécommunications
w: 0.8
min: numerique 8, cohesion_territoires 2
tete: téléphonie mobile | fibre optique
topic: Zones blanches => la couverture en téléphonie mobile des zones blanches
topic: Déploiement de la fibre optique => les malfaçons dans le déploiement de la fibre optique
topic: Fin du réseau cuivre => la fermeture du réseau cuivre
act: les habitants des zones rurales | les opérateurs | les collectivités | les usagers
obj: la fibre optique | le réseau cuivre | les zones blanches | les pylônes de téléphonie mobile
mes: le plan France très haut débit | le new deal mobile
but: garantir une couverture numérique de qualité | achever le déploiement de la fibre optique
fait: Plusieurs communes restent privées de toute couverture mobile fiable.
code: code des postes et des communications électroniques

== femmes
w: 0.8
min: egalite_femmes_hommes 7, justice 3
tete: violences | droits
topic: Violences faites aux femmes => la lutte contre les violences faites aux femmes
topic: Hébergement d'urgence des femmes victimes => l'hébergement d'urgence des femmes victimes de violences
act: les femmes victimes de violences | les associations d'aide aux victimes | les enquêteurs | les professionnels de santé
obj: les ordonnances de protection | le téléphone grave danger | les places d'hébergement d'urgence | l'aide universelle d'urgence
mes: le téléphone grave danger | l'aide universelle d'urgence
but: mieux protéger les femmes victimes de violences | renforcer l'accompagnement des victimes
fait: En {annee}, plus de {nombre} femmes ont été victimes de violences conjugales.
code: code pénal

== égalité des sexes et parité
w: 0.5
min: egalite_femmes_hommes 8, travail 2
tete: égalité professionnelle | parité
topic: Égalité salariale => l'égalité salariale entre les femmes et les hommes
topic: Index de l'égalité professionnelle => l'index de l'égalité professionnelle
act: les salariées | les entreprises | les femmes cheffes d'entreprise | les partenaires sociaux
obj: les écarts de rémunération | l'index de l'égalité professionnelle | la parité dans les instances dirigeantes
mes: l'index de l'égalité professionnelle | la directive européenne sur la transparence salariale
but: garantir l'égalité professionnelle | réduire les écarts de rémunération
fait: L'écart de rémunération entre les femmes et les hommes atteint encore {pct} %.
code: code du travail

== drogue
w: 0.5
min: interieur 5, sante 5
tete: trafic | prévention
topic: Trafic de stupéfiants => le trafic de stupéfiants
topic: Protoxyde d'azote => l'usage détourné du protoxyde d'azote
act: les habitants des quartiers | les forces de l'ordre | les jeunes | les professionnels de l'addictologie
obj: les points de deal | le protoxyde d'azote | la prévention des addictions | l'amende forfaitaire délictuelle
mes: le plan national de lutte contre les stupéfiants | la loi visant à sortir la France du piège du narcotrafic
but: démanteler les réseaux de trafic | prévenir les conduites addictives
fait: Plusieurs règlements de comptes liés au trafic ont endeuillé la circonscription.
code: code de la santé publique

== harcèlement
w: 0.4
min: education_nationale 6, justice 4
tete: harcèlement scolaire | harcèlement moral
topic: Harcèlement scolaire => le harcèlement scolaire
topic: Harcèlement au travail => le harcèlement moral au travail
act: les élèves | les familles | les équipes éducatives | les victimes
obj: le délit de harcèlement scolaire | les dispositifs de signalement | les réseaux sociaux
mes: le programme pHARe | le numéro national 3018
but: mieux prévenir le harcèlement | protéger les victimes de harcèlement
fait: Près d'un élève sur dix serait victime de harcèlement au cours de sa scolarité.
code: code de l'éducation

== mort et décès
w: 0.4
min: interieur 6, justice 2, sante 2
tete: funérailles | certificats de décès
topic: Certificats de décès => l'établissement des certificats de décès
topic: Coût des obsèques => le coût des obsèques
act: les familles endeuillées | les médecins | les opérateurs funéraires | les maires
obj: les certificats de décès | les concessions funéraires | le coût des obsèques | la crémation
mes: l'extension de la capacité de rédiger les certificats de décès
but: faciliter les démarches des familles endeuillées | encadrer le coût des obsèques
fait: Des familles doivent parfois attendre de longues heures avant qu'un médecin vienne constater un décès.
code: code général des collectivités territoriales

== parlement
w: 0.3
min: relations_parlement 8, premier_ministre 2
tete: questions écrites | contrôle
topic: Réponses aux questions écrites => les délais de réponse aux questions écrites
topic: Rapports du Gouvernement => la remise des rapports demandés par le Parlement
act: les parlementaires | les citoyens | les administrations | les commissions permanentes
obj: les questions écrites | les rapports au Parlement | les ordonnances | l'application des lois
mes: la circulaire relative aux relations avec le Parlement
but: garantir le contrôle parlementaire | améliorer l'information du Parlement
fait: Le taux de réponse aux questions écrites n'a pas dépassé {pct} % au cours de la dernière session.
code: code des relations entre le public et l'administration

== commerce extérieur
w: 0.3
min: commerce_exterieur 7, economie 3
tete: exportations | accords commerciaux
topic: Déficit commercial => le déficit commercial de la France
topic: Droits de douane américains => les conséquences des droits de douane américains
act: les exportateurs | les entreprises françaises | les viticulteurs | les filières exportatrices
obj: les droits de douane | les exportations françaises | le soutien à l'export | les accords commerciaux
mes: le plan de soutien à l'export | le dispositif Team France Export
but: soutenir les entreprises exportatrices | défendre les intérêts commerciaux français
fait: Les exportations de vins et spiritueux ont reculé de {pct} % en {annee}.
code: code des douanes

== aide au développement
w: 0.3
min: partenariats_internationaux 6, affaires_etrangeres 4
tete: aide publique | solidarité internationale
topic: Aide publique au développement => la baisse de l'aide publique au développement
act: les organisations non gouvernementales | les pays partenaires | les collectivités engagées dans la coopération | les populations bénéficiaires
obj: l'aide publique au développement | l'Agence française de développement | la coopération décentralisée
mes: la loi de programmation relative au développement solidaire | le fonds de solidarité pour le développement
but: respecter les engagements internationaux de la France | soutenir la solidarité internationale
fait: L'aide publique au développement a été réduite de {montant} millions d'euros en cours d'année.
code: code monétaire et financier

== heure légale
w: 0.2
min: economie 5, transition_ecologique 5
tete: changement d'heure
topic: Changement d'heure => la suppression du changement d'heure
act: les citoyens | les parents | les agriculteurs | les entreprises
obj: le changement d'heure | l'heure d'été | la consultation européenne
mes: la proposition de directive européenne relative aux changements d'heure
but: mettre fin au changement d'heure saisonnier | harmoniser l'heure légale au niveau européen
fait: Une large majorité de citoyens s'est prononcée pour la suppression du changement d'heure.
code: code civil

== moyens de paiement
w: 0.3
min: economie 10
tete: espèces | paiement
topic: Paiement en espèces => le refus du paiement en espèces
act: les consommateurs | les commerçants | les personnes âgées | les personnes non bancarisées
obj: le paiement en espèces | les chèques | les paiements sans contact | la fraude aux paiements
mes: le cours légal des espèces
but: garantir le droit de payer en espèces | sécuriser les moyens de paiement
fait: De plus en plus de commerces refusent les paiements en espèces.
code: code monétaire et financier

== nuisances
w: 0.4
min: transition_ecologique 6, interieur 4
tete: bruit | nuisances sonores
topic: Nuisances sonores => les nuisances sonores liées au trafic aérien
topic: Radars sonores => l'expérimentation des radars sonores
act: les riverains | les associations de riverains | les maires | les motards
obj: le bruit routier | le trafic aérien | les deux-roues motorisés | les plans de prévention du bruit
mes: le plan national de lutte contre le bruit | le dispositif de contrôle automatisé du bruit
but: réduire les nuisances sonores | protéger la santé des riverains
fait: Les riverains subissent un niveau de bruit supérieur de {pct} décibels aux valeurs recommandées.
code: code de l'environnement

== sang et organes humains
w: 0.2
min: sante 10
tete: don du sang | greffes
topic: Don du sang => le don du sang
topic: Don d'organes => le don d'organes
act: les donneurs | les équipes de l'Établissement français du sang | les patients en attente de greffe | les familles
obj: les réserves de sang | les collectes mobiles | le don d'organes | les listes d'attente de greffe
mes: le plan greffe | la stratégie de l'Établissement français du sang
but: encourager le don du sang | réduire l'attente des patients en attente de greffe
fait: Les réserves de sang sont passées sous le seuil d'alerte à plusieurs reprises en {annee}.
code: code de la santé publique

== services à la personne
w: 0.3
min: travail 6, solidarites 4
tete: emplois à domicile | aides ménagères
topic: Avance immédiate du crédit d'impôt => l'avance immédiate du crédit d'impôt pour les services à la personne
act: les particuliers employeurs | les salariés du particulier employeur | les entreprises de services à la personne
obj: le chèque emploi service universel | l'avance immédiate | les cotisations sociales des particuliers employeurs
mes: l'avance immédiate du crédit d'impôt
but: soutenir l'emploi à domicile | simplifier les démarches des particuliers employeurs
fait: Le secteur emploie plus de {nombre} salariés dans la région.
code: code du travail
"""
