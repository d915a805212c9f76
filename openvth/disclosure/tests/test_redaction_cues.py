"""Woo redaction: the general cues of a name, address, health passage and public item (issue 15), each on text of its
own making (none copied from the annotated sets)."""

import pytest

from openvth.disclosure import redaction


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
