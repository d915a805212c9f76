"""Woo redaction: the general cues of a name, address, health passage and public item (issue 15), each on text of its
own making (none copied from the annotated sets)."""

import pytest

from openvth.disclosure import redaction
from openvth.disclosure.redaction import detectors
from openvth.disclosure.redaction import names as names_module


def removed_texts(text: str, **kwargs) -> list[str]:
    return [text[s.start : s.end] for s in redaction.find(text, **kwargs)]


def labelled(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in redaction.find(text, **kwargs)]


def covered(text: str, part: str) -> bool:
    """Whether every letter and digit of `part` in `text` is inside a removal."""
    start = text.index(part)
    spans = redaction.find(text)
    return all(any(s.start <= i < s.end for s in spans) for i in range(start, start + len(part)) if text[i].isalnum())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gehoord door brigadier K.L. BRUINSMA en een collega.", "K.L. BRUINSMA"),
        ("Opgemaakt te Assen.\nR. VEENSTRA", "R. VEENSTRA"),
        ("Ik, verbalisant, HOEKSTRA, Marieke, agent van politie, verklaar:", "HOEKSTRA, Marieke"),
        ("Samen met VAN DER MOLEN, Sander (hoofdagent) reed ik naar de loods.", "VAN DER MOLEN, Sander"),
    ],
)
def test_a_surname_in_capitals_after_initials_or_before_a_given_name_goes(text, name):
    assert name in removed_texts(text)


def test_headings_in_capitals_are_no_names():
    assert removed_texts("A. INLEIDING\nB. BEVINDINGEN\nC. CONCLUSIE") == []


def test_an_acronym_before_a_given_name_is_no_surname():
    assert not any("RUD" in part for part in removed_texts("Afzender: RUD, Marloes (team bodem)"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Aanwezig waren ir. T. Wolters (adviseur) en J. Bouma MSc (projectleider).", "J. Bouma MSc"),
        ("Wij, Henk en Anja Dijkstra-Mulder, wonen naast de loods.", "Henk en Anja Dijkstra-Mulder"),
        ("Geachte heer P. te Riele,\n\nU heeft gevraagd om uitstel.", "P. te Riele"),
        ("Aan: Schilderwerken Vd Pol\nt.a.v. de heer R. van de Pol", "Vd Pol"),
    ],
)
def test_the_parts_around_a_found_name_go_with_it(text, name):
    assert covered(text, name), labelled(text)


def test_a_role_word_that_opens_a_sentence_stays_before_the_name():
    assert removed_texts("Vennoten Gert en Lia Brouwer exploiteren de kwekerij.") == ["Gert en Lia Brouwer"]


def test_a_name_before_a_role_does_not_start_inside_a_word():
    text = "Hij heeft COPD. De buurman klaagt."
    assert [label for _, label in labelled(text)] == ["health"]
    assert not any("De" in part for part in removed_texts(text))


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Mijn buurvrouw (nr. 17) hoort het ook en de man van nr. 21 ook.", "nr. 21"),
        ("De stank hangt bij nr. 9. Het is elke avond zo. Mijn zus woont daar.", "nr. 9"),
        ("Het lawaai komt onder de ramen van de bovenburen (Kerkpad 12) uit.", "Kerkpad 12"),
        ("Particulier Vlierstraat 8 (dhr. Mol) belt over de sloop.", "Vlierstraat 8"),
        ("Sloop asbestdak Brinkweg 31 (particulier, mevr. Kok).", "Brinkweg 31"),
        ("Hij woont op het perceel Hooiberg 5 en houdt er kippen.", "Hooiberg 5"),
        ("Melder: Wietske Bosma (roepnaam Wies), Achterom 2-B, Dokkum", "Achterom 2-B"),
        ("De loods staat aan de Veldweg 4, 7711 AB Nieuwleusen, tevens woonadres van de heer Kok.", "Veldweg 4"),
    ],
)
def test_home_addresses_by_more_cues(text, home):
    assert (home, "home_address") in labelled(text) or covered(text, home), labelled(text)


