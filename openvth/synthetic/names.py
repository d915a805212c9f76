# ruff: noqa: E501  (tables read best as one row a line)
"""Word lists for a plausible synthetic Netherlands. Nothing here names a real company or address."""

# (CBS code, name, rough RD box (x_min, y_min, x_max, y_max), number of municipalities on 1-1-2023,
#  4-digit postcode range (first, last)); boxes stay inland so every point is within EPSG:28992 bounds
PROVINCES = (
    ("PV20", "Groningen", (215_000, 550_000, 270_000, 600_000), 10, (9300, 9999)),
    ("PV21", "Fryslân", (155_000, 545_000, 210_000, 590_000), 18, (8400, 9299)),
    ("PV22", "Drenthe", (215_000, 520_000, 265_000, 560_000), 12, (7800, 7999)),
    ("PV23", "Overijssel", (195_000, 470_000, 260_000, 530_000), 25, (7400, 7799)),
    ("PV24", "Flevoland", (145_000, 480_000, 185_000, 530_000), 6, (8200, 8399)),
    ("PV25", "Gelderland", (155_000, 425_000, 245_000, 485_000), 51, (6500, 7399)),
    ("PV26", "Utrecht", (125_000, 440_000, 165_000, 475_000), 26, (3400, 3999)),
    ("PV27", "Noord-Holland", (105_000, 475_000, 145_000, 555_000), 44, (1000, 1999)),
    ("PV28", "Zuid-Holland", (70_000, 425_000, 125_000, 475_000), 50, (2000, 3399)),
    ("PV29", "Zeeland", (25_000, 370_000, 75_000, 410_000), 13, (4300, 4599)),
    ("PV30", "Noord-Brabant", (85_000, 375_000, 195_000, 420_000), 56, (4600, 5799)),
    ("PV31", "Limburg", (178_000, 315_000, 208_000, 415_000), 31, (5800, 6499)),
)

# (code, name, province code, Brzo service, number of member municipalities); 29 services as in 2023
SERVICES = (
    ("OD-GRN", "Omgevingsdienst Groningen", "PV20", True, 10),
    ("OD-FUMO", "Fryske Utfieringstsjinst Miljeu en Omjouwing", "PV21", False, 18),
    ("OD-RUDD", "Regionale Uitvoeringsdienst Drenthe", "PV22", False, 12),
    ("OD-IJSL", "Omgevingsdienst IJsselland", "PV23", False, 11),
    ("OD-TWE", "Omgevingsdienst Twente", "PV23", False, 14),
    ("OD-OFGV", "Omgevingsdienst Flevoland & Gooi en Vechtstreek", "PV24", False, 6),
    ("OD-ODRN", "Omgevingsdienst Regio Nijmegen", "PV25", True, 9),
    ("OD-ODRA", "Omgevingsdienst Regio Arnhem", "PV25", False, 9),
    ("OD-ODA", "Omgevingsdienst Achterhoek", "PV25", False, 8),
    ("OD-ODDV", "Omgevingsdienst de Vallei", "PV25", False, 5),
    ("OD-ODNV", "Omgevingsdienst Noord-Veluwe", "PV25", False, 6),
    ("OD-ODR", "Omgevingsdienst Rivierenland", "PV25", False, 6),
    ("OD-ODVIJ", "Omgevingsdienst Veluwe IJssel", "PV25", False, 8),
    ("OD-RUDU", "Regionale Uitvoeringsdienst Utrecht", "PV26", False, 14),
    ("OD-ODRU", "Omgevingsdienst regio Utrecht", "PV26", False, 12),
    ("OD-NZKG", "Omgevingsdienst Noordzeekanaalgebied", "PV27", True, 16),
    ("OD-ODNHN", "Omgevingsdienst Noord-Holland Noord", "PV27", False, 20),
    ("OD-IJMD", "Omgevingsdienst IJmond", "PV27", False, 8),
    ("OD-DCMR", "DCMR Milieudienst Rijnmond", "PV28", True, 14),
    ("OD-ODH", "Omgevingsdienst Haaglanden", "PV28", False, 9),
    ("OD-ODMH", "Omgevingsdienst Midden-Holland", "PV28", False, 7),
    ("OD-ODWH", "Omgevingsdienst West-Holland", "PV28", False, 10),
    ("OD-OZHZ", "Omgevingsdienst Zuid-Holland Zuid", "PV28", False, 10),
    ("OD-RUDZ", "Regionale Uitvoeringsdienst Zeeland", "PV29", False, 13),
    ("OD-OMWB", "Omgevingsdienst Midden- en West-Brabant", "PV30", True, 24),
    ("OD-ODZOB", "Omgevingsdienst Zuidoost-Brabant", "PV30", False, 20),
    ("OD-ODBN", "Omgevingsdienst Brabant Noord", "PV30", False, 12),
    ("OD-RUDZL", "Regionale Uitvoeringsdienst Zuid-Limburg", "PV31", True, 16),
    ("OD-RUDLN", "Regionale Uitvoeringsdienst Limburg-Noord", "PV31", False, 15),
)