@pytest.mark.parametrize(
    "text",
    [
        "Monster nr. 3 is genomen bij tank nr. 4; de bewoners zijn ingelicht.",
        "Locatie Havenweg 3 is op 2 mei gecontroleerd.",
        "Hij woont in Epe. Zie artikel 5 lid 2 nr. 4 van de verordening.",
    ],
)
def test_sample_tank_and_article_numbers_and_a_located_establishment_are_no_home(text):
    assert [label for _, label in labelled(text) if label == "home_address"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Bij het pand van Garage Demir (eigenaar de heer Ali Demir, eenmanszaak, Industrieweg 12) brandde een auto.",
        "Uitvoerder is Schildersbedrijf P. Vos (eenmanszaak, KvK 12345678), Stationsweg 9 Zwolle.",
    ],
)
def test_an_address_right_after_an_enterprise_cue_is_its_business_address(text):
    assert [label for _, label in labelled(text) if label.endswith("address")] == []


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Hij zei dat hij herstelt van een knieoperatie.", "herstelt van een knieoperatie"),
        ("Zij heeft al last van haar longen en daarvoor onder behandeling is bij het Ziekenhuis Oost.", "longen"),
        ("Mijn zoon heeft bronchiale astma en moest twee keer naar de spoedeisende hulp.", "spoedeisende hulp"),
        ("Hij is door zijn huisarts doorverwezen naar de POH-GGZ vanwege oververmoeidheid.", "oververmoeidheid"),
        ("Zij meldt dat haar man sinds maart een longontsteking heeft gehad en nu puffers gebruikt.", "gebruikt"),
        ("Aanwezig: Pieter Smit. Afwezig: Karin de Wit (ziek – rugklachten).", "ziek – rugklachten"),
        ("Melder geeft aan dat Ingrid hartpatiënt is en slecht slaapt.", "hartpatiënt"),
        ("Zijn buurman heeft epilepsie die door knipperend licht kan opspelen.", "kan opspelen"),
        ("Betrokkene is opgenomen in een GGZ-instelling.", "GGZ-instelling"),
    ],
)
def test_a_health_passage_goes_with_its_verb_place_of_care_and_joined_terms(text, passage):
    assert covered(text, passage), labelled(text)
    assert ("health" in {label for _, label in labelled(text)}) is True


def test_a_health_term_without_a_person_stays():
    assert removed_texts("De ambulance stond die dag voor de deur van het bedrijfspand.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Houder: Combinatie Hoogland Dijkwerken V.O.F. (vennoten: Bouwbedrijf Gerritsen B.V. en Van Oord en Zn "
        "B.V.) voert het werk uit.",
        "Centrale: 024-351 00 00 (algemeen).",
        "Het algemeen nummer van de omgevingsdienst is 0182-54 56 00.",
        "Transport door Ardennen Bulk Transport BV (ondernemingsnr. 0812.345.671).",
        "Rijkswaterstaat West-Nederland Noord\nWatervergunning",
        "Stuur de stukken naar juristen-vergunningen@odzuid.nl of wvl-handhaving@rws.nl.",
    ],
)
def test_partnerships_of_companies_general_numbers_foreign_companies_bodies_and_department_mailboxes_stay(text):
    assert removed_texts(text) == []


def test_a_partnership_with_a_natural_person_among_its_partners_keeps_its_personal_name_removed():
    text = "Houder: Hoveniersbedrijf Kramer V.O.F. (vennoten: Jeroen Kramer en Tuin Beheer B.V.) snoeit de bomen."
    assert "Kramer" in removed_texts(text)


def test_a_personal_mailbox_with_a_department_word_goes():
    assert removed_texts("Mail j.postma-handhaving@odzuid.nl voor vragen.") == ["j.postma-handhaving@odzuid.nl"]


def test_a_phone_number_without_a_general_cue_still_goes():
    assert removed_texts("Centrale: 024-351 00 00 (algemeen), mobiel toezichthouder 06-41 22 33 44.") == [
        "06-41 22 33 44"
    ]


def test_a_bestuurder_by_surname_alone_later_stays_and_a_namesake_goes():
    text = (
        "Aanwezig: wethouder M. Van Vliet-Hendriks, H. Kaal (beleid)\n\n"
        "Rondvraag\nVan Vliet-Hendriks vraagt om een brief. Melder Sanne Van Vliet-Hendriks belde ook."
    )
    removed = removed_texts(text)
    assert "H. Kaal" in removed and "Sanne Van Vliet-Hendriks" in removed
    assert text.count("Van Vliet-Hendriks") - sum(r.count("Van Vliet-Hendriks") for r in removed) == 2


def test_the_kvk_number_right_after_a_persons_full_name_is_personal():
    text = "De bus staat op naam van Installatietechniek B. Yıldız, KvK 87654321."
    assert ("87654321", "personal_kvk") in labelled(text)


def test_the_kvk_number_after_a_shop_with_a_given_name_only_stays():
    assert "87654321" not in removed_texts("Een kapsalon (Kapsalon Sanne, KvK 87654321) is gecontroleerd.")


def test_a_birth_place_goes_with_its_country():
    assert covered("Geboorteplaats: Luik (België)\nNationaliteit: Belgische", "Luik (België)")


# --- persons by a code of capitals (notes and minutes of officials)


def test_a_code_defined_beside_a_name_goes_everywhere_and_an_abbreviation_of_a_body_stays():
    text = (
        "Aanwezig:\nTW – Tamara Wijnberg, handhaver\nPdK – Pieter de Kruijf, jurist RUD\n\n"
        "1. Stand van zaken\nTW: de RUD heeft de loods bezocht.\nPdK wijst op de zienswijze.\nActie: TW."
    )
    removed = removed_texts(text)
    assert removed.count("TW") == 3 and removed.count("PdK") == 2
    assert "RUD" not in " ".join(removed)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Het rapport volgt.\n\nParaaf behandelaar: LvdM", ["LvdM"]),
        ("De loods is leeg.\n\nverslag: HJ / RtB", ["HJ", "RtB"]),
        ("bijeenkomst 3 maart, genoteerd\n\nopgesteld 04-03-2025 – DK / FvE", ["DK", "FvE"]),
        ("ter plaatse: AvdB (toezicht OD), de eigenaar en zijn zoon", ["AvdB"]),
        ("De tank is gekeurd.\nNog navragen bij de leverancier.\n\nMvH", ["MvH"]),
    ],
)
def test_a_code_after_a_field_before_a_role_or_alone_under_a_note_goes(text, codes):
    assert removed_texts(text)[-len(codes) :] == codes


def test_a_code_beside_a_name_goes_and_an_organisation_beside_one_stays():
    text = "Gecontroleerd door: Anouk Verbeek, VA\nRapport: ing. S.L. Meijer, ODR\nVA belt de eigenaar."
    removed = removed_texts(text)
    assert removed.count("VA") == 2 and "ODR" not in removed


def test_an_abbreviation_after_a_bare_door_is_no_code():
    assert removed_texts("De opslag is bezocht door ILT en daarna door de NVWA.") == []


# --- names in forms no rule foresaw


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Naam      : BAKIRCI\nVoornamen : Levent\n", "BAKIRCI"),
        ("achternaam : OSEI\nvoornamen  : Kwame Yaw\n", "OSEI"),
        ("De post was gericht aan:\nMARTINA, Rignald E.\ngeb. 02-05-1990 te Willemstad", "MARTINA, Rignald E."),
        ("Getuige:\n  BERG, Sanne van den\n  geb. 04-04-1994 te Zwolle", "BERG, Sanne van den"),
        ("Bewoner 2\nWIDODO, Bayu Setiawan, geb. 12-12-1970 te Bandung", "WIDODO, Bayu Setiawan"),
        ("Zij verklaarde dat het afval van haar broer Tjerkbert is.", "Tjerkbert"),
        ("Volgens collega Pieter B. was de poort open.", "Pieter B."),
    ],
)
def test_names_in_fields_records_after_kin_and_titles_go(text, name):
    assert covered(text, name)


def test_a_given_name_after_de_and_a_role_goes_only_where_the_lists_know_it():
    assert covered("Volgens de medewerker Pieter was alles gesloten.", "Pieter")
    assert removed_texts("Het contact liep via de medewerker Vergunningen van de gemeente.") == []