# which Brzo service does the Brzo tasks for each province (the six Brzo-omgevingsdiensten, docs/domain.md §1)
BRZO_SERVICE_OF_PROVINCE = {
    "PV20": "OD-GRN", "PV21": "OD-GRN", "PV22": "OD-GRN",
    "PV23": "OD-ODRN", "PV25": "OD-ODRN",
    "PV24": "OD-NZKG", "PV26": "OD-NZKG", "PV27": "OD-NZKG",
    "PV28": "OD-DCMR",
    "PV29": "OD-OMWB", "PV30": "OD-OMWB",
    "PV31": "OD-RUDZL",
}  # fmt: skip

# (code, name, kind): the chain partners and a few water boards
PARTNERS = (
    ("ILT", "Inspectie Leefomgeving en Transport", "inspectorate"),
    ("POLITIE", "Politie", "police"),
    ("OM", "Openbaar Ministerie", "prosecutor"),
    ("IENW", "Ministerie van Infrastructuur en Waterstaat", "ministry"),
    ("WS0155", "Hoogheemraadschap van Delfland", "water_board"),
    ("WS0372", "Hoogheemraadschap Hollands Noorderkwartier", "water_board"),
    ("WS0621", "Waterschap Rivierenland", "water_board"),
    ("WS0654", "Waterschap Aa en Maas", "water_board"),
    ("WS0653", "Wetterskip Fryslân", "water_board"),
)

# place names are a root and an ending; combinations are many and none is a real municipality on purpose
PLACE_ROOTS = (
    "Aal", "Abben", "Alder", "Ammer", "Arn", "Asse", "Baar", "Barne", "Beek", "Beller", "Berke", "Boek", "Bollen",
    "Borne", "Brak", "Bree", "Broek", "Brummel", "Dale", "Deuren", "Dinxel", "Doorn", "Dreu", "Eem", "Egmon",
    "Eike", "Elster", "Emmel", "Esse", "Geer", "Gelder", "Gooi", "Gravel", "Haren", "Heer", "Helder", "Hengel",
    "Hille", "Holten", "Hooge", "Horn", "Ingel", "Kamper", "Kerke", "Klaren", "Laar", "Lange", "Leeu", "Linde",
    "Loen", "Maar", "Meppe", "Middel", "Molen", "Neder", "Nieuwe", "Olde", "Ooster", "Ouder", "Peel", "Rader",
    "Ravens", "Renne", "Rijs", "Rozen", "Schalk", "Scheve", "Sleen", "Steen", "Stolwe", "Ter", "Tolle", "Uden",
    "Valke", "Veen", "Velde", "Vlier", "Voor", "Waal", "Walder", "Wester", "Wier", "Wolde", "Zand", "Zuider",
)  # fmt: skip
PLACE_ENDINGS = (
    "dam", "dijk", "hoven", "wijk", "veen", "horst", "loo", "broek", "drecht", "berg", "sum", "um", "zijl",
    "hout", "meer", "rode", "voorde", "kerk", "schoten", "woude", "beek", "oord", "stein", "ward", "land",
)  # fmt: skip
VILLAGE_PREFIXES = ("", "", "", "Nieuw-", "Oud-", "Groot-", "Klein-", "Sint ")

STREET_ROOTS = (
    "Kerk", "Dorps", "Molen", "School", "Linden", "Eiken", "Beuken", "Wilgen", "Haven", "Nijverheids",
    "Ambachts", "Industrie", "Handels", "Energie", "Fabrieks", "Stations", "Markt", "Kanaal", "Spoor", "Dijk",
    "Veld", "Tulpen", "Rozen", "Berken", "Esdoorn", "Zuid", "Noord", "Oost", "West", "Brink", "Hoog", "Laag",
    "Vaart", "Polder", "Wind", "Zon", "Sluis", "Brug", "Koning", "Prinses",
)  # fmt: skip
STREET_ENDINGS = ("straat", "weg", "laan", "dijk", "kade", "plein", "singel", "steeg", "pad", "park", "hof")
INDUSTRIAL_STREETS = (
    "Industrieweg", "Nijverheidsweg", "Ambachtsweg", "Havenweg", "Energieweg", "Handelsweg", "Edisonstraat",
    "Newtonstraat", "Fokkerstraat", "Kanaaldijk", "Transportweg", "Columbusweg", "Galileistraat", "Zuiderhaven",
)  # fmt: skip

SURNAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
    "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster",
    "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "de Jonge", "Kuipers", "van Veen", "Post",
    "Kuiper", "Veenstra", "Kramer", "van den Brink", "Scholten", "van Wijk", "Postma", "Martens", "Vink",
    "de Ruiter", "Timmermans", "Groen", "Gerritsen", "Jonker", "van Loon", "Boer", "van der Velde", "Willemsen",
    "Smeets", "de Lange", "de Vos", "Bosch", "van Dongen", "Schipper", "de Koning", "van der Laan", "Koning",
)  # fmt: skip
INITIALS = "ABCDEFGHJKLMNPRSTW"
BRAND_WORDS = (
    "Noorder", "Zuider", "Delta", "Rijnmond", "Polder", "Eureka", "Vita", "Nova", "Prima", "Optima", "Euro",
    "Holland", "Neder", "Atlas", "Lemniscaat", "Kompas", "Horizon", "Dijkzicht", "Groenland", "Veluwe",
)  # fmt: skip