def test_a_surname_in_capitals_goes_in_the_texts_own_case_later():
    text = "Betrokkene:\nDE KRUIF, Willemijn\ngeb. 01-01-1980\n\nHet afval is door De Kruif zelf verbrand."
    assert "De Kruif" in removed_texts(text)


def test_a_foreign_title_opens_a_name():
    text = "Wij spraken met Frau Ostermann en Mrs Whitfield over de vracht."
    names = [text[s.start : s.end] for s in names_module.name_spans(text)]
    assert "Frau Ostermann" in names and "Mrs Whitfield" in names


def test_a_titled_person_before_an_organisation_named_after_them_goes():
    text = "Het ontwerp is van ing. Bram Kooistra van Kooistra & Zwart Ingenieurs B.V. uit Sneek."
    removed = removed_texts(text)
    assert "ing. Bram Kooistra" in removed and "Kooistra & Zwart Ingenieurs B.V." not in " ".join(removed)


def test_the_son_of_a_family_business_is_part_of_its_personal_trade_name():
    text = "De container is van Transportbedrijf Van der Wal & Zoon V.O.F. uit Urk."
    assert covered(text, "Van der Wal & Zoon")


def test_a_street_named_after_a_person_is_no_name():
    text = "Pleegplaats : container Pieter Postmastraat t.h.v. nr. 12, Sneek"
    assert ("Pieter Postmastraat", "person") not in labelled(text)


def test_a_table_of_complainants_removes_names_and_homes_not_places():
    text = (
        "Nr | Datum | Klager | Adres klager | Klacht\n"
        "1 | 02-05 | jansen-de wit | Populierenlaan 14, 3451 AB Vleuten | stank\n"
        "2 | 03-05 | KOC, H. | Eikenlaan 3 | lawaai\n"
        "3 | 04-05 | anoniem | Vleuten | stank\n"
    )
    removed = removed_texts(text)
    assert {"jansen-de wit", "KOC, H.", "Eikenlaan 3"} <= set(removed)
    assert "Populierenlaan 14, 3451 AB" in removed
    assert not any("anoniem" in r or "Vleuten" in r for r in removed)


# --- officials' numbers, records and registrations


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Verbalisanten: J. Kok (BOA-nr 4410001) en P. Smit.", "4410001"),
        ("Toezicht: L. Bos, BOA 3300112.", "3300112"),
        ("Boa's: R. Dekker (nr. 2204411), S. Mol (nr. 2204412)", "2204412"),
        ("Hij toonde rijbewijs nr. DE 77120/19/3344 en een pasje.", "DE 77120/19/3344"),
        ('De spullen werden aangeboden door een account "kees_tuin_88" op een marktplaats.', "kees_tuin_88"),
        ("Hij toonde zijn vaarbewijs, nummer 8812003311, aan de boa.", "8812003311"),
        ("Paspoort: XK 4410228\nNationaliteit: Pools", "XK 4410228"),
        ("Een auto met Belgisch kenteken 2-XYZ-123 stond op de stoep.", "2-XYZ-123"),
        ("Trekker met Duits kenteken KLE 4821 reed weg.", "KLE 4821"),
    ],
)
def test_service_document_and_registration_numbers_go(text, number):
    assert covered(text, number)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Voornaam     : Jan\nGeboren      : 3 maart 1975 te Gdynia\n", "3 maart 1975"),
        ("Voornaam     : Jan\nGeboren      : 3 maart 1975 te Gdynia\n", "Gdynia"),
        ("Geb.: 11-11-1999, Tiel\n", "11-11-1999, Tiel"),
        ("Gelakt zijn de geboortedatum (5 juni 1950) en het adres van de verdachte.", "5 juni 1950"),
        ("De bestuurder, een 68-jarige man uit Kampen, is gehoord.", "68-jarige"),
    ],
)
def test_a_birth_date_and_place_in_more_layouts_go(text, part):
    assert covered(text, part)


# --- health: more conditions, and the clause a passage stands in


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Haar zoon heeft kinderastma en moet binnen blijven.", "kinderastma"),
        ("Hij kan door zijn slaapapneu niet vroeg beginnen.", "slaapapneu"),
        ("De buurvrouw meldt dat haar man een heupfractuur heeft.", "heupfractuur"),
        ("De operator viel uit door een polsblessure.", "polsblessure"),
        ("Zij vertelde dat haar vader thuis beademd wordt.", "beademd"),
        ("Mijn vrouw kan door haar MS slecht tegen warmte.", "MS"),
        ("Mevrouw De Boer meldde dat zij vanwege haar pollenallergie binnen blijft.", "pollenallergie"),
    ],
)
def test_more_conditions_of_a_person_go(text, part):
    assert covered(text, part)


def test_a_health_passage_is_its_clause_but_not_the_cause_or_a_hospital():
    text = (
        "De melder zei dat hij diabetes heeft en op tijd moet eten; hij is gevoelig voor fijnstof bij het "
        "Maasziekenhuis."
    )
    removed = removed_texts(text)
    assert "hij diabetes heeft en op tijd moet eten" in removed
    assert not any("fijnstof" in r or "Maasziekenhuis" in r for r in removed)


# --- homes and the place after them


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Een zienswijze kwam van T. Mulder, wonend aan de Esdoornstraat, en van de buren.", "Esdoornstraat"),
        ("Bloemist T. Vos (eenmanszaak, gevestigd aan huis op Lindeweg 4) is bezocht.", "Lindeweg 4"),
        ("Indiener: H. Braun, Mühlenweg 7, D-47533 Kleve", "D-47533"),
        ("Uw winkel is gevestigd op Marktstraat 8, wat tevens uw woonadres is.", "Marktstraat 8"),
        ("Klacht van een omwonende, Berkenlaan 17, over geur.", "Berkenlaan 17"),
        ("Aan: mevrouw A. de Wit\nKeizersgracht 12 rood\n1015 CS Amsterdam", "Keizersgracht 12 rood"),
        ("Klager Ria Smit (Dorpsweg 5) belde.", "Dorpsweg 5"),
    ],
)
def test_a_home_in_more_forms_goes(text, home):
    assert covered(text, home)


def test_the_place_after_a_home_in_the_context_stays():
    text = "Aan de eigenaar, Dorpsstraat 4, 1234 AB Ommen, zenden wij dit besluit."
    removed = removed_texts(text, remove=["Dorpsstraat 4, 1234 AB Ommen"])
    assert "Dorpsstraat 4, 1234 AB" in removed and not any("Ommen" in r for r in removed)


def test_a_shed_owned_by_a_company_is_no_home():
    text = "In een loods aan de Industrieweg 9, eigendom van Vastgoed Noord B.V., stond afval."
    assert removed_texts(text) == []


# --- public items the rules had taken for personal


@pytest.mark.parametrize(
    "address",
    ["meldkamer@odzuid.nl", "drinkwater@ilent.nl", "ontheffingen@provincie-utrecht.nl", "vergunningen@zwolle.nl"],
)
def test_a_mailbox_of_a_public_body_stays(address):
    assert removed_texts(f"Stuur de stukken naar {address} voor 1 juli.") == []


@pytest.mark.parametrize("address", ["jansen@zwolle.nl", "jdb@odzuid.nl", "peterdevries@gmail.com"])
def test_a_persons_address_at_a_public_body_or_a_provider_goes(address):
    assert removed_texts(f"Stuur de stukken naar {address} voor 1 juli.") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Vragen: info@odzuid.nl of 0345 – 12 34 00.",
        "Contact: RUD Oost, Postbus 5, 7000 AA Doetinchem, 0314 – 35 00 00, handhaving@rudoost.nl",
        "Bezwaar kan schriftelijk of telefonisch via 058 – 212 00 00.",
        "Ingelicht door de receptie (tel. 038 – 400 10 10, algemeen nummer bedrijf).",
    ],
)
def test_an_organisations_general_number_stays(text):
    assert removed_texts(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Contact: Rianne Pos, 088 400 10 00 of info@ilent.nl.", "088 400 10 00"),
        ("Vragen: info@haarlem.nl of 023 - 511 40 20 (rechtstreeks nummer casemanager).", "023 - 511 40 20"),
        ("Contact vennoten: info@tuinderijvandijk.nl, 0228 - 31 20 00", "0228 - 31 20 00"),
        ("Vragen: info@odzuid.nl of 06 - 12 34 56 78.", "06 - 12 34 56 78"),
    ],
)
def test_a_persons_number_beside_a_mailbox_still_goes(text, number):
    assert covered(text, number)