LEGAL_SUFFIX = {"bv": " B.V.", "nv": " N.V.", "vof": " V.O.F.", "cooperatie": " U.A.", "stichting": ""}

# sectors: trade words, weight, activity codes (Bal) a typical establishment has, legal-form weights
# (bv, nv, vof, eenmanszaak, stichting, cooperatie), share of sole traders working from home, industrial site
SECTORS = (
    ("Garage", 14, ("Autobedrijf", "Garage", "Autoschade", "Bandenservice"), ("3.81", "3.84", "3.16"), (5, 0, 3, 4, 0, 0), 0.15, True),
    ("Metaal", 9, ("Metaalbewerking", "Constructiebedrijf", "Lasbedrijf", "Staalbouw"), ("3.50", "3.52", "3.7"), (6, 0, 2, 2, 0, 0), 0.1, True),
    ("Hout", 6, ("Timmerfabriek", "Houtbewerking", "Meubelmakerij", "Interieurbouw"), ("3.66", "3.52"), (4, 0, 2, 4, 0, 0), 0.3, True),
    ("Voeding", 10, ("Bakkerij", "Slagerij", "Kaasmakerij", "Banketbakkerij"), ("3.73", "3.7"), (3, 0, 3, 4, 0, 0), 0.2, False),
    ("Agrarisch", 16, ("Veehouderij", "Melkveebedrijf", "Akkerbouw", "Loonbedrijf"), ("3.201", "3.7"), (2, 0, 4, 5, 0, 1), 0.6, False),
    ("Glas", 4, ("Kwekerij", "Tuinbouw", "Glastuinbouw"), ("3.211", "3.7", "3.18"), (4, 0, 3, 2, 0, 1), 0.3, False),
    ("Bouw", 8, ("Aannemersbedrijf", "Betoncentrale", "Grondverzet", "Sloopbedrijf"), ("3.59", "3.33"), (6, 0, 2, 2, 0, 0), 0.15, True),
    ("Druk", 3, ("Drukkerij", "Grafisch Bedrijf", "Zeefdrukkerij"), ("3.70", "3.68"), (5, 0, 2, 2, 0, 0), 0.1, True),
    ("Recreatie", 5, ("Jachthaven", "Watersport", "Schietvereniging"), ("3.89", "3.260"), (3, 0, 1, 1, 4, 0), 0.0, False),
    ("Handel", 12, ("Groothandel", "Opslag", "Transport", "Logistiek"), ("3.13", "3.44", "3.7"), (7, 0, 2, 1, 0, 0), 0.05, True),
    ("Zorg", 4, ("Laboratorium", "Tandtechniek", "Crematorium"), ("3.98", "3.250"), (4, 0, 1, 1, 4, 0), 0.05, False),
    ("Energie", 2, ("Energie", "Zonnepark", "Windpark"), ("3.18", "3.11", "3.7"), (6, 1, 0, 0, 0, 2), 0.0, True),
    ("Afval", 2, ("Recycling", "Containerservice", "Autodemontage"), ("3.30", "3.33", "3.35"), (7, 0, 2, 1, 0, 0), 0.0, True),
)  # fmt: skip

# IED and Brzo establishments come from heavier sectors; activity codes carry an IED category (annex I RIE)
IED_SECTORS = (
    ("Chemie", ("Chemie", "Chemicals", "Polymers", "Coatings"), ("3.39", "3.40", "3.44", "3.68")),
    ("Energie", ("Energiecentrale", "Power", "Raffinaderij"), ("3.6", "3.8", "3.44")),
    ("Afval", ("Afvalverwerking", "Milieuservice", "Afvalenergie"), ("3.28", "3.29", "3.30", "3.31")),
    ("Metaal", ("Staalindustrie", "Gieterij", "Galvanotechniek"), ("3.46", "3.47", "3.48")),
    ("Voeding", ("Zuivel", "Voedingsmiddelenindustrie", "Destructie"), ("3.72", "3.75", "3.225")),
    ("Agrarisch", ("Varkenshouderij", "Pluimveebedrijf", "Vleeskuikenbedrijf"), ("3.200", "3.201")),
    ("Mineraal", ("Cementfabriek", "Steenfabriek", "Keramiek"), ("3.56", "3.58")),
    ("Papier", ("Papierfabriek", "Kartonfabriek", "Textielveredeling"), ("3.62", "3.64")),
    ("Farma", ("Pharma", "Fijnchemie", "Kunstmestfabriek"), ("3.42", "3.41", "3.39")),
)
BRZO_SECTORS = (("Chemie", ("Chemie", "Petrochemie", "Gasopslag", "Tankopslag"), ("3.39", "3.44", "3.13", "3.8")),)