def test_a_bestuurder_in_a_column_of_a_signature_block_stays_and_the_secretary_goes():
    text = (
        "Burgemeester en wethouders van Hoorn,\n\nde secretaris,                 de burgemeester,\n"
        "mr. K.P. Wolters               Fenna de Boer-Klein\n"
    )
    labels = labelled(text)
    assert ("mr. K.P. Wolters", "person") in labels
    assert "Fenna de Boer-Klein" not in removed_texts(text)


def test_a_bestuurder_named_right_after_namens_stays():
    text = "De last is ondertekend namens wethouder Joris Hakvoort-Lenselink op 3 mei."
    assert removed_texts(text) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Aanvrager is Zonnepark Oude Veen C.V., waarvan Oude Veen Beheer B.V. de beherend vennoot is.", "Veen"),
        ("Melding van de GGD Noord- en Oost-Gelderland over legionella.", "Oost-Gelderland"),
        ("Het werk aan de dijk Tiel-Waardenburg ligt stil.", "Tiel-Waardenburg"),
    ],
)
def test_public_names_stay(text, kept):
    assert kept not in " ".join(removed_texts(text))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Klager: A. Kaya en B. Kaya-Demir, Rijnkade 8, Zaltbommel", "Zaltbommel"),
        ("Spedition Krause GmbH\nHafenstraße 3\n41460 Neuss, Deutschland", "Neuss"),
        ("Het werk aan de dijk Tiel-Waardenburg ligt stil.", "Tiel-Waardenburg"),
    ],
)
def test_a_place_after_a_house_number_a_foreign_postcode_or_another_place_is_public(text, place):
    document = redaction.model().deidentify(text, disabled={"redactor"})
    public = redaction.public_spans(text, redaction.Context(), list(document.get_tokens()))
    assert (place, "place") in [(text[s.start : s.end], s.label) for s in public]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Een zienswijze kwam van Buurtvereniging Hoge Rot.", "Buurtvereniging Hoge Rot"),
        ("Melding van de GGD Hollands Midden over legionella.", "GGD Hollands Midden"),
    ],
)
def test_a_compound_association_and_a_health_service_are_organisations(text, body):
    spans = detectors.public_pattern_spans(text)
    assert any(s.label == "organisation" and text[s.start : s.end].startswith(body) for s in spans)


def test_a_double_surname_of_two_places_is_a_name():
    assert covered("Geachte mevrouw Ter Horst-Bloemendaal,", "Ter Horst-Bloemendaal")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ('Geluidstechnicus Bas Kramer, zzp ("Kramer Audio", KvK 79000011), zegt dat het mocht.', "79000011"),
        ('Hij gebruikt de handelsnaam "Schilderwerken Yilmaz" (KvK 80000012), zegt Yilmaz.', "80000012"),
    ],
)
def test_the_kvk_number_of_a_zzper_or_of_a_trade_name_holding_a_persons_name_goes(text, number):
    assert (number, "personal_kvk") in labelled(text)


def test_a_kvk_number_in_a_table_goes_on_the_row_of_a_natural_person_enterprise():
    text = (
        "Bedrijf | Adres | KvK | Sanctie\n"
        "Fietsenmaker Jelle (eenmanszaak, aan huis) | Dorpsweg 2 | 81000013 | LOD\n"
        "Metaalbouw Noord B.V. | Havenweg 4 | 01000014 | LOB\n"
    )
    removed = removed_texts(text)
    assert "81000013" in removed and "01000014" not in removed


def test_a_partnership_of_legal_persons_keeps_its_kvk_number():
    text = "Opslag Noord V.O.F. (KvK 67000015) is een vennootschap onder firma van twee rechtspersonen."
    assert "67000015" not in removed_texts(text)
